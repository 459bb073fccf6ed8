package io.github.telnetsrv;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted password hash, as {@link Authenticator#ofHashes} checks them: PBKDF2 with HMAC-SHA256 (the JDK's
 * {@code PBKDF2WithHmacSHA256}; the password as UTF-8), kept as one line of text:
 *
 * <pre>
 * pbkdf2-sha256$ITERATIONS$SALT$HASH
 * </pre>
 *
 * <p>{@code ITERATIONS} is a decimal number from {@value #MIN_ITERATIONS} to {@value #MAX_ITERATIONS};
 * {@code SALT} (8 to 64 bytes) and {@code HASH} (16 to 64 bytes, the derived key's length) are Base64, the
 * standard alphabet of RFC 4648, padding optional. {@link #create(char[])} makes one with a random 16-byte salt,
 * a 32-byte hash and {@value #DEFAULT_ITERATIONS} iterations (OWASP's figure for PBKDF2-HMAC-SHA256), which takes
 * a fraction of a second to check: that is the point, it makes guessing slow.
 *
 * <p>To make the hash of a password, from a program or with {@code jshell} and the telnetsrv-api jar on the class
 * path:
 *
 * <pre>{@code
 * $ jshell --class-path telnetsrv-api.jar
 * jshell> io.github.telnetsrv.PasswordHash.create("secret".toCharArray())
 * $1 ==> "pbkdf2-sha256$600000$Hiqf6YWJ8ujch152FiLDjQ$twc2DjdUVB10kpYXRodRmPePu+jqhL8sRGrUDCilCu8"
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} does not show the salt or the hash; {@link #encoded()} does.
 */
public final class PasswordHash {

    /** The iterations {@link #create(char[])} uses. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest iterations a hash may have. */
    public static final int MIN_ITERATIONS = 1_000;
    /** The most iterations a hash may have (a check would take minutes past it). */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String FORMAT = SCHEME + "$ITERATIONS$SALT$HASH";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * The hash of a password, with a new random salt and {@value #DEFAULT_ITERATIONS} iterations.
     *
     * @param password the password (the caller may clear the array afterwards)
     * @return the hash, as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
     */
    public static String create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    /**
     * The hash of a password, with a new random salt and the given iterations.
     *
     * @param password the password (the caller may clear the array afterwards)
     * @param iterations {@value #MIN_ITERATIONS} to {@value #MAX_ITERATIONS}
     * @return the hash, as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
     * @throws IllegalArgumentException if the iterations are out of range
     */
    public static String create(char[] password, int iterations) {
        Objects.requireNonNull(password, "password");
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES)).encoded();
    }

    /**
     * Reads a hash in the format {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}.
     *
     * @param text the hash
     * @return the hash
     * @throws IllegalArgumentException if the text is not in that format, saying what is wrong (never quoting the
     *     salt or the hash)
     */
    public static PasswordHash parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash (expected: " + FORMAT + ")");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations: not a number (expected: " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS + " in " + FORMAT + ")");
        }
        checkIterations(iterations);
        byte[] salt = decode(parts[2], "salt", MIN_SALT_BYTES);
        byte[] hash = decode(parts[3], "hash", MIN_HASH_BYTES);
        return new PasswordHash(iterations, salt, hash);
    }

    /**
     * Whether a password has this hash. Takes the same time for any password of a given length (the time of
     * the iterations), and compares with {@link MessageDigest#isEqual}.
     *
     * @param password the password to check
     * @return true if it matches
     */
    public boolean matches(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] derived = derive(password, salt, iterations, hash.length);
        return MessageDigest.isEqual(derived, hash);
    }

    /**
     * The number of iterations.
     *
     * @return the iterations
     */
    public int iterations() {
        return iterations;
    }

    /**
     * The hash as text, {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}.
     *
     * @return the text, as {@link #parse} reads it
     */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /**
     * A hash with these iterations and this length that no password matches in practice (its bytes are random):
     * checking a password against it costs what a real check costs, which is what an unknown user needs.
     */
    static PasswordHash unmatchable(int iterations, int hashBytes) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[hashBytes];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new PasswordHash(iterations, salt, hash);
    }

    /** The length of the derived key, in bytes. */
    int hashBytes() {
        return hash.length;
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations: " + iterations + " (expected: " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS + ")");
        }
    }

    private static byte[] decode(String base64, String what, int minBytes) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": not Base64 (expected: the standard alphabet of RFC 4648 in "
                    + FORMAT + ")");
        }
        if (bytes.length < minBytes || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(what + ": " + bytes.length + " bytes (expected: " + minBytes + ".."
                    + MAX_BYTES + ")");
        }
        return bytes;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available (expected: every JDK has it)", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * Says what the hash is, without its salt or hash.
     *
     * @return for example {@code PasswordHash[pbkdf2-sha256, 600000 iterations]}
     */
    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }
}
