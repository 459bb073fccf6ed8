package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP address literals, read without the name service. */
class AddressLiteralTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0|00000000", "192.0.2.1|c0000201", "255.255.255.255|ffffffff", " 10.0.0.1 |0a000001",
        "::|00000000000000000000000000000000", "::1|00000000000000000000000000000001",
        "1::|00010000000000000000000000000000", "2001:db8::1|20010db8000000000000000000000001",
        "2001:DB8:0:0:8:800:200C:417A|20010db80000000000080800200c417a",
        "1:2:3:4:5:6:7:8|00010002000300040005000600070008",
        "1:2:3:4:5:6:7::|00010002000300040005000600070000", "::2:3:4:5:6:7:8|00000002000300040005000600070008",
        "1::8|00010000000000000000000000000008", "fe80::abcd:0:1|fe800000000000000000abcd00000001",
        "::1.2.3.4|00000000000000000000000001020304", "64:ff9b::192.0.2.33|0064ff9b0000000000000000c0000221",
        "1:2:3:4:5:6:1.2.3.4|00010002000300040005000601020304"})
    void literalsGiveTheirBytes(String word, String hex) {
        InetAddress address = AddressLiteral.parse(word);
        assertArrayEquals(HexFormat.of().parseHex(hex), address.getAddress());
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4AddressAsTheJdkMakesIt() {
        InetAddress address = AddressLiteral.parse("::ffff:192.0.2.1");
        assertTrue(address instanceof Inet4Address, address.toString());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, address.getAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "localhost", "example.com", "1.2.3.4.5", "999.1.1.1", "256.0.0.1", "1.2.3", "1.2.3.", ".1.2.3",
        "1..2.3", "01.2.3.4", "1.2.3.04", "1.2.3.4x", "0x7f.0.0.1", "1.2.3.\u0664", "g:h", "1:2", ":", ":::",
        ":1", "1:", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.4:5", "::256.1.1.1", "1.2.3.4::", "fe80::1%eth0",
        "fe80::1%1", "[::1]", "::\uff11", "::g"})
    void anythingElseIsRefused(String word) {
        assertThrows(IllegalArgumentException.class, () -> AddressLiteral.parse(word), word);
    }

    @Test
    void theNameServiceIsNeverConsulted() {
        List<String> words = List.of("1.2.3.4.5", "999.1.1.1", "g:h", "localhost", "1:2", "1.2.3", "example.invalid",
                "192.0.2.1", "::1");
        Converters.Conversion conversion = Converters.of(Object.class, m -> true).find(InetAddress.class);
        List<String> before = new ArrayList<>(RecordingResolverProvider.NAMES_LOOKED_UP);
        for (String word : words) {
            try {
                conversion.convert(null, word);
            } catch (IllegalArgumentException e) {
                // refused: what matters here is that nothing was looked up
            }
        }
        List<String> after = new ArrayList<>(RecordingResolverProvider.NAMES_LOOKED_UP);
        after.subList(0, before.size()).clear();
        after.retainAll(words);
        assertEquals(List.of(), after, "names looked up by the converter");
    }

    @Test
    void theRecordingNameServiceIsInstalled() throws Exception {
        // The check above means something only if lookups are seen: a name that is no literal is recorded.
        try {
            InetAddress.getByName("telnetsrv-test.invalid");
        } catch (java.net.UnknownHostException e) {
            // expected: .invalid never resolves
        }
        assertTrue(RecordingResolverProvider.NAMES_LOOKED_UP.contains("telnetsrv-test.invalid"));
    }
}
