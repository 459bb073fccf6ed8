package io.github.telnetsrv;

/**
 * Decides whether a login is accepted.
 *
 * <p>Called on the session's handler thread, once per attempt. Implementations should compare secrets in
 * constant time ({@link java.security.MessageDigest#isEqual}) and must not treat anything the client sent
 * through NEW-ENVIRON (such as {@code USER}) as proof of identity: environment variables are hints only.
 * The session gives the client the same message whichever of the two was wrong.
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
}
