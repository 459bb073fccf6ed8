package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.transport.Transport;
import io.github.telnetsrv.protocol.TelnetCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's in-memory terminal as the session sees it, against a recording of its events. */
class MemoryTransportTest {

    private final List<String> log = new ArrayList<>();
    private final MemoryTransport transport = new MemoryTransport(StandardCharsets.UTF_8, "vt100",
            Map.of("LANG", "C"), 80, 24);

    MemoryTransportTest() {
        transport.attach(new RecordingEvents());
    }

    @Test
    void aCharacterSplitAcrossTwoWritesIsTypedWholeOnceItsLastByteComes() {
        byte[] text = "aé€".getBytes(StandardCharsets.UTF_8); // 61 C3 A9 E2 82 AC
        transport.receive(text, 0, 2);
        transport.receive(text, 2, 2);
        transport.receive(text, 4, 2);
        assertEquals(List.of("typed a", "typed é", "typed €"), log);
    }

    @Test
    void everyLineEndIsOneCrAlsoWhenSplitAfterTheCr() {
        byte[] text = "a\r\nb\r\0c\nd\re".getBytes(StandardCharsets.UTF_8);
        transport.receive(text, 0, 2);
        transport.receive(text, 2, text.length - 2);
        assertEquals(List.of("typed a\r", "typed b\rc\rd\re"), log);
    }

    @Test
    void halfACharacterAtTheEndOfTheInputIsDropped() {
        transport.receive(new byte[] {(byte) 0xC3}, 0, 1);
        transport.endOfInput();
        transport.receive(new byte[] {'x'}, 0, 1);
        assertEquals(List.of("typed x"), log);
    }

    @Test
    void textOutIsTheCharsetsBytesWithLoneLineFeedsAsCrLfAndNothingEscaped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transport.encode("ÿ\na\r\n", out);
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xBF, '\r', '\n', 'a', '\r', '\n'}, out.toByteArray());
        transport.afterPrompt(out);
        assertEquals(7, out.size());
    }

    @Test
    void theTerminalIsKnownFromTheStartWithoutAnyExchange() {
        transport.start();
        assertFalse(transport.settling());
        assertTrue(transport.serverEcho());
        assertEquals("vt100", transport.terminalType());
        assertEquals(80, transport.width());
        assertEquals(24, transport.height());
        assertEquals(Map.of("LANG", "C"), transport.environment());
        assertEquals(List.of(), log); // no negotiation, no reply
    }

    @Test
    void aResizeIsAnEventWithoutNaws() {
        transport.resize(132, 43);
        assertEquals(List.of("resized 132x43"), log);
        assertEquals(132, transport.width());
        assertEquals(43, transport.height());
    }

    @Test
    void telnetCommandsBecomeTheEventsTheyStandFor() {
        for (TelnetCommand command : List.of(TelnetCommand.IP, TelnetCommand.BRK, TelnetCommand.AYT,
                TelnetCommand.AO, TelnetCommand.EC, TelnetCommand.EL, TelnetCommand.NOP, TelnetCommand.GA)) {
            transport.command(command);
        }
        assertEquals(List.of("interrupt", "interrupt", "areYouThere", "abortOutput", "eraseCharacter",
                "eraseLine"), log);
    }

    @Test
    void ctrlCIsAKeyLikeAnyOther() {
        transport.receive(new byte[] {0x03}, 0, 1);
        assertEquals(List.of("typed \u0003"), log);
    }

    private final class RecordingEvents implements Transport.Events {
        @Override
        public void typed(CharSequence chars) {
            log.add("typed " + chars);
        }

        @Override
        public void interrupt() {
            log.add("interrupt");
        }

        @Override
        public void areYouThere() {
            log.add("areYouThere");
        }

        @Override
        public void abortOutput() {
            log.add("abortOutput");
        }

        @Override
        public void eraseCharacter() {
            log.add("eraseCharacter");
        }

        @Override
        public void eraseLine() {
            log.add("eraseLine");
        }

        @Override
        public void echoChanged(boolean serverEcho) {
            log.add("echoChanged " + serverEcho);
        }

        @Override
        public void resized(int width, int height) {
            log.add("resized " + width + "x" + height);
        }

        @Override
        public void reply(byte[] buf, int off, int len) {
            log.add("reply " + len);
        }

        @Override
        public void inputEnded() {
            log.add("inputEnded");
        }
    }
}
