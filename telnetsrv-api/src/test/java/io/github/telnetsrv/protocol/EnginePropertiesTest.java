package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties over random, Telnet-flavoured input: never throws, sends only well-formed commands, stays bounded, split-invariant. */
class EnginePropertiesTest {

    @Provide
    Arbitrary<byte[]> telnetBytes() {
        Arbitrary<byte[]> anyByte = Arbitraries.bytes().map(b -> new byte[] {b});
        Arbitrary<byte[]> special = Arbitraries.of(Bytes.of("FF"), Bytes.of("FF FF"), Bytes.of("FF F0"), Bytes.of("FF FA"),
                Bytes.of("0D"), Bytes.of("0A"), Bytes.of("00"), Bytes.of("FF F1"), Bytes.of("FF F6"), Bytes.of("FF 03"),
                Bytes.of("01"), Bytes.of("02"), Bytes.of("03"));
        Arbitrary<Integer> option = Arbitraries.oneOf(Arbitraries.of(0, 1, 3, 6, 24, 31, 34, 39, 42, 255),
                Arbitraries.integers().between(0, 255));
        Arbitrary<byte[]> negotiation = Arbitraries.integers().between(251, 254)
                .flatMap(verb -> option.map(o -> new byte[] {(byte) 0xFF, (byte) (int) verb, (byte) (int) o}));
        Arbitrary<byte[]> subnegotiation = option.flatMap(o -> Arbitraries.bytes().array(byte[].class).ofMaxSize(12)
                .map(payload -> concat(new byte[] {(byte) 0xFF, (byte) 0xFA, (byte) (int) o}, payload, Bytes.of("FF F0"))));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, anyByte),
                        net.jqwik.api.Tuple.of(3, special),
                        net.jqwik.api.Tuple.of(3, negotiation),
                        net.jqwik.api.Tuple.of(2, subnegotiation))
                .list().ofMaxSize(120)
                .map(parts -> concat(parts.toArray(new byte[0][])));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Checks that one onSend call holds whole, well-formed commands and nothing else. */
    private static void assertWellFormed(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            assertEquals(0xFF, buf[i] & 0xFF, "a sent byte outside a command at " + (i - off));
            assertTrue(i + 1 < end, "IAC at the end of a send");
            int command = buf[i + 1] & 0xFF;
            if (command >= 251 && command <= 254) {
                assertTrue(i + 2 < end, "negotiation without its option");
                i += 3;
            } else if (command == 250) {
                i += 3;
                assertTrue(i <= end, "SB without its option");
                boolean closed = false;
                while (i < end && !closed) {
                    if ((buf[i] & 0xFF) == 0xFF) {
                        assertTrue(i + 1 < end, "IAC at the end of a subnegotiation");
                        int next = buf[i + 1] & 0xFF;
                        assertTrue(next == 0xFF || next == 0xF0, "unescaped IAC " + next + " inside a sent subnegotiation");
                        closed = next == 0xF0;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                assertTrue(closed, "subnegotiation without IAC SE");
            } else {
                assertTrue(command >= 0xF1 && command <= 0xF9, "IAC " + command + " sent");
                i += 2;
            }
        }
    }

    private static final class Checking implements TelnetListener {
        final RecordingListener log = new RecordingListener();

        @Override
        public void onData(byte[] buf, int off, int len) {
            assertTrue(len > 0);
            log.onData(buf, off, len);
        }

        @Override
        public void onSend(byte[] buf, int off, int len) {
            assertWellFormed(buf, off, len);
            log.onSend(buf, off, len);
        }

        @Override
        public void onCommand(TelnetCommand command) {
            log.onCommand(command);
        }

        @Override
        public void onOptionChanged(int option, boolean local, boolean enabled) {
            log.onOptionChanged(option, local, enabled);
        }

        @Override
        public void onWindowSize(int width, int height) {
            log.onWindowSize(width, height);
        }

        @Override
        public void onTerminalType(String terminalType) {
            log.onTerminalType(terminalType);
        }

        @Override
        public void onEnvironment(java.util.Map<String, String> variables) {
            log.onEnvironment(variables);
        }

        @Override
        public void onWarning(String message) {
            log.onWarning(message);
        }
    }

    @Property(tries = 500)
    void theEngineNeverThrowsAndSendsOnlyWellFormedCommands(@ForAll("telnetBytes") byte[] input, @ForAll boolean started) {
        Checking listener = new Checking();
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), listener);
        if (started) {
            engine.start();
        }
        engine.receive(input, 0, input.length);
    }

    @Property(tries = 300)
    void memoryStaysWithinTheLimits(@ForAll("telnetBytes") byte[] input,
            @ForAll @IntRange(min = 1, max = 16) int maxSubnegotiation,
            @ForAll @IntRange(min = 0, max = 3) int maxVariables) {
        TelnetLimits limits = new TelnetLimits(maxSubnegotiation, maxVariables, 100, 100, 3);
        Checking listener = new Checking();
        TelnetEngine engine = new TelnetEngine(limits, OptionPolicy.defaults(), listener);
        engine.start();
        for (int i = 0; i < input.length; i++) {
            engine.receive(input, i, 1);
            assertTrue(engine.decoder().bufferCapacity() <= maxSubnegotiation);
        }
        assertTrue(engine.environment().size() <= maxVariables);
        assertTrue(engine.width() <= 100 && engine.height() <= 100);
    }

    @Property(tries = 300)
    void howTheInputIsSplitNeverChangesTheEvents(@ForAll("telnetBytes") byte[] input, @ForAll List<@IntRange(min = 1, max = 7) Integer> cuts) {
        Checking whole = new Checking();
        new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), whole).receive(input, 0, input.length);
        Checking split = new Checking();
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), split);
        List<Integer> sizes = new ArrayList<>(cuts);
        int i = 0;
        int k = 0;
        while (i < input.length) {
            int n = sizes.isEmpty() ? 1 : Math.min(sizes.get(k++ % sizes.size()), input.length - i);
            engine.receive(input, i, n);
            i += n;
        }
        assertEquals(whole.log.log(), split.log.log());
    }
}
