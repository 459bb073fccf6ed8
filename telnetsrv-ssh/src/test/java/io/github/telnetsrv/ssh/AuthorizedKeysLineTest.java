package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

/** One authorized_keys line: options as OpenSSH writes and reads them, and clear refusals. */
class AuthorizedKeysLineTest {

    private static final String KEY = key();

    private static String key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return PublicKeyEntry.toString(pair.getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthorizedKeysFile.Entry parse(String line) {
        return AuthorizedKeysFile.parse(line, 7, ZoneOffset.UTC);
    }

    private static KeyOptions options(String text) {
        return KeyOptions.parse(text, ZoneOffset.UTC);
    }

    @Test
    void aLineWithoutOptionsIsItsKeyAndComment() {
        AuthorizedKeysFile.Entry entry = parse("  " + KEY + "   alice@laptop  ");
        assertEquals(KeyOptions.NONE, entry.options());
        assertEquals("alice@laptop", entry.comment());
        assertEquals(7, entry.line());
        assertEquals(KEY.split(" ")[1], PublicKeyEntry.toString(entry.key()).split(" ")[1]);
        assertNull(parse(""));
        assertNull(parse("   # a comment " + KEY));
    }

    @Test
    void quotedValuesKeepTheirSpacesCommasAndEscapedQuotes() {
        AuthorizedKeysFile.Entry entry = parse("command=\"echo \\\"a, b\\\"  c\",no-pty " + KEY + " note");
        assertEquals("echo \"a, b\"  c", entry.options().command());
        assertFalse(entry.options().pty());
        assertEquals("note", entry.comment());
        assertEquals("C:\\dir\\x", options("command=\"C:\\dir\\x\"").command(), "a lone backslash stays");
    }

    @Test
    void restrictAndPtyApplyInOrderAndNamesIgnoreCase() {
        assertTrue(options("restrict,pty").pty());
        assertFalse(options("pty,restrict").pty());
        assertFalse(options("NO-PTY").pty());
        assertTrue(options("no-port-forwarding,no-agent-forwarding,No-X11-Forwarding,no-user-rc").pty());
    }

    @Test
    void expiryTimesAreReadInEveryOpenSshForm() {
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), options("expiry-time=\"20000101\"").expiry());
        assertEquals(Instant.parse("2030-06-15T12:30:00Z"), options("expiry-time=\"203006151230\"").expiry());
        assertEquals(Instant.parse("2030-06-15T12:30:45Z"),
                KeyOptions.parse("expiry-time=\"20300615123045Z\"", ZoneOffset.ofHours(5)).expiry());
        assertEquals(Instant.parse("2030-06-15T07:30:00Z"),
                KeyOptions.parse("expiry-time=\"203006151230\"", ZoneOffset.ofHours(5)).expiry(),
                "without Z, the server's time zone");
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"),
                options("expiry-time=\"20300101\",expiry-time=\"20200101\"").expiry(), "the earlier one");
        for (String bad : new String[] {"2000013", "20001301", "2000010112", "20000101x", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> options("expiry-time=\"" + bad + "\""), bad);
            assertTrue(e.getMessage().contains("expiry-time"), e.getMessage());
        }
    }

    @Test
    void theOptionsSayWhyAKeyIsRefused() throws Exception {
        InetAddress local = InetAddress.getLoopbackAddress();
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertNull(options("from=\"127.0.0.1\",expiry-time=\"20250102\"").refusal(local, now));
        assertTrue(options("expiry-time=\"20250101\"").refusal(local, now).contains("expired"));
        assertTrue(options("from=\"10.9.9.9\"").refusal(local, now).contains("from="));
        assertTrue(options("from=\"127.0.0.1\"").refusal(null, now).contains("from="), "no address: refused");
    }

    @Test
    void unsupportedOrMalformedOptionsAreRefusedNamingThem() {
        String[][] cases = {
            {"environment=\"A=b\"", "environment"},
            {"permitopen=\"h:1\"", "permitopen"},
            {"cert-authority", "cert-authority"},
            {"agent-forwarding", "agent-forwarding"},
            {"command=\"a\",command=\"b\"", "command given twice"},
            {"from=\"10.0.0.1\",from=\"10.0.0.2\"", "from given twice"},
            {"command", "without a value"},
            {"command=unquoted", "double quotes"},
            {"command=\"open", "no closing quote"},
            {"no-pty=\"yes\"", "takes no value"},
            {"no-pty,", "ends the options"},
            {"no-pty,,pty", "empty option"},
            {"from=\"example.com\"", "host name"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void aKeyTypeTheServerDoesNotKnowOrAMissingKeyIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("ssh-unknown AAAAB3NzaC1yc2EAAAADAQABAAABAQ comment")).getMessage()
                .contains("key type ssh-unknown"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("no-pty")).getMessage()
                .contains("no key after the options"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("no-pty " + KEY.split(" ")[0]))
                .getMessage().contains("no key data"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse(KEY.split(" ")[0] + " AAAAnotakey")).getMessage().contains("cannot use"));
        assertEquals("ecdsa-sha2-nistp256", KeyUtils.getKeyType(parse("restrict " + KEY).key()));
    }
}
