package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** {@code from=} patterns as OpenSSH matches them: wildcards, negation, CIDR blocks, and never a name lookup. */
class AddressPatternsTest {

    private static InetAddress ip(String literal) {
        byte[] bytes = AddressPatterns.literal(literal);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static boolean permits(String patterns, String address) {
        return AddressPatterns.parse(patterns).permits(ip(address));
    }

    @Test
    void wildcardsMatchTheAddressText() {
        assertTrue(permits("192.168.1.*", "192.168.1.7"));
        assertFalse(permits("192.168.1.*", "192.168.10.7"));
        assertTrue(permits("10.0.0.?", "10.0.0.5"));
        assertFalse(permits("10.0.0.?", "10.0.0.15"));
        assertTrue(permits("*", "203.0.113.9"));
        assertTrue(permits("fe80::*", "fe80::1"));
        assertTrue(permits("127.0.0.1", "127.0.0.1"));
        assertFalse(permits("127.0.0.1", "127.0.0.2"));
    }

    @Test
    void aNegatedMatchRefusesWhateverElseMatches() {
        assertFalse(permits("!10.0.0.1,10.0.0.0/24", "10.0.0.1"));
        assertTrue(permits("!10.0.0.1,10.0.0.0/24", "10.0.0.2"));
        assertFalse(permits("10.0.0.0/24,!10.0.0.*", "10.0.0.2"), "a negation after the match counts too");
        assertFalse(permits("!10.0.0.1", "10.0.0.2"), "only negations: nothing is let in");
    }

    @Test
    void cidrBlocksMatchTheirAddressesOfTheirFamily() {
        assertTrue(permits("10.0.0.0/8", "10.200.3.4"));
        assertFalse(permits("10.0.0.0/8", "11.0.0.1"));
        assertTrue(permits("0.0.0.0/0", "198.51.100.1"));
        assertTrue(permits("2001:db8::/32", "2001:db8:1::5"));
        assertFalse(permits("2001:db8::/32", "2001:db9::5"));
        assertFalse(permits("::/0", "127.0.0.1"), "an IPv6 block never matches an IPv4 address");
        assertTrue(permits("::1", "::1"));
        assertTrue(permits("0:0:0:0:0:0:0:1", "::1"), "an address literal matches in any spelling");
    }

    @Test
    void ipv6IsWrittenInItsShortFormForWildcards() {
        assertEquals("::1", AddressPatterns.text(ip("0:0:0:0:0:0:0:1")));
        assertEquals("2001:db8::1", AddressPatterns.text(ip("2001:0db8:0:0:0:0:0:1")));
        assertEquals("1::", AddressPatterns.text(ip("1:0:0:0:0:0:0:0")));
        assertEquals("1:0:2::3", AddressPatterns.text(ip("1:0:2:0:0:0:0:3")), "one zero group is not shortened");
        assertEquals("10.1.2.3", AddressPatterns.text(ip("10.1.2.3")));
    }

    @Test
    void hostNamesAndBadBlocksAreRefusedSayingWhy() {
        for (String name : new String[] {"host.example.com", "*.example.com", "localhost"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AddressPatterns.parse("10.0.0.1," + name));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("host name"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressPatterns.parse("10.0.0.1/8"))
                .getMessage().contains("bits set"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressPatterns.parse("10.0.0.0/33"))
                .getMessage().contains("0..32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressPatterns.parse("1.2.3.4.5/8"))
                .getMessage().contains("not a CIDR block"));
        assertThrows(IllegalArgumentException.class, () -> AddressPatterns.parse("10.0.0.1,,10.0.0.2"));
        assertThrows(IllegalArgumentException.class, () -> AddressPatterns.parse("!"));
    }

    @Test
    void addressLiteralsAreParsedWithoutTheResolver() {
        assertEquals(null, AddressPatterns.literal("1.2.3.4.5"));
        assertEquals(null, AddressPatterns.literal("999.1.1.1"));
        assertEquals(null, AddressPatterns.literal("g:h"));
        assertEquals(null, AddressPatterns.literal(".:1"));
        assertEquals(4, AddressPatterns.literal("255.255.255.255").length);
        assertEquals(16, AddressPatterns.literal("2001:db8::1").length);
    }

    @Test
    void aPatternOfManyStarsIsMatchedWithoutBlowingUp() {
        String stars = "*1".repeat(2000) + "*";
        assertFalse(AddressPatterns.glob(stars, "1".repeat(1000)));
        assertTrue(AddressPatterns.glob("*.*.*.7", "10.0.0.7"));
    }
}
