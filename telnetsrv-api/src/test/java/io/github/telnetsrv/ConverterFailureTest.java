package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A handler's {@link Converter} that throws anything but an {@link IllegalArgumentException} has a bug: that is a
 * failure of the command (logged with its stack trace, a short line for the user, exit status 1), not a usage
 * error of the user's.
 */
class ConverterFailureTest {

    record Host(String name) {
    }

    record Port(int number) {
    }

    record Zone(String name) {
    }

    static class ConvertingHandler extends RecordingHandler {
        @Command(value = "connect", help = "\nConnect to a host")
        void connect(@Param(name = "HOST") Host host) {
            writeResult("connected to " + host.name());
        }

        @Command(value = "listen", help = "\nListen on a port")
        void listen(@Param(name = "PORT") Port port) {
            writeResult("listening on " + port.number());
        }

        @Command(value = "zone", help = "\nEnter a zone")
        void zone(@Param(name = "ZONE") Zone zone) {
            writeResult("in " + zone.name());
        }

        @Converter("a host name")
        Host host(String text) {
            String lookedUp = null; // a bug: the lookup was forgotten
            return new Host(lookedUp.strip() + text);
        }

        @Converter("a port number")
        static Port port(String text) throws IOException {
            if (text.equals("0")) {
                throw new IOException("port table unreadable");
            }
            return new Port(Integer.parseInt(text)); // NumberFormatException: the user's mistake
        }

        @Converter("a zone")
        static Zone zone(String text) {
            throw new AssertionError("zones not loaded");
        }
    }

    private static final Pattern INTERNAL_ERROR =
            Pattern.compile("^Error in ([A-Z]+): internal error \\(ref ([0-9a-f]{6})\\)\r\n");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "connect example.org|CONNECT|Caused by: java.lang.NullPointerException",
        "listen 0|LISTEN|Caused by: java.io.IOException: port table unreadable",
        "zone north|ZONE|java.lang.AssertionError: zones not loaded"})
    void aConverterThatFailsOtherwiseIsAFailureOfTheCommandLoggedWithItsStackTrace(String line, String command,
            String cause) {
        try (LogCapture log = LogCapture.start(); SessionRun run = SessionRun.start(new ConvertingHandler())) {
            run.client.awaitText(PROMPT).type(line + "\r").awaitText(line + "\r\n");
            String answer = run.client.textUntil(PROMPT);
            Matcher matcher = INTERNAL_ERROR.matcher(answer);
            assertTrue(matcher.find(), TestClient.quote(answer));
            assertEquals(command, matcher.group(1));
            assertFalse(answer.contains("Usage:"), "not the user's mistake: " + TestClient.quote(answer));
            String logged = log.text();
            int at = logged.indexOf("failed (ref " + matcher.group(2) + ")");
            assertTrue(at >= 0, "the log line with the reference: " + logged);
            String entry = logged.substring(logged.lastIndexOf('\n', at) + 1);
            assertTrue(entry.contains(" ERROR "), entry);
            if (cause.startsWith("Caused by: ")) {
                // An exception comes wrapped, naming the converter; an error goes as it is.
                assertTrue(entry.contains("java.lang.IllegalStateException: converter " + ConvertingHandler.class
                        .getName() + "."), entry);
            }
            assertTrue(entry.contains(cause), "the converter's failure: " + entry);
            assertTrue(entry.contains("at io.github.telnetsrv.ConverterFailureTest$ConvertingHandler."), entry);
            run.client.type("listen 8080\r").awaitText("listening on 8080\r\n" + PROMPT);
        }
    }

    @Test
    void anIllegalArgumentFromAConverterIsStillTheUsersMistake() {
        try (SessionRun run = SessionRun.start(new ConvertingHandler())) {
            run.client.awaitText(PROMPT).type("listen eighty\r").awaitText("listen eighty\r\n");
            assertEquals("listen: PORT: expected a port number, got 'eighty'\r\nUsage: listen PORT\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
        }
    }

    @Test
    void theExitStatusIsOneForAFailingConverterAndTwoForABadWord() {
        assertEquals(TelnetHandler.EXIT_FAILED, ExecRun.exec(new ConvertingHandler(), "connect x").status());
        assertEquals(TelnetHandler.EXIT_FAILED, ExecRun.exec(new ConvertingHandler(), "zone x").status());
        assertEquals(TelnetHandler.EXIT_USAGE, ExecRun.exec(new ConvertingHandler(), "listen x").status());
    }
}
