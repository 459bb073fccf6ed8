package io.github.telnetsrv;

/**
 * Decides whether a login is accepted.
 *
 * <p>Called on the session's handler thread, once per attempt. Implementations should compare secrets in
 * constant time ({@link java.security.MessageDigest#isEqual}) and must not treat anything the client sent
 * through NEW-ENVIRON (such as {@code USER}) as proof of identity: environment variables are hints only.
 * The session gives the client the same message whichever of the two was wrong.
 *
 * <p>{@link #ofHashes(java.util.Map)} is one that does all of this, from salted password hashes:
 *
 * <pre>{@code
 * // The hash of each password, made once with PasswordHash.create(...), kept in your settings (this one: "secret").
 * Authenticator logins = Authenticator.ofHashes(Map.of(
 *         "admin", "pbkdf2-sha256$600000$Hiqf6YWJ8ujch152FiLDjQ$twc2DjdUVB10kpYXRodRmPePu+jqhL8sRGrUDCilCu8"));
 *
 * @Override protected Authenticator authenticator() { return logins; }   // Telnet
 * SshServerConfig.builder().passwords(logins)...                          // SSH
 * }</pre>
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Checks one login attempt.
     *
     * @param username the name typed, or {@code null} when the handler asks for no username
     * @param password the password typed, or {@code null} when the handler asks for no password
     * @return {@code true} to accept the login
     * @throws Exception to reject the attempt (treated like {@code false}; logged without the password)
     */
    boolean authenticate(String username, String password) throws Exception;

    /**
     * An authenticator for users with passwords, from the hashes of the passwords ({@link PasswordHash}'s format,
     * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, made by {@link PasswordHash#create(char[])}). The user name is
     * matched exactly (case counts); a login without a password (the handler asks none) is refused.
     *
     * <p>A check takes the same time whatever the answer: it derives one hash, the user's, or for a name that is
     * unknown a dummy one with the largest iteration count among the users (give every user the same count, the
     * default, and an unknown name costs exactly what a known one does), and compares with
     * {@link java.security.MessageDigest#isEqual}. Each check costs the hash's iterations of CPU (a fraction of a
     * second with the default): the login limits (attempts, delay, per-address budget) bound how often a client
     * can ask.
     *
     * @param hashes each user's name and the hash of its password; read once, at this call
     * @return the authenticator, immutable and thread-safe
     * @throws IllegalArgumentException if there are no users, or a hash is not in the format (the message names the
     *     user and says what is wrong, never quoting the hash)
     * @throws NullPointerException if the map, a name or a hash is {@code null}
     */
    static Authenticator ofHashes(java.util.Map<String, String> hashes) {
        return new HashedPasswords(hashes);
    }
}
