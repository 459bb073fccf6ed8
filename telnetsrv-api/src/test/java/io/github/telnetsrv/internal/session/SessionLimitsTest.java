package io.github.telnetsrv.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.RecordingHandler;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.SessionRun;
import io.github.telnetsrv.TestClient;
import io.github.telnetsrv.edit.KeyMap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A session's entry among the deadlines is due at its earliest deadline, and input costs it nothing. */
class SessionLimitsTest {

    private static SessionTerminal newTerminal(TestClient client, SessionConfig config) {
        return new SessionTerminal(client, config, KeyMap.defaults(), new SessionTerminal.Events() {
            @Override
            public void lineEntered(String line) {
            }

            @Override
            public void endRequested() {
            }

            @Override
            public void completionRequested(long id, String line, int wordStart, int cursor) {
            }
        });
    }

    private static void assertBetween(long low, long high, long actual, String what) {
        assertTrue(actual - low >= 0 && high - actual >= 0, what + ": " + actual + " not in " + low + ".." + high);
    }

    @Test
    void aPromptIsDueAtTheIdleTimeoutAndInputPostponesItOnlyWhenThatComes() {
        // A write timeout longer than the idle timeout: the writes of the prompt and the echo move nothing.
        Duration idle = Duration.ofMinutes(1);
        SessionConfig config = SessionRun.CONFIG.toBuilder().idleTimeout(idle).writeTimeout(Duration.ofHours(1))
                .build();
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE);
        SessionTerminal terminal = newTerminal(client, config);
        SessionLimits limits = terminal.limits();
        long beforePrompt = System.nanoTime();
        terminal.lines().showPrompt("> ");
        long afterPrompt = System.nanoTime();
        limits.watch();
        try {
            long due = limits.entry().due();
            assertBetween(beforePrompt + idle.toNanos(), afterPrompt + idle.toNanos(), due,
                    "due at the idle timeout from the prompt");

            long beforeInput = System.nanoTime();
            byte[] key = "a".getBytes(StandardCharsets.US_ASCII);
            terminal.input().received(key, 0, key.length);
            long afterInput = System.nanoTime();
            client.awaitText("> a");
            assertEquals(due, limits.entry().due(), "a key moves no deadline");

            // At the deadline it had, the check finds the input and returns the later deadline.
            long next = limits.check(due);
            assertBetween(beforeInput + idle.toNanos(), afterInput + idle.toNanos(), next,
                    "due at the idle timeout from the key");
        } finally {
            limits.unwatch();
        }
    }

    @Test
    void aSessionWithNoIdleTimeoutIsDueNeverUntilAWriteBlocksWhichDropsTheClientAtTheWriteTimeout() {
        SessionConfig config = SessionRun.CONFIG.toBuilder().idleTimeout(Duration.ZERO)
                .writeTimeout(Duration.ofMillis(50)).build();
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE);
        SessionTerminal terminal = newTerminal(client, config);
        SessionLimits limits = terminal.limits();
        limits.watch();
        try {
            assertEquals(Deadlines.NONE, limits.entry().due(), "nothing to look at");
            CountDownLatch blocked = new CountDownLatch(1);
            client.stallOutput(blocked::countDown);
            Thread writer = Thread.ofVirtual().start(() -> terminal.lines().showPrompt("> "));
            RecordingHandler.await(blocked, "the prompt's write to block");
            assertTrue(limits.entry().due() != Deadlines.NONE, "the write made the session due");
            client.awaitClosed();
            writer.join(TestClient.TIMEOUT.toMillis());
            assertTrue(!writer.isAlive(), "the blocked write returned once the client was dropped");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            limits.unwatch();
        }
    }

    @Test
    void theSetUpDeadlinesMakeTheSessionDueAndNoLongerOnceTheirStepsAreDone() {
        SessionConfig config = SessionRun.CONFIG.toBuilder().idleTimeout(Duration.ZERO)
                .handshakeTimeout(Duration.ofSeconds(10)).loginTimeout(Duration.ofSeconds(60)).build();
        SessionTerminal terminal = newTerminal(new TestClient(TestClient.Kind.SILENT), config);
        SessionLimits limits = terminal.limits();
        long start = System.nanoTime();
        limits.setUpDeadlines(start, config.loginTimeout().toNanos());
        limits.watch();
        try {
            long handshake = start + config.handshakeTimeout().toNanos();
            assertEquals(handshake, limits.entry().due(), "due at the handshake's deadline");
            limits.handshakeDone();
            long login = start + Duration.ofSeconds(62).toNanos();
            assertEquals(login, limits.entry().due(), "then at once at the login's deadline and its grace");
            assertEquals(login, limits.check(handshake), "which a check returns too");
            limits.loggedIn();
            assertEquals(Deadlines.NONE, limits.entry().due(), "then never");
            assertEquals(Deadlines.NONE, limits.check(handshake));
        } finally {
            limits.unwatch();
        }
    }
}
