package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
 */
final class HostKeys {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeys.class);

    private HostKeys() {
    }

    /**
     * The key pairs in {@code file}, generating and saving one if the file does not exist.
     *
     * @param file the host key file
     * @return at least one key pair
     * @throws IOException if the file cannot be read or written, or holds no private key
     */
    static List<KeyPair> loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                return List.of(create(file));
            } catch (FileAlreadyExistsException e) {
                // Another server made it meanwhile: read theirs.
            }
        }
        return load(file);
    }

    /**
     * The key pairs in {@code file}.
     *
     * @param file an OpenSSH or PEM private key file, not encrypted
     * @return at least one key pair
     * @throws IOException if the file cannot be read or holds no private key
     */
    static List<KeyPair> load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("host key " + file + " is a directory (expected: a private key file)");
        }
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

    /** Generates a key and saves it in {@code file} (owner-only permissions where the file system has them). */
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
        Path temp = Files.createTempFile(dir, ".hostkey", ".tmp");
        try {
            restrict(temp);
            try (OutputStream out = Files.newOutputStream(temp)) {
                new OpenSSHKeyPairResourceWriter().writePrivateKey(pair, "telnetsrv host key", null, out);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot write host key " + file + ": " + e.getMessage(), e);
            }
            Files.move(temp, file); // fails if the file appeared meanwhile: the first one stays
        } finally {
            Files.deleteIfExists(temp);
        }
        LOG.info("generated a new host key in {}", file);
        return pair;
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file,
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
    }
}
