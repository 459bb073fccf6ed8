package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's host key: read from its file (OpenSSH or PEM private key format), or generated and saved there on
 * the first start (ECDSA on P-256, which every OpenSSH client accepts and the JDK makes without another provider),
 * so that clients see the same key after a restart. A file that cannot be read, or holds no private key, fails the
 * start with a message naming it; nothing is overwritten.
 *
 * <p>On a POSIX file system a key file that its group or others may read or write is refused, as OpenSSH refuses
 * one ({@code chmod 600} fixes it). A new key is written to a temporary file created with owner-only permissions,
 * then linked under its name in one step that fails if the name exists: of two servers starting at once on the
 * same missing file, one key wins and both use it. Stateless; any thread.
 */
final class HostKeys {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeys.class);
    /** Permission bits no one but the owner may hold on a private key (OpenSSH: mode &amp; 077). */
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private HostKeys() {
    }

    /**
     * The key pairs in {@code file}, generating and saving one if the file does not exist.
     *
     * @param file the host key file
     * @return at least one key pair
     * @throws IOException if the file cannot be read or written, holds no private key, or others may read it
     */
    static List<KeyPair> loadOrCreate(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return load(file);
        }
        KeyPair made = create(file);
        return made != null ? List.of(made) : load(file); // null: another server's key won, read it
    }

    /**
     * The key pairs in {@code file}.
     *
     * @param file an OpenSSH or PEM private key file, not encrypted, readable by its owner only
     * @return at least one key pair
     * @throws IOException if the file cannot be read, holds no private key, or others may read it
     */
    static List<KeyPair> load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("host key " + file + " is a directory (expected: a private key file)");
        }
        checkOwnerOnly(file);
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> found = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, null);
            if (found != null) {
                found.forEach(pairs::add);
            }
        } catch (NoSuchFileException e) {
            throw new IOException("host key " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IOException("cannot read host key " + file + ": " + e.getMessage()
                    + " (expected: an unencrypted OpenSSH or PEM private key)", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("host key " + file + " is not a usable private key: " + e.getMessage()
                    + " (expected: an unencrypted OpenSSH or PEM private key)", e);
        }
        if (pairs.isEmpty()) {
            throw new IOException("host key " + file + " holds no private key (expected: an unencrypted OpenSSH or "
                    + "PEM private key; delete the file to have a new key generated)");
        }
        return List.copyOf(pairs);
    }

    /** Refuses, on a POSIX file system, a key file whose group or others have any permission. */
    private static void checkOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: its own access rules apply
        } catch (NoSuchFileException e) {
            throw new IOException("host key " + file + " does not exist", e);
        }
        if (!Collections.disjoint(permissions, NOT_OWNER)) {
            throw new IOException("host key " + file + " is accessible by others (permissions "
                    + PosixFilePermissions.toString(permissions) + "); a private key must be readable by its owner "
                    + "only, as OpenSSH requires (expected: rw------- ; fix it with: chmod 600 " + file + ")");
        }
    }

    /**
     * Generates a key and saves it in {@code file}, unless another server saved one there first.
     *
     * @return the new key, or {@code null} if the file appeared meanwhile (the other key is the one to use)
     */
    private static KeyPair create(Path file) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate a host key: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = ownerOnlyTempFile(dir);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                new OpenSSHKeyPairResourceWriter().writePrivateKey(pair, "telnetsrv host key", null, out);
                out.flush();
                channel.force(true); // on disk before it has its name: a crash leaves no empty key file
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot write host key " + file + ": " + e.getMessage(), e);
            }
            if (!publish(temp, file)) {
                LOG.info("host key {} was created by another process meanwhile; using it", file);
                return null;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        LOG.info("generated a new host key in {}", file);
        return pair;
    }

    /**
     * Gives the complete temporary file its name, in one step that fails if the name exists (a hard link; where the
     * file system has none, a move without replacing).
     *
     * @return false if the name already existed
     */
    private static boolean publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here: a move that does not replace (its check and rename are not one step).
        }
        try {
            Files.move(temp, file);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** A new empty file in {@code dir}, created with owner-only permissions where the file system has them. */
    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".hostkey", ".tmp", PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".hostkey", ".tmp"); // not POSIX: its defaults apply
        }
    }
}
