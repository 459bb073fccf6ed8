package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Negotiation storms and peers that never settle (checklist 2.5): bounded replies, no loops. */
class NegotiationStormTest {

    private static final int WILL = 251;
    private static final int WONT = 252;
    private static final int DO = 253;
    private static final int DONT = 254;

    /** Collects the engine's output and splits it into negotiations (subnegotiations skipped). */
    private static final class Wire implements TelnetListener {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public void onData(byte[] buf, int off, int len) {
        }

        @Override
        public void onSend(byte[] buf, int off, int len) {
            out.write(buf, off, len);
        }

        byte[] take() {
            byte[] bytes = out.toByteArray();
            out.reset();
            return bytes;
        }
    }

    /** The {verb, option} pairs in a well-formed command stream, subnegotiations skipped. */
    private static List<int[]> negotiations(byte[] bytes) {
        List<int[]> found = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            assertEquals(0xFF, bytes[i] & 0xFF, "engine output must be commands only");
            int command = bytes[i + 1] & 0xFF;
            if (command >= WILL) {
                found.add(new int[] {command, bytes[i + 2] & 0xFF});
                i += 3;
            } else if (command == 250) {
                i += 3;
                while (!((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xF0)) {
                    i += (bytes[i] & 0xFF) == 0xFF ? 2 : 1;
                }
                i += 2;
            } else {
                i += 2;
            }
        }
        return found;
    }

    private static byte[] storm() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (int option = 0; option < 256; option++) {
            for (int verb : new int[] {WILL, WONT, DO, DONT}) {
                in.write(0xFF);
                in.write(verb);
                in.write(option);
            }
        }
        return in.toByteArray();
    }

    @Test
    void aStormOf256OptionsTimesFourVerbsGetsAtMostOneReplyPerRequestAndDiesOutExceptTimingMarks() {
        Wire wire = new Wire();
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), wire);
        engine.start();
        wire.take();
        byte[] storm = storm();
        int total = 0;
        int lastRound = -1;
        for (int round = 0; round < 40; round++) {
            engine.receive(storm, 0, storm.length);
            List<int[]> replies = negotiations(wire.take());
            int[] perOption = new int[256];
            for (int[] reply : replies) {
                perOption[reply[1]]++;
            }
            for (int option = 0; option < 256; option++) {
                assertTrue(perOption[option] <= 4, "option " + option + ": " + perOption[option] + " replies to 4 requests");
            }
            assertEquals(round == 0 ? 2 : 1, perOption[TelnetOption.TIMING_MARK], "DO TM answered every time, WILL TM refused once");
            total += replies.size();
            if (replies.size() > 1) {
                lastRound = round;
            }
        }
        assertTrue(lastRound < 20, "replies still coming in round " + lastRound);
        assertTrue(total <= 40 + 1024 + 2 * 256 * Negotiator.MAX_PEER_CHANGES, total + " replies");
        assertEquals(0, engine.decoder().bufferCapacity());
    }

    @Test
    void aPeerThatAnswersTheInverseOfEverythingCannotLoopTheEngine() {
        Wire wire = new Wire();
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), wire);
        engine.start();
        byte[] opening = new byte[256 * 6];
        for (int option = 0; option < 256; option++) {
            opening[6 * option] = (byte) 0xFF;
            opening[6 * option + 1] = (byte) WILL;
            opening[6 * option + 2] = (byte) option;
            opening[6 * option + 3] = (byte) 0xFF;
            opening[6 * option + 4] = (byte) DO;
            opening[6 * option + 5] = (byte) option;
        }
        engine.receive(opening, 0, opening.length);
        int requests = 512;
        int replies = 0;
        int exchanges = 0;
        byte[] fromServer = wire.take();
        while (fromServer.length > 0) {
            assertTrue(++exchanges < 1000, "still negotiating after 1000 exchanges");
            ByteArrayOutputStream inverse = new ByteArrayOutputStream();
            for (int[] n : negotiations(fromServer)) {
                replies++;
                int answer = switch (n[0]) {
                    case WILL -> DONT;
                    case WONT -> DO;
                    case DO -> WONT;
                    default -> WILL;
                };
                inverse.write(0xFF);
                inverse.write(answer);
                inverse.write(n[1]);
                requests++;
            }
            byte[] bytes = inverse.toByteArray();
            engine.receive(bytes, 0, bytes.length);
            fromServer = wire.take();
        }
        assertTrue(replies <= requests + 7, replies + " server negotiations for " + requests + " peer requests");
    }

    @Test
    void twoEnginesWiredTogetherSettleOnTheSameState() {
        Wire toB = new Wire();
        Wire toA = new Wire();
        OptionPolicy client = OptionPolicy.defaults()
                .withLocal(TelnetOption.TTYPE, OptionPolicy.Stance.ACCEPT)
                .withLocal(TelnetOption.NAWS, OptionPolicy.Stance.INITIATE);
        TelnetEngine a = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), toB);
        TelnetEngine b = new TelnetEngine(TelnetLimits.defaults(), client, toA);
        a.start();
        b.start();
        int exchanges = 0;
        while (toA.out.size() > 0 || toB.out.size() > 0) {
            assertTrue(++exchanges < 50, "still negotiating after 50 exchanges");
            byte[] forB = toB.take();
            byte[] forA = toA.take();
            b.receive(forB, 0, forB.length);
            a.receive(forA, 0, forA.length);
        }
        for (int option = 0; option < 256; option++) {
            assertEquals(a.isLocalEnabled(option), b.isRemoteEnabled(option), "option " + option);
            assertEquals(a.isRemoteEnabled(option), b.isLocalEnabled(option), "option " + option);
        }
        assertTrue(a.isRemoteEnabled(TelnetOption.NAWS));
        assertTrue(a.isRemoteEnabled(TelnetOption.SGA));
        assertTrue(a.isLocalEnabled(TelnetOption.SGA));
    }
}
