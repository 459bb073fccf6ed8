package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code sessionEnd()} runs exactly once, and {@code run()} returns, whatever ends the session. */
class SessionEndTest {

    private static final Duration IDLE = Duration.ofMillis(200);

    static class BusyHandler extends RecordingHandler {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicLong commandReturned = new AtomicLong();
        final AtomicLong endedAt = new AtomicLong();

        @Command(value = "block", help = """

                Wait until interrupted
                """)
        void block() throws InterruptedException {
            started.countDown();
            new CountDownLatch(1).await();
        }

        @Command(value = "work", help = """
                <millis>
                Work for a while (longer than the idle timeout)
                """)
        void work(java.util.List<String> params) throws InterruptedException {
            Thread.sleep(Long.parseLong(params.get(0)));
            writeResult("worked");
            commandReturned.set(System.nanoTime());
        }

        @Override
        protected void sessionEnd() {
            endedAt.set(System.nanoTime());
            super.sessionEnd();
        }
    }

    static class LoginHandler extends RecordingHandler {
        @Override
        protected Authenticator authenticator() {
            return (user, password) -> true;
        }
    }

    private static SessionConfig idleConfig() {
        return SessionRun.CONFIG.toBuilder().idleTimeout(IDLE).build();
    }

    @Test
    void theClientHangingUpAtThePromptEndsTheSession() {
        RecordingHandler handler = new RecordingHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT);
        run.client.hangUp();
        run.awaitEnd();
        handler.assertEndedOnce();
    }

    @Test
    void theClientHangingUpWhileACommandRunsInterruptsItAndEndsTheSession() {
        BusyHandler handler = new BusyHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT).type("block\r");
        RecordingHandler.await(handler.started, "the command to start");
        run.client.hangUp();
        run.awaitEnd();
        handler.assertEndedOnce();
    }

    @Test
    void theClientHangingUpDuringTheLoginEndsTheSession() {
        LoginHandler handler = new LoginHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText("Username: ").type("al");
        run.client.hangUp();
        run.awaitEnd();
        handler.assertEndedOnce();
        assertEquals(0, handler.starts.get());
    }

    @Test
    void closingTheSessionFromOutsideEndsIt() {
        BusyHandler handler = new BusyHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT).type("block\r");
        RecordingHandler.await(handler.started, "the command to start");
        run.session.close();
        run.session.close();
        run.awaitEnd();
        handler.assertEndedOnce();
        assertTrue(run.client.serverClosed());
    }

    @Test
    void anIdleSessionIsClosedWithIdleTimeout() {
        RecordingHandler handler = new RecordingHandler();
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), idleConfig());
        run.client.awaitText(PROMPT).type("echo x");
        run.client.awaitText("\r\nIdle timeout\r\n");
        run.client.awaitClosed();
        run.awaitEnd();
        handler.assertEndedOnce();
        assertTrue(handler.echoed.isEmpty(), "the half-typed line is not run");
    }

    @Test
    void aCommandRunningLongerThanTheIdleTimeoutIsNotIdleAndItsPromptGetsAFullIdlePeriod() {
        BusyHandler handler = new BusyHandler();
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE);
        SessionRun run = SessionRun.start(handler, client, idleConfig());
        run.client.awaitText(PROMPT).type("work " + IDLE.multipliedBy(2).toMillis() + "\r");
        run.client.awaitText("worked\r\n" + PROMPT);
        int timeoutsDuringTheCommand = client.readTimeouts();
        run.client.awaitText("Idle timeout\r\n");
        run.awaitEnd();

        handler.assertEndedOnce();
        long idleAtThePrompt = handler.endedAt.get() - handler.commandReturned.get();
        assertTrue(idleAtThePrompt >= IDLE.toNanos(),
                "ended " + Duration.ofNanos(idleAtThePrompt) + " after the prompt (expected: >= " + IDLE + ")");
        assertTrue(timeoutsDuringTheCommand <= 10,
                "the reader woke " + timeoutsDuringTheCommand + " times while the command ran (expected: no polling)");
    }

    @Test
    void ctrlDAfterTheSessionWasAlreadyEndingRunsSessionEndOnce() {
        RecordingHandler handler = new RecordingHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT).type("exit\r").send(0x04);
        run.client.hangUp();
        run.awaitEnd();
        handler.assertEndedOnce();
    }

    @Test
    void aSessionWhoseExecutorRefusesATaskStillEndsAndRunsSessionEnd() {
        RecordingHandler handler = new RecordingHandler();
        AtomicInteger accepted = new AtomicInteger();
        Executor firstTaskOnly = task -> {
            if (accepted.getAndIncrement() > 0) {
                throw new RejectedExecutionException("shutting down");
            }
            Thread.ofVirtual().start(task);
        };
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE);
        TelnetSession session = TelnetSession.create(handler, client, SessionRun.CONFIG, firstTaskOnly);
        Thread reader = Thread.ofPlatform().start(session::run);
        client.awaitText(PROMPT).type("echo refused\r");
        client.awaitClosed();
        try {
            reader.join(TestClient.TIMEOUT);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(!reader.isAlive(), "run() returned");
        handler.assertEndedOnce();
        assertTrue(handler.echoed.isEmpty());
    }
}
