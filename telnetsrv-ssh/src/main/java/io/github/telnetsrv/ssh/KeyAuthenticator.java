package io.github.telnetsrv.ssh;

import java.security.PublicKey;

/**
 * Decides whether a public key may log in as a user, for keys an application keeps itself (a database, a
 * directory); OpenSSH {@code authorized_keys} files need none
 * ({@link SshServerConfig.Builder#authorizedKeys(String, java.nio.file.Path)},
 * {@link SshServerConfig.Builder#authorizedKeysDirectory(java.nio.file.Path)}).
 * The SSH layer has already checked that the client holds the private key, or does so after this answers yes.
 *
 * <p>Called after the {@code authorized_keys} files did not let the key in, on one of the SSH layer's I/O threads,
 * or on the server's thread that answered the connection's previous authentication request (the key's signature
 * is checked on the same thread, right after): keep it quick, an in-memory lookup; a slow check holds up other
 * connections' traffic. A key it accepts has no options (no forced command, PTY allowed).
 */
@FunctionalInterface
public interface KeyAuthenticator {

    /**
     * Whether {@code key} may log in as {@code username}.
     *
     * @param username the user name the client gave
     * @param key the client's public key
     * @return true to accept
     * @throws Exception if the check fails: the key is refused and the failure logged
     */
    boolean authenticate(String username, PublicKey key) throws Exception;
}
