package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoding: commands, IAC IAC, line ends, subnegotiation framing, hostile input (checklist 1.3-1.6, 1.10-1.12, 1.14, 1.16, 1.18, 2.1-2.4, 2.6, 2.16). */
class DecodingTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void unknownTwoByteCommandIsDroppedNotPassedOnAsData() {
        f.receive("\"a\" FF 03 \"b\"");
        f.assertLog("DATA \"a\"", "WARNING unknown command IAC 03", "DATA \"b\"");
    }

    @Test
    void iacIacInDataIsOneDataByte() {
        f.receive("61 FF FF 62");
        f.assertLog("DATA 61 FF 62");
    }

    @Test
    void iacIacInBinaryModeIsOneDataByte() {
        f.receive("FF FB 00 FF FD 00");
        f.clear();
        f.receive("61 FF FF 62");
        f.assertLog("DATA 61 FF 62");
    }

    @Test
    void crLfIsOneCr() {
        f.receive("\"ls\" 0D 0A");
        f.assertLog("DATA \"ls\" 0D");
    }

    @Test
    void crNulIsOneCr() {
        f.receive("\"ls\" 0D 00");
        f.assertLog("DATA \"ls\" 0D");
    }

    @Test
    void bareLfIsOneCr() {
        f.receive("\"ls\" 0A");
        f.assertLog("DATA \"ls\" 0D");
    }

    @Test
    void loneCrIsOneCr() {
        f.receive("\"ls\" 0D");
        f.assertLog("DATA \"ls\" 0D");
    }

    @Test
    void crAndLfInSeparateReceivesAreOneLineEnd() {
        f.receive("\"ls\" 0D").receive("0A").receive("\"pwd\" 0D").receive("00");
        f.assertLog("DATA \"ls\" 0D \"pwd\" 0D");
    }

    @Test
    void aNopBetweenCrAndLfLeavesOneLineEnd() {
        f.receiveByteByByte("\"a\" 0D FF F1 0A \"b\"");
        f.assertLog("DATA \"a\" 0D", "CMD NOP", "DATA \"b\"");
    }

    @Test
    void crFollowedByIacIacIsALineEndAndA255() {
        f.receive("\"a\" 0D FF FF 0A");
        f.assertLog("DATA \"a\" 0D FF 0D");
    }

    @Test
    void crNulInBinaryModeIsNeverNulData() {
        f.receive("FF FB 00");
        f.clear();
        f.receive("\"a\" 0D 00 \"b\" 0D \"c\"");
        f.assertLog("DATA \"a\" 0D \"b\" 0D \"c\"");
    }

    @Test
    void plainDataIsOneSliceOfTheInputArray() {
        byte[] input = Bytes.of("\"hello world\"");
        byte[][] seen = new byte[1][];
        int[] offset = new int[1];
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), new TelnetListener() {
            @Override
            public void onData(byte[] buf, int off, int len) {
                seen[0] = buf;
                offset[0] = off;
            }

            @Override
            public void onSend(byte[] buf, int off, int len) {
            }
        });
        engine.receive(input, 2, input.length - 2);
        assertSame(input, seen[0]);
        assertEquals(2, offset[0]);
    }

    @Test
    void crLfLinesCostOneDataCallEach() {
        f.receive("\"one\" 0D 0A \"two\" 0D 0A \"three\" 0D 0A");
        assertEquals(3, f.listener.dataCalls());
    }

    @Test
    void iacIacInsideASubnegotiationIsByte255() {
        f.receive("FF FA 1F 00 FF FF 00 18 FF F0");
        f.assertLog("NAWS 255x24");
    }

    @Test
    void iacWithACommandByteInsideASubnegotiationEndsItAndRunsTheCommand() {
        f.receive("FF FA 1F 00 50 FF F6 \"x\"");
        f.assertLog("WARNING ended by IAC F6", "CMD AYT", "DATA \"x\"");
    }

    @Test
    void iacWithANonCommandByteInsideASubnegotiationKeepsALiteral255() {
        f.receive("FF FA 1F 00 FF 00 18 FF F0");
        f.assertLog("WARNING the 255 is kept as data", "NAWS 255x24");
    }

    @Test
    void areYouThereIsReportedForTheSessionToAnswer() {
        f.receive("FF F6");
        f.assertLog("CMD AYT");
    }

    @Test
    void interruptProcessAndBreakAreReported() {
        f.receive("FF F4 FF F3");
        f.assertLog("CMD IP", "CMD BRK");
    }

    @Test
    void abortOutputIsReported() {
        f.receive("FF F5");
        f.assertLog("CMD AO");
    }

    @Test
    void eraseCharacterAndEraseLineAreReportedInOrderWithTheData() {
        f.receive("\"abc\" FF F7 \"d\" FF F8");
        f.assertLog("DATA \"abc\"", "CMD EC", "DATA \"d\"", "CMD EL");
    }

    @Test
    void nopInsideAUtf8CharacterLeavesItsBytesTogether() {
        f.receive("C3 FF F1 A9");
        f.assertLog("DATA C3", "CMD NOP", "DATA A9");
        RecordingListener dataOnly = new RecordingListener();
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), new TelnetListener() {
            @Override
            public void onData(byte[] buf, int off, int len) {
                dataOnly.onData(buf, off, len);
            }

            @Override
            public void onSend(byte[] buf, int off, int len) {
            }
        });
        byte[] input = Bytes.of("C3 FF F1 A9");
        engine.receive(input, 0, input.length);
        dataOnly.assertLog("DATA C3 A9");
    }

    @Test
    void dataMarkIsReportedAndOtherwiseANop() {
        f.receive("\"a\" FF F2 \"b\"");
        f.assertLog("DATA \"a\"", "CMD DM", "DATA \"b\"");
    }

    @Test
    void aTrailingIacWaitsForItsCommandByteInTheNextReceive() {
        f.receive("\"a\" FF").receive("F2 \"b\"");
        f.assertLog("DATA \"a\"", "CMD DM", "DATA \"b\"");
    }

    @Test
    void goAheadFromTheClientIsReported() {
        f.receive("FF F9");
        f.assertLog("CMD GA");
    }

    @Test
    void iacSeOutsideASubnegotiationIsDropped() {
        f.receive("FF F0 \"a\"");
        f.assertLog("WARNING IAC SE outside a subnegotiation", "DATA \"a\"");
    }

    @Test
    void anUnterminatedSubnegotiationIsBoundedAndDiscardedUpToIacSe() {
        EngineFixture small = new EngineFixture(new TelnetLimits(1024, 64, 1000, 1000, 8));
        small.receive("FF FB 18");
        small.clear();
        small.receive("FF FA 18 00");
        byte[] tenMegabytes = new byte[10 << 20];
        Arrays.fill(tenMegabytes, (byte) 'x');
        for (int i = 0; i < tenMegabytes.length; i += 65536) {
            small.engine.receive(tenMegabytes, i, 65536);
            assertTrue(small.engine.decoder().bufferCapacity() <= 1024);
        }
        small.receive("FF F0 \"ok\"");
        small.assertLog("WARNING longer than 1024 bytes", "DATA \"ok\"");
    }

    @Test
    void escapedFfPairsCountTowardTheSubnegotiationCap() {
        EngineFixture small = new EngineFixture(new TelnetLimits(8, 64, 1000, 1000, 8));
        small.receive("FF FA 1F FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF F0 \"a\"");
        small.assertLog("WARNING longer than 8 bytes", "DATA \"a\"");
        assertTrue(small.engine.decoder().bufferCapacity() <= 8);
    }

    @Test
    void aSubnegotiationOfExactlyTheCapIsKept() {
        EngineFixture small = new EngineFixture(new TelnetLimits(4, 64, 1000, 1000, 8));
        small.receive("FF FA 1F 00 FF FF 00 FF FF FF F0");
        small.assertLog("NAWS 255x255");
    }

    @Test
    void aSubnegotiationWithoutAnOptionByteIsIgnored() {
        f.receive("FF FA FF F0 \"a\"");
        f.assertLog("WARNING without an option byte", "DATA \"a\"");
    }

    @Test
    void aSubnegotiationForAnOptionNeverNegotiatedIsIgnored() {
        f.receive("FF FA 18 00 \"xterm\" FF F0 FF FA 27 00 00 \"USER\" 01 \"root\" FF F0");
        f.assertLog("WARNING subnegotiation for TTYPE, which is not enabled",
                "WARNING subnegotiation for NEW-ENVIRON, which is not enabled");
    }

    @Test
    void everySplitOfTheInputGivesTheSameEvents() {
        Random random = new Random(42);
        byte[] vocabulary = Bytes.of("FF FF FF FA F0 FB FC FD FE F1 F6 0D 0A 00 18 1F 27 2A 01 03 00 \"ab\"");
        for (int round = 0; round < 200; round++) {
            byte[] input = new byte[random.nextInt(64)];
            for (int i = 0; i < input.length; i++) {
                input[i] = vocabulary[random.nextInt(vocabulary.length)];
            }
            EngineFixture whole = new EngineFixture();
            whole.engine.receive(input, 0, input.length);
            EngineFixture bytes = new EngineFixture();
            for (int i = 0; i < input.length; i++) {
                bytes.engine.receive(input, i, 1);
            }
            assertEquals(whole.listener.log(), bytes.listener.log(), Bytes.hex(input));
        }
    }

    @Test
    void dataDecodingMatchesAByteByByteModelWhereverTheSpecialBytesFall() {
        Random random = new Random(1143);
        byte[][] pieces = {Bytes.of("41"), Bytes.of("7E"), Bytes.of("C3 A9"), Bytes.of("0D"), Bytes.of("0A"),
            Bytes.of("00"), Bytes.of("09"), Bytes.of("0E"), Bytes.of("FE"), Bytes.of("FF FF"), Bytes.of("0D 0A")};
        for (int round = 0; round < 3000; round++) {
            java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
            int runs = random.nextInt(12);
            for (int r = 0; r < runs; r++) {
                int plain = random.nextInt(20);
                for (int k = 0; k < plain; k++) {
                    in.write('a' + k % 26);
                }
                in.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] input = in.toByteArray();
            EngineFixture whole = new EngineFixture();
            whole.engine.receive(input, 0, input.length);
            String expected = model(input);
            assertEquals(expected, String.join("|", whole.listener.log()), Bytes.hex(input));
            EngineFixture split = new EngineFixture();
            int cut = input.length == 0 ? 0 : random.nextInt(input.length);
            split.engine.receive(input, 0, cut);
            split.engine.receive(input, cut, input.length - cut);
            assertEquals(expected, String.join("|", split.listener.log()), Bytes.hex(input) + " cut at " + cut);
        }
    }

    /** The line-end and IAC IAC rules applied one byte at a time, for data-only input. */
    private static String model(byte[] input) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean afterCr = false;
        for (int i = 0; i < input.length; i++) {
            int b = input[i] & 0xFF;
            if (afterCr && (b == 0x0A || b == 0x00)) {
                afterCr = false;
                continue;
            }
            afterCr = b == 0x0D;
            if (b == 0xFF) {
                i++;
            }
            out.write(b == 0x0A ? 0x0D : b);
        }
        return out.size() == 0 ? "" : "DATA " + Bytes.hex(out.toByteArray());
    }

    @Test
    void aFloodOfNopsAllocatesNothingPerCommand() {
        byte[] flood = new byte[2_000_000];
        for (int i = 0; i < flood.length; i += 2) {
            flood[i] = (byte) 0xFF;
            flood[i + 1] = (byte) 0xF1;
        }
        int[] nops = new int[1];
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), new TelnetListener() {
            @Override
            public void onData(byte[] buf, int off, int len) {
            }

            @Override
            public void onSend(byte[] buf, int off, int len) {
            }

            @Override
            public void onCommand(TelnetCommand command) {
                nops[0]++;
            }
        });
        engine.receive(flood, 0, 1000);
        long before = allocatedBytes();
        for (int i = 0; i < flood.length; i += 1000) {
            engine.receive(flood, i, 1000);
        }
        long allocated = allocatedBytes() - before;
        assertEquals(500 + 1_000_000, nops[0]);
        assertTrue(allocated < 100_000, allocated + " bytes allocated for 10^6 NOPs");
    }

    @Test
    void anAytFloodGivesOneEventPerCommandAndSendsNothing() {
        StringBuilder ayts = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            ayts.append("FF F6 ");
        }
        f.receive(ayts.toString());
        assertEquals(1000, f.listener.log().size());
        assertEquals(0, f.listener.sent().length);
    }

    @Test
    void everyByteAfterIacIsReadAsUnsigned() {
        for (int b = 0; b < 256; b++) {
            EngineFixture one = new EngineFixture();
            one.receive("FF " + String.format("%02X", b) + " 41");
            String log = String.join("|", one.listener.log());
            TelnetCommand command = TelnetCommand.of(b);
            if (b == 0xFF) {
                assertEquals("DATA FF 41", log);
            } else if (command == null) {
                assertEquals("WARNING unknown command IAC " + String.format("%02X", b)
                        + " (expected: one of F1..F9, SB or a negotiation); dropped|DATA 41", log);
            } else if (b >= 0xF1 && b <= 0xF9) {
                assertEquals("CMD " + command + "|DATA 41", log);
            } else if (b == 0xFB) {
                assertEquals("SEND FF FE 41", log, "WILL 0x41 is refused");
            } else if (b == 0xFD) {
                assertEquals("SEND FF FC 41", log, "DO 0x41 is refused");
            } else if (b >= 0xFC) {
                assertEquals("", log, "WONT/DONT of an option that is off needs no answer");
            } else if (b == 0xFA) {
                assertEquals("", log, "IAC SB 41 is an unfinished subnegotiation");
            } else {
                assertEquals("WARNING IAC SE outside a subnegotiation (expected: IAC SB first); dropped|DATA 41", log);
            }
        }
    }

    @Test
    void highDataBytesPassThroughUnchanged() {
        byte[] high = new byte[127];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i);
        }
        f.engine.receive(high, 0, high.length);
        f.assertLog("DATA " + Bytes.hex(high));
    }

    @Test
    void theSubnegotiationBufferShrinksAfterALargeSubnegotiation() {
        f.receive("FF FB 18");
        StringBuilder big = new StringBuilder("FF FA 18 00 ");
        big.append("41 ".repeat(4000));
        f.receive(big + "FF F0");
        assertEquals(0, f.engine.decoder().bufferCapacity());
    }

    @Test
    void receiveRejectsBadArgumentsButNeverInput() {
        assertThrows(NullPointerException.class, () -> f.engine.receive(null, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> f.engine.receive(new byte[4], 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> f.engine.receive(new byte[4], -1, 1));
        f.engine.receive(new byte[0], 0, 0);
        f.assertLog();
    }

    @Test
    void receiveFromAListenerCallbackIsRejected() {
        TelnetEngine[] holder = new TelnetEngine[1];
        holder[0] = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), new TelnetListener() {
            @Override
            public void onData(byte[] buf, int off, int len) {
                holder[0].receive(buf, off, len);
            }

            @Override
            public void onSend(byte[] buf, int off, int len) {
            }
        });
        byte[] a = {'a'};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> holder[0].receive(a, 0, 1));
        assertEquals("receive: called from a listener callback (expected: not reentrant)", e.getMessage());
    }

    @Test
    void warningsStopAfterTheBudgetWithOneNotice() {
        f.receive("FF 03 ".repeat(500));
        assertEquals(Warnings.BUDGET + 1, f.listener.log().size());
        assertTrue(f.listener.log().get(Warnings.BUDGET).contains("further ones are suppressed"));
    }

    /**
     * This thread's allocation counter (com.sun.management.ThreadMXBean), reached reflectively: the
     * test classes are compiled into the library's module, which does not read java.management.
     */
    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Method counter = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (long) counter.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no per-thread allocation counter in this JVM", e);
        }
    }
}
