package io.github.telnetsrv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Authenticator} of {@link Authenticator#ofHashes}: users and their {@link PasswordHash}es, read once.
 * Every check derives one hash, a known user's or a dummy's of the same cost for a name that is unknown, so the
 * time of an answer tells neither whether the name exists nor how much of the password was right. Immutable and
 * thread-safe; a check runs on the calling thread (the session's handler thread, or the SSH server's login thread).
 */
final class HashedPasswords implements Authenticator {

    private final Map<String, PasswordHash> users;
    /** Checked for a name that is unknown: the costliest of the users' hashes, so that no unknown name is faster. */
    private final PasswordHash dummy;

    HashedPasswords(Map<String, String> hashes) {
        Objects.requireNonNull(hashes, "hashes");
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("no users (expected: at least one user and the hash of its password)");
        }
        Map<String, PasswordHash> read = new HashMap<>();
        int iterations = 0;
        int hashBytes = 0;
        for (Map.Entry<String, String> entry : hashes.entrySet()) {
            String user = Objects.requireNonNull(entry.getKey(), "a user name is null");
            String text = Objects.requireNonNull(entry.getValue(), () -> "the hash of user '" + user + "' is null");
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the password hash of user '" + user + "': " + e.getMessage(), e);
            }
            read.put(user, hash);
            if (hash.iterations() > iterations) {
                iterations = hash.iterations();
                hashBytes = hash.hashBytes();
            }
        }
        this.users = Map.copyOf(read);
        this.dummy = PasswordHash.unmatchable(iterations, hashBytes);
    }

    /**
     * Accepts a known user with the right password; refuses anything else, a missing name or password included,
     * after the same work.
     */
    @Override
    public boolean authenticate(String username, String password) {
        boolean known = username != null && users.containsKey(username);
        char[] typed = password == null ? new char[0] : password.toCharArray();
        try {
            boolean matches = checkedFor(username).matches(typed);
            return known & matches & password != null;
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /**
     * The hash a password is checked against for a name: the user's, or the dummy for a name that is unknown (or
     * null), which costs as much.
     */
    PasswordHash checkedFor(String username) {
        PasswordHash hash = username == null ? null : users.get(username);
        return hash != null ? hash : dummy;
    }

    @Override
    public String toString() {
        return "Authenticator.ofHashes[" + users.size() + " users]";
    }
}
