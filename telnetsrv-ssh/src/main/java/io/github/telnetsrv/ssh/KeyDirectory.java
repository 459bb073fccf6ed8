package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of {@code authorized_keys} files, one per user: the keys of {@code <dir>/<user>} log in as
 * {@code <user>} only. A user name that could not be a file name of its own ({@code .} or {@code -} first, a
 * separator, anything but ASCII letters, digits, {@code . _ - @}, more than 64 characters) has no file, and neither
 * has one that names another user's file on a case-insensitive file system. The files there at the start are read
 * strictly (a bad line fails the start); a file added later is read at its first login, skipping bad lines. Each file
 * is read again when it changes. Thread-safe.
 */
final class KeyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(KeyDirectory.class);
    private static final Pattern USER_FILE = Pattern.compile("[A-Za-z0-9_@][A-Za-z0-9._@-]{0,63}");

    private final Path dir;
    private final ZoneId zone;
    /** The files found so far, by user: at most one per file in the directory. */
    private final ConcurrentHashMap<String, AuthorizedKeysFile> files = new ConcurrentHashMap<>();

    private KeyDirectory(Path dir, ZoneId zone) {
        this.dir = dir;
        this.zone = zone;
    }

    /**
     * Reads the directory's files strictly.
     *
     * @param dir the directory
     * @param zone the time zone of {@code expiry-time} values without {@code Z}
     * @return the directory
     * @throws IOException if it is not a directory, or one of its files is not a valid authorized_keys file
     */
    static KeyDirectory open(Path dir, ZoneId zone) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("authorized keys directory " + dir + " is not a directory (expected: a "
                    + "directory holding one authorized_keys file per user, named after the user)");
        }
        KeyDirectory made = new KeyDirectory(dir, zone);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Files.isRegularFile(entry)) {
                    continue;
                }
                if (!USER_FILE.matcher(name).matches()) {
                    LOG.warn("authorized keys directory {}: {} ignored (its name is not a user name this server "
                            + "accepts)", dir, entry.getFileName());
                    continue;
                }
                made.files.put(name, AuthorizedKeysFile.open(entry, zone));
            }
        }
        return made;
    }

    /**
     * The file of {@code user}'s keys, if there is one now.
     *
     * @param user the user name the client gave
     * @return the file, or {@code null}
     */
    AuthorizedKeysFile of(String user) {
        if (!USER_FILE.matcher(user).matches()) {
            return null;
        }
        Path file = dir.resolve(user);
        if (!Files.isRegularFile(file)) {
            files.remove(user);
            return null;
        }
        AuthorizedKeysFile known = files.get(user);
        if (known != null) {
            return known;
        }
        if (!namedExactly(file, user)) {
            return null;
        }
        return files.computeIfAbsent(user, u -> AuthorizedKeysFile.lenient(file, zone));
    }

    /** Whether the file's own name is {@code user}, not another case of it (case-insensitive file systems). */
    private static boolean namedExactly(Path file, String user) {
        try {
            Path real = file.toRealPath(LinkOption.NOFOLLOW_LINKS).getFileName();
            return real != null && real.toString().equals(user);
        } catch (IOException e) {
            return false;
        }
    }
}
