package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Password hashes and the authenticator built from them. Most hashes here have the fewest iterations: speed. */
class PasswordHashTest {

    private static final String ALICE = PasswordHash.create("wonderland".toCharArray(), PasswordHash.MIN_ITERATIONS);
    private static final String BOB = PasswordHash.create("builder".toCharArray(), PasswordHash.MIN_ITERATIONS);
    private static final Authenticator LOGINS = Authenticator.ofHashes(Map.of("alice", ALICE, "bob", BOB));

    @Test
    void theRightPasswordIsAcceptedAndAWrongOneRefused() throws Exception {
        assertTrue(LOGINS.authenticate("alice", "wonderland"));
        assertTrue(LOGINS.authenticate("bob", "builder"));
        assertFalse(LOGINS.authenticate("alice", "builder"), "another user's password");
        assertFalse(LOGINS.authenticate("alice", "wonderlanD"));
        assertFalse(LOGINS.authenticate("alice", "wonderland "));
        assertFalse(LOGINS.authenticate("alice", ""));
        assertFalse(LOGINS.authenticate("Alice", "wonderland"), "the name is matched exactly");
    }

    @Test
    void anUnknownUserIsRefusedAfterTheWorkOfAKnownOne() throws Exception {
        assertFalse(LOGINS.authenticate("mallory", "wonderland"));
        assertFalse(LOGINS.authenticate(null, "wonderland"));
        assertFalse(LOGINS.authenticate("alice", null), "no password: refused");
        HashedPasswords logins = (HashedPasswords) LOGINS;
        PasswordHash known = logins.checkedFor("alice");
        PasswordHash unknown = logins.checkedFor("mallory");
        assertNotSame(known, unknown);
        assertEquals(known.iterations(), unknown.iterations(), "a dummy of the same cost is checked");
        assertEquals(known.hashBytes(), unknown.hashBytes());
        assertEquals(unknown, logins.checkedFor(null));
        assertFalse(unknown.matches("wonderland".toCharArray()));
        assertFalse(unknown.matches(new char[0]));
    }

    @Test
    void theDummyCostsAsMuchAsTheCostliestUser() {
        String cheap = PasswordHash.create("a".toCharArray(), PasswordHash.MIN_ITERATIONS);
        String dear = PasswordHash.create("b".toCharArray(), PasswordHash.MIN_ITERATIONS * 3);
        HashedPasswords logins = (HashedPasswords) Authenticator.ofHashes(Map.of("cheap", cheap, "dear", dear));
        assertEquals(PasswordHash.MIN_ITERATIONS * 3, logins.checkedFor("nobody").iterations());
    }

    @Test
    void aHashIsSaltedAndReadBackInItsFormat() {
        String first = PasswordHash.create("same".toCharArray(), 2_000);
        String second = PasswordHash.create("same".toCharArray(), 2_000);
        assertNotEquals(first, second, "a new salt each time");
        assertTrue(first.matches("pbkdf2-sha256\\$2000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), first);
        PasswordHash hash = PasswordHash.parse(first);
        assertEquals(first, hash.encoded());
        assertEquals(2_000, hash.iterations());
        assertTrue(hash.matches("same".toCharArray()));
        assertFalse(hash.matches("Same".toCharArray()));
        assertEquals("PasswordHash[pbkdf2-sha256, 2000 iterations]", hash.toString(), "no salt or hash shown");
        String[] parts = first.split("\\$");
        String padded = parts[0] + "$" + parts[1] + "$" + parts[2] + "==$" + parts[3] + "=";
        assertTrue(PasswordHash.parse(padded).matches("same".toCharArray()), "padding is optional");
        assertTrue(PasswordHash.parse("  " + first + "\n").matches("same".toCharArray()), "white space around");
    }

    @Test
    void theDefaultIsSixHundredThousandIterations() {
        String hash = PasswordHash.create("secret".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
        assertTrue(Authenticator.ofHashes(Map.of("admin", hash)).toString().contains("1 users"));
    }

    @Test
    void aPublishedPbkdf2HmacSha256VectorMatches() {
        // P = "passwordPASSWORDpassword", S = "saltSALTsaltSALTsaltSALTsaltSALTsalt", c = 4096, dkLen = 40.
        Base64.Encoder base64 = Base64.getEncoder();
        String salt = base64.encodeToString("saltSALTsaltSALTsaltSALTsaltSALTsalt".getBytes(StandardCharsets.UTF_8));
        String hash = base64.encodeToString(HexFormat.of().parseHex(
                "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"));
        PasswordHash vector = PasswordHash.parse("pbkdf2-sha256$4096$" + salt + "$" + hash);
        assertTrue(vector.matches("passwordPASSWORDpassword".toCharArray()));
        assertFalse(vector.matches("passwordPASSWORDpassworD".toCharArray()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plain-text-password|not a password hash (expected: pbkdf2-sha256$ITERATIONS$SALT$HASH)",
        "pbkdf2-sha1$1000$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA|not a password hash (expected: pbkdf2-sha256$ITERATIONS$SALT$HASH)",
        "pbkdf2-sha256$1000$c2FsdHNhbHQ|not a password hash (expected: pbkdf2-sha256$ITERATIONS$SALT$HASH)",
        "pbkdf2-sha256$many$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA|iterations: not a number (expected: 1000..10000000 in pbkdf2-sha256$ITERATIONS$SALT$HASH)",
        "pbkdf2-sha256$999$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA|iterations: 999 (expected: 1000..10000000)",
        "pbkdf2-sha256$2000000000$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA|iterations: 2000000000 (expected: 1000..10000000)",
        "pbkdf2-sha256$1000$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA|salt: 4 bytes (expected: 8..64)",
        "pbkdf2-sha256$1000$c2Fs*HNhbHQ$AAAAAAAAAAAAAAAAAAAAAA|salt: not Base64 (expected: the standard alphabet of RFC 4648 in pbkdf2-sha256$ITERATIONS$SALT$HASH)",
        "pbkdf2-sha256$1000$c2FsdHNhbHQ$AAAAAAAA|hash: 6 bytes (expected: 16..64)"})
    void aMalformedHashIsRefusedWhenTheAuthenticatorIsMadeNamingTheUser(String hash, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Authenticator.ofHashes(Map.of("alice", ALICE, "carol", hash)));
        assertEquals("the password hash of user 'carol': " + problem, e.getMessage());
        assertEquals(problem, assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(hash))
                .getMessage());
    }

    @Test
    void anAuthenticatorNeedsUsersAndNoNulls() {
        assertEquals("no users (expected: at least one user and the hash of its password)",
                assertThrows(IllegalArgumentException.class, () -> Authenticator.ofHashes(Map.of())).getMessage());
        Map<String, String> nullHash = new HashMap<>();
        nullHash.put("dave", null);
        assertThrows(NullPointerException.class, () -> Authenticator.ofHashes(nullHash));
        assertThrows(NullPointerException.class, () -> Authenticator.ofHashes(null));
        assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.create("x".toCharArray(), PasswordHash.MAX_ITERATIONS + 1));
    }
}
