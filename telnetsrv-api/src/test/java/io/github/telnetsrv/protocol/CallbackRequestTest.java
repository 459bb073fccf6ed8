package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A request made from a listener's callback acts on the engine's state as it is after the step that called back. */
class CallbackRequestTest {

    private static final int IAC = 255;
    private static final int WILL = 251;
    private static final int DO = 253;
    private static final int OPTION = 200;

    @Test
    void aRequestMadeFromTheWarningAboutAWrongAnswerIsNotLost() {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        AtomicReference<TelnetEngine> engine = new AtomicReference<>();
        AtomicBoolean askAgain = new AtomicBoolean();
        TelnetListener listener = new TelnetListener() {
            @Override
            public void onData(byte[] buf, int off, int len) {
            }

            @Override
            public void onSend(byte[] buf, int off, int len) {
                sent.write(buf, off, len);
            }

            @Override
            public void onWarning(String message) {
                if (askAgain.getAndSet(false)) {
                    engine.get().requestLocal(OPTION, true);
                }
            }
        };
        engine.set(new TelnetEngine(TelnetLimits.defaults(),
                OptionPolicy.refuseAll().withLocal(OPTION, OptionPolicy.Stance.ACCEPT), listener));
        TelnetEngine e = engine.get();
        e.receive(new byte[] {(byte) IAC, (byte) DO, (byte) OPTION}, 0, 3); // agreed: WILL 200
        assertTrue(e.isLocalEnabled(OPTION));
        e.requestLocal(OPTION, false); // WONT 200, waiting for DONT
        sent.reset();
        askAgain.set(true);
        // The peer answers our WONT with DO (a protocol error, warned about); the app asks for the option again.
        e.receive(new byte[] {(byte) IAC, (byte) DO, (byte) OPTION}, 0, 3);

        byte[] out = sent.toByteArray();
        assertTrue(out.length == 3 && (out[0] & 0xFF) == IAC && (out[1] & 0xFF) == WILL && (out[2] & 0xFF) == OPTION,
                "the request from the callback sent WILL 200; sent " + java.util.Arrays.toString(out));
        assertFalse(e.isLocalEnabled(OPTION), "enabled only once the peer agrees");
        assertTrue(e.negotiationPending(), "the request waits for its answer");
    }
}
