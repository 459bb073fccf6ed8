package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void noArgumentsGiveTheDefaults() {
        assertEquals(new DemoOptions(8023, "127.0.0.1", "virtual", false, false), DemoOptions.parse());
    }

    @Test
    void everyFlagIsRead() {
        assertEquals(new DemoOptions(0, "0.0.0.0", "threaded", true, false),
                DemoOptions.parse("--port", "0", "--bind", "0.0.0.0", "--mode", "threaded", "--login"));
    }

    @Test
    void flagsTakeTheEqualsFormToo() {
        assertEquals(new DemoOptions(9000, "::1", "threaded", false, false),
                DemoOptions.parse("--port=9000", "--bind=::1", "--mode=threaded"));
    }

    @Test
    void theSshFlagsAreRead() {
        assertEquals(new DemoOptions(8023, "127.0.0.1", "virtual", false, false, 2222, "keys/host", "ak"),
                DemoOptions.parse("--ssh-port", "2222", "--host-key", "keys/host", "--authorized-keys=ak"));
        DemoOptions none = DemoOptions.parse();
        assertEquals(-1, none.sshPort(), "no SSH unless asked");
        assertEquals("telnetsrv-demo-hostkey", none.hostKey());
        assertEquals(null, none.authorizedKeys());
        assertEquals(0, DemoOptions.parse("--ssh-port=0").sshPort());
        assertMessage("--ssh-port: 70000 (expected: 0..65535)", "--ssh-port", "70000");
        assertMessage("--ssh-port: x (expected: a number 0..65535)", "--ssh-port", "x");
        assertMessage("--host-key needs a value (expected: --host-key FILE)", "--host-key");
    }

    @Test
    void modeIsCaseInsensitive() {
        assertEquals("threaded", DemoOptions.parse("--mode", "THREADED").mode());
    }

    @Test
    void theLastOfARepeatedFlagWins() {
        assertEquals(2, DemoOptions.parse("--port", "1", "--port", "2").port());
    }

    @Test
    void helpIsRead() {
        assertEquals(true, DemoOptions.parse("--help").help());
        assertEquals(true, DemoOptions.parse("-h").help());
    }

    @Test
    void anUnknownFlagSaysWhatIsExpected() {
        assertMessage("unknown argument: --verbose (expected: --port, --bind, --mode, --login, --ssh-port, --host-key, --authorized-keys or --help)",
                "--verbose");
        assertMessage("unknown argument: 8023 (expected: --port, --bind, --mode, --login, --ssh-port, --host-key, --authorized-keys or --help)", "8023");
    }

    @Test
    void aMissingValueIsAnError() {
        assertMessage("--port needs a value (expected: --port N with N in 0..65535)", "--port");
        assertMessage("--bind needs a value (expected: --bind ADDR)", "--bind", "--login");
        assertMessage("--mode needs a value (expected: --mode virtual|threaded)", "--mode");
    }

    @Test
    void aBadPortIsAnError() {
        assertMessage("--port: 65536 (expected: 0..65535)", "--port", "65536");
        assertMessage("--port: -1 (expected: 0..65535)", "--port", "-1");
        assertMessage("--port: http (expected: a number 0..65535)", "--port", "http");
    }

    @Test
    void aBadModeIsAnError() {
        assertMessage("--mode: green (expected: virtual or threaded)", "--mode", "green");
    }

    @Test
    void anAddressThatDoesNotResolveIsAnError() {
        assertMessage("--bind: no-such-host.invalid does not resolve (expected: an IP address or a host name)",
                "--bind", "no-such-host.invalid");
    }

    @Test
    void aValueOnAPlainFlagIsAnError() {
        assertMessage("--login=yes (expected: --login without a value)", "--login=yes");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
