package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenSSH {@code authorized_keys} file: a key per line, each with its options ({@link KeyOptions}), blank lines
 * and {@code #} comments skipped. Read strictly when the server starts (the first bad line fails the start, naming
 * the file, the line and the option), then read again whenever the file changes (its time, size or identity): a
 * line that has become bad is then skipped with a warning, as OpenSSH skips it, and a file that cannot be read
 * lets no key in. Thread-safe: lookups run on the SSH I/O threads; a re-read happens under a lock, once.
 */
final class AuthorizedKeysFile {

    /**
     * One key line.
     *
     * @param key the public key
     * @param options its options
     * @param line its line number, from 1
     * @param comment the text after the key, or {@code ""}
     */
    record Entry(PublicKey key, KeyOptions options, int line, String comment) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeysFile.class);

    private final Path file;
    private final ZoneId zone;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Snapshot current;

    private AuthorizedKeysFile(Path file, ZoneId zone, Snapshot first) {
        this.file = file;
        this.zone = zone;
        this.current = first;
    }

    /**
     * Reads the file strictly.
     *
     * @param file the file
     * @param zone the time zone of {@code expiry-time} values without {@code Z}
     * @return the file's keys, kept current
     * @throws IOException if the file cannot be read, or a line is not a usable key with supported options (the
     *         message names the file, the line number and what is wrong)
     */
    static AuthorizedKeysFile open(Path file, ZoneId zone) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IOException("authorized keys " + file + " does not exist (expected: an OpenSSH "
                    + "authorized_keys file)", e);
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("authorized keys " + file + " is not a file (expected: an OpenSSH "
                    + "authorized_keys file)");
        }
        return new AuthorizedKeysFile(file, zone, new Snapshot(attributes, read(file, zone, true)));
    }

    /**
     * A file read when first asked for, leniently (a file found at login time, of a key directory): bad lines are
     * skipped with a warning, and an unreadable file lets no key in.
     *
     * @param file the file
     * @param zone the time zone of {@code expiry-time} values without {@code Z}
     * @return the file's keys, kept current
     */
    static AuthorizedKeysFile lenient(Path file, ZoneId zone) {
        return new AuthorizedKeysFile(file, zone, new Snapshot(null, -1, null, List.of()));
    }

    /** The file. */
    Path file() {
        return file;
    }

    /**
     * The file's keys now, read again first if the file changed; none if it cannot be read (or has gone).
     *
     * @return the key lines, in file order
     */
    List<Entry> entries() {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            warnUnreadable(e);
            return List.of();
        }
        Snapshot seen = current;
        if (seen.sameAs(now)) {
            return seen.entries;
        }
        reading.lock();
        try {
            seen = current;
            if (!seen.sameAs(now)) {
                seen = new Snapshot(now, read(file, zone, false));
                current = seen;
                LOG.info("authorized keys {} read again: {} keys", file, seen.entries.size());
            }
            return seen.entries;
        } catch (IOException e) {
            warnUnreadable(e);
            current = new Snapshot(now, List.of());
            return List.of();
        } finally {
            reading.unlock();
        }
    }

    private void warnUnreadable(IOException e) {
        LOG.warn("authorized keys {} cannot be read, no key of it is accepted: {}", file, e.toString());
    }

    /** Reads every line; strictly, the first bad one throws, else it is skipped with a warning. */
    private static List<Entry> read(Path file, ZoneId zone, boolean strict) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read authorized keys " + file + ": " + e
                    + " (expected: an OpenSSH authorized_keys file, UTF-8)", e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                Entry entry = parse(lines.get(i), i + 1, zone);
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (IllegalArgumentException e) {
                String problem = "authorized keys " + file + " line " + (i + 1) + ": " + e.getMessage();
                if (strict) {
                    throw new IOException(problem, e);
                }
                LOG.warn("{}; the line is skipped", problem);
            }
        }
        return List.copyOf(entries);
    }

    /**
     * One line: {@code [options] key-type base64-key [comment]}.
     *
     * @return the entry, or {@code null} for a blank or comment line
     * @throws IllegalArgumentException saying what is wrong
     */
    static Entry parse(String line, int number, ZoneId zone) {
        String text = line.strip();
        if (text.isEmpty() || text.charAt(0) == '#') {
            return null;
        }
        String first = firstWord(text, 0);
        KeyOptions options = KeyOptions.NONE;
        String keyText = text;
        if (!isKeyType(first) && !looksLikeKey(text, first)) {
            int end = optionsEnd(text);
            options = KeyOptions.parse(text.substring(0, end), zone);
            keyText = text.substring(end).strip();
            if (keyText.isEmpty()) {
                throw new IllegalArgumentException("no key after the options (expected: [options] key-type "
                        + "base64-key [comment])");
            }
        }
        String type = firstWord(keyText, 0);
        if (!isKeyType(type)) {
            throw new IllegalArgumentException("key type " + type + " is not supported (expected: ssh-ed25519, "
                    + "ecdsa-sha2-nistp256/384/521, ssh-rsa, or another type OpenSSH writes)");
        }
        String rest = keyText.substring(type.length()).strip();
        String data = firstWord(rest, 0);
        String comment = rest.substring(data.length()).strip();
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no key data after " + type + " (expected: the base64 key)");
        }
        PublicKey key;
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(type + " " + data);
            key = Objects.requireNonNull(entry, "no key").resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            Objects.requireNonNull(key, "no key");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use the " + type + " key: " + e.getMessage()
                    + " (expected: a key as ssh-keygen writes it in a .pub file)", e);
        }
        return new Entry(key, options, number, comment);
    }

    private static boolean isKeyType(String word) {
        return !word.isEmpty() && (PublicKeyEntry.getKeyDataEntryResolver(word) != null
                || KeyUtils.getPublicKeyEntryDecoder(word) != null);
    }

    /** A key type this server does not know, followed by key data (which always starts with "AAAA"). */
    private static boolean looksLikeKey(String text, String first) {
        return first.indexOf('=') < 0 && first.indexOf('"') < 0
                && firstWord(text, first.length()).startsWith("AAAA");
    }

    /** Where the options end: at the first space or tab outside double quotes. */
    private static int optionsEnd(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                return i;
            }
        }
        throw new IllegalArgumentException(quoted ? "an option's quote is not closed (expected: name=\"value\")"
                : "no key after the options (expected: [options] key-type base64-key [comment])");
    }

    /** The word starting at the first non-blank character at or after {@code from}. */
    private static String firstWord(String text, int from) {
        int start = from;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\t') {
            end++;
        }
        return text.substring(start, end);
    }

    /** The entries read, and the file's state when they were. */
    private record Snapshot(FileTime modified, long size, Object identity, List<Entry> entries) {
        Snapshot(BasicFileAttributes attributes, List<Entry> entries) {
            this(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), entries);
        }

        boolean sameAs(BasicFileAttributes now) {
            return Objects.equals(modified, now.lastModifiedTime()) && size == now.size()
                    && Objects.equals(identity, now.fileKey());
        }
    }
}
