package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Option negotiation: RFC 1143 Q-method, refusals, TIMING-MARK, ECHO, SGA/GA, LINEMODE (checklist 1.1, 1.2, 1.13, 1.15, 1.17, 1.19). */
class NegotiationTest {

    private static final String OPENING = "SEND FF FB 01 FF FB 03 FF FD 03 FF FD 18 FF FD 1F FF FD 27 FF FD 2A";

    private final EngineFixture f = new EngineFixture();

    @Test
    void repeatedDoIsAnsweredOnce() {
        f.receive("FF FD 01 FF FD 01");
        f.assertLog("SEND FF FB 01", "OPTION ECHO local on");
    }

    @Test
    void dontForAnOptionAlreadyOffIsNotAnswered() {
        f.receive("FF FE 01 FF FE 01 FF FC 1F FF FC 1F");
        f.assertLog();
    }

    @Test
    void repeatedWillOfAnAcceptedOptionIsNotAnsweredAgainSoNoNawsPingPong() {
        f.receive("FF FB 1F FF FB 1F FF FB 1F");
        f.assertLog("SEND FF FD 1F", "OPTION NAWS remote on");
    }

    @Test
    void unknownOptionOfferIsRefusedWithDont() {
        f.receive("FF FB C8");
        f.assertLog("SEND FF FE C8");
    }

    @Test
    void unknownOptionRequestIsRefusedWithWont() {
        f.receive("FF FD C8");
        f.assertLog("SEND FF FC C8");
    }

    @Test
    void repeatedRefusedRequestIsNotRefusedAgain() {
        f.receive("FF FB C8 FF FB C8 FF FD C8 FF FD C8");
        f.assertLog("SEND FF FE C8", "SEND FF FC C8");
    }

    @Test
    void doNawsIsTheWrongDirectionAndGetsWontNaws() {
        f.receive("FF FD 1F");
        f.assertLog("SEND FF FC 1F");
    }

    @Test
    void answersToOurRequestsAreNotAnsweredBack() {
        f.engine.start();
        f.clear();
        f.receive("FF FD 01 FF FD 03 FF FB 03 FF FB 18 FF FC 1F FF FC 27 FF FC 2A");
        f.assertLog("OPTION ECHO local on", "OPTION SGA local on", "OPTION SGA remote on",
                "SEND FF FA 18 01 FF F0", "OPTION TTYPE remote on");
    }

    @Test
    void disablingWhileAnEnableIsInFlightIsQueuedAsRfc1143Says() {
        f.engine.requestRemote(TelnetOption.NAWS, true);
        f.engine.requestRemote(TelnetOption.NAWS, false);
        f.assertLogAndClear("SEND FF FD 1F");
        f.receive("FF FB 1F");
        f.assertLogAndClear("SEND FF FE 1F");
        assertFalse(f.engine.isRemoteEnabled(TelnetOption.NAWS));
        assertTrue(f.engine.negotiationPending());
        f.receive("FF FC 1F");
        f.assertLog();
        assertFalse(f.engine.negotiationPending());
    }

    @Test
    void aRequestAlreadyInFlightIsNotSentTwice() {
        f.engine.requestLocal(TelnetOption.ECHO, true);
        f.engine.requestLocal(TelnetOption.ECHO, true);
        f.assertLog("SEND FF FB 01");
    }

    @Test
    void reEnablingWhileADisableIsInFlightAsksAgainAfterTheAnswer() {
        f.receive("FF FD 01");
        f.clear();
        f.engine.requestLocal(TelnetOption.ECHO, false);
        f.engine.requestLocal(TelnetOption.ECHO, true);
        f.assertLogAndClear("SEND FF FC 01", "OPTION ECHO local off");
        f.receive("FF FE 01");
        f.assertLogAndClear("SEND FF FB 01");
        f.receive("FF FD 01");
        f.assertLog("OPTION ECHO local on");
    }

    @Test
    void negotiationIsPendingUntilEveryRequestIsAnswered() {
        f.engine.start();
        assertTrue(f.engine.negotiationPending());
        f.receive("FF FD 01 FF FD 03 FF FC 03 FF FC 18 FF FC 1F FF FC 27");
        assertTrue(f.engine.negotiationPending());
        f.receive("FF FC 2A");
        assertFalse(f.engine.negotiationPending());
    }

    @Test
    void startOffersEchoAndSgaAndAsksForTheTerminalOptionsInOneWrite() {
        f.engine.start();
        f.assertLog(OPENING);
        assertEquals(1, f.listener.sendCalls());
    }

    @Test
    void startDoesNotAskAgainForOptionsTheClientAlreadyEnabled() {
        f.receive("FF FB 1F FF FD 01");
        f.clear();
        f.engine.start();
        f.assertLog("SEND FF FB 03 FF FD 03 FF FD 18 FF FD 27 FF FD 2A");
    }

    @Test
    void startTwiceIsRejected() {
        f.engine.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, f.engine::start);
        assertEquals("start: already started (expected: one call per engine)", e.getMessage());
    }

    @Test
    void timingMarkIsAnsweredEveryTimeWithoutChangingState() {
        f.receive("FF FD 06 FF FD 06 FF FD 06");
        f.assertLog("SEND FF FB 06", "SEND FF FB 06", "SEND FF FB 06");
        assertFalse(f.engine.isLocalEnabled(TelnetOption.TIMING_MARK));
        assertFalse(f.engine.negotiationPending());
    }

    @Test
    void timingMarkAfterInterruptProcessIsAnsweredInOrder() {
        f.receive("\"ab\" FF F4 FF FD 06");
        f.assertLog("DATA \"ab\"", "CMD IP", "SEND FF FB 06");
    }

    @Test
    void aTimingMarkWeAskForComesBackAsTheMarkAndLeavesTheOptionOff() {
        f.engine.requestRemote(TelnetOption.TIMING_MARK, true);
        f.assertLogAndClear("SEND FF FD 06");
        assertTrue(f.engine.negotiationPending());
        f.receive("FF FB 06");
        f.assertLog();
        assertFalse(f.engine.negotiationPending());
        assertFalse(f.engine.isRemoteEnabled(TelnetOption.TIMING_MARK));
    }

    @Test
    void timingMarkCannotBeOfferedLocally() {
        assertThrows(IllegalArgumentException.class, () -> f.engine.requestLocal(TelnetOption.TIMING_MARK, true));
    }

    @Test
    void goAheadIsRequiredWhileSgaIsNotEnabledOnOurSide() {
        assertTrue(f.engine.goAheadRequired());
        f.engine.start();
        f.receive("FF FE 03");
        assertTrue(f.engine.goAheadRequired());
        f.receive("FF FD 03");
        assertFalse(f.engine.goAheadRequired());
        f.receive("FF FE 03");
        assertTrue(f.engine.goAheadRequired());
    }

    @Test
    void clientWillEchoIsAnsweredDontEcho() {
        f.receive("FF FB 01");
        f.assertLog("SEND FF FE 01");
        assertFalse(f.engine.isRemoteEnabled(TelnetOption.ECHO));
    }

    @Test
    void theServerNeverAsksTheClientToEcho() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.engine.requestRemote(TelnetOption.ECHO, true));
        assertEquals("option: ECHO (expected: another option; a server never asks the client to echo)", e.getMessage());
        f.engine.start();
        f.receive("FF FB 01 FF FC 01 FF FB 01 FF FE 01 FF FD 01");
        assertFalse(Bytes.hex(f.listener.sent()).contains("FF FD 01"), Bytes.hex(f.listener.sent()));
    }

    @Test
    void aServerCanStopOfferingEchoThroughThePolicy() {
        EngineFixture quiet = new EngineFixture(TelnetLimits.defaults(),
                OptionPolicy.defaults().withLocal(TelnetOption.ECHO, OptionPolicy.Stance.REFUSE));
        quiet.engine.start();
        quiet.receive("FF FD 01");
        quiet.assertLog("SEND FF FB 03 FF FD 03 FF FD 18 FF FD 1F FF FD 27 FF FD 2A", "SEND FF FC 01");
    }

    @Test
    void linemodeOfferIsRefusedWithDont() {
        f.receive("FF FB 22");
        f.assertLog("SEND FF FE 22");
    }

    @Test
    void aRefusedOptionCanStillBeRequestedByTheApplication() {
        f.receive("FF FB 22");
        f.clear();
        f.engine.requestRemote(TelnetOption.LINEMODE, true);
        f.receive("FF FB 22");
        f.assertLog("SEND FF FD 22", "OPTION LINEMODE remote on");
    }

    @Test
    void aPeerThatFlipsAnOptionForeverIsIgnoredAfterTheCap() {
        StringBuilder flips = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            flips.append("FF FB 1F FF FC 1F ");
        }
        f.receive(flips.toString());
        long replies = f.listener.log().stream().filter(e -> e.startsWith("SEND")).count();
        assertEquals(Negotiator.MAX_PEER_CHANGES, replies);
        assertEquals(1, f.listener.log().stream().filter(e -> e.startsWith("WARNING")).count());
    }

    @Test
    void requestsRejectOptionsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.engine.requestLocal(256, true));
        assertEquals("option: 256 (expected: 0..255)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.engine.requestRemote(-1, true));
        assertThrows(IllegalArgumentException.class, () -> f.engine.isLocalEnabled(300));
        assertThrows(IllegalArgumentException.class, () -> f.engine.isRemoteEnabled(-2));
    }

    @Test
    void aListenerMayRequestOptionsFromItsCallbacks() {
        RecordingListener log = new RecordingListener();
        TelnetEngine[] holder = new TelnetEngine[1];
        TelnetListener reacting = new TelnetListener() {
            @Override
            public void onData(byte[] buf, int off, int len) {
                log.onData(buf, off, len);
            }

            @Override
            public void onSend(byte[] buf, int off, int len) {
                log.onSend(buf, off, len);
            }

            @Override
            public void onOptionChanged(int option, boolean local, boolean enabled) {
                log.onOptionChanged(option, local, enabled);
                if (option == TelnetOption.NAWS && enabled) {
                    holder[0].requestLocal(TelnetOption.ECHO, true);
                }
            }
        };
        holder[0] = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), reacting);
        byte[] willNaws = Bytes.of("FF FB 1F 41");
        holder[0].receive(willNaws, 0, willNaws.length);
        log.assertLog("SEND FF FD 1F", "OPTION NAWS remote on", "SEND FF FB 01", "DATA 41");
    }
}
