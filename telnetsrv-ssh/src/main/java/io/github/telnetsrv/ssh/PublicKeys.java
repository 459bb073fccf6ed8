package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's public-key logins: an OpenSSH authorized_keys file, re-read when it changes, and a callback. */
final class PublicKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SshServer.class);

    private PublicKeys() {
    }

    /**
     * The public-key check: the authorized-keys file (read now, so that a mistake fails the start), then the
     * callback.
     *
     * @param config the settings
     * @return the check, or {@code null} when neither is set
     * @throws IOException if the authorized-keys file cannot be read or holds a key that cannot be used
     */
    static PublickeyAuthenticator of(SshServerConfig config) throws IOException {
        PublickeyAuthenticator file = null;
        if (config.authorizedKeys() != null) {
            checkAuthorizedKeys(config.authorizedKeys());
            file = new AuthorizedKeysAuthenticator(config.authorizedKeys());
        }
        KeyAuthenticator callback = config.publicKeys();
        if (file == null && callback == null) {
            return null;
        }
        PublickeyAuthenticator fromFile = file;
        return (username, key, session) -> {
            if (fromFile != null && fromFile.authenticate(username, key, session)) {
                return true;
            }
            if (callback == null) {
                return false;
            }
            try {
                return callback.authenticate(username, key);
            } catch (Exception e) {
                LOG.warn("{}: publicKeys() failed", session.getClientAddress(), e);
                return false;
            }
        };
    }

    private static void checkAuthorizedKeys(java.nio.file.Path file) throws IOException {
        List<AuthorizedKeyEntry> entries;
        try {
            entries = AuthorizedKeyEntry.readAuthorizedKeys(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read authorized keys " + file + ": " + e.getMessage()
                    + " (expected: an OpenSSH authorized_keys file)", e);
        }
        for (AuthorizedKeyEntry entry : entries) {
            try {
                PublicKey key = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                Objects.requireNonNull(key, "no key");
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                throw new IOException("authorized keys " + file + ": cannot use the " + entry.getKeyType()
                        + " key " + entry.getComment() + ": " + e.getMessage(), e);
            }
        }
    }
}
