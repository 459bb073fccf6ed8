package io.github.telnetsrv.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.RecordingHandler;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server base every transport shares: its registry, broadcast, admission and close, without a listener. */
class ServerBaseTest {

    private static final long WAIT_SECONDS = TestClient.TIMEOUT.toSeconds();

    private final TelnetServerConfig config = TelnetServerConfig.builder().handler(RecordingHandler::new)
            .negotiationWait(Duration.ofMillis(50)).maxSessions(5).maxSessionsPerAddress(3).maxUnauthenticated(2)
            .loginThrottle(LoginThrottle.create()).build();
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final List<Thread> runners = new ArrayList<>();
    private final ServerBase base = new ServerBase(config, "test", "base-test-", new ServerBase.Stopping() {
        @Override
        public void stopAccepting() {
            steps.add("stop accepting, " + alive() + " sessions running");
        }

        @Override
        public void stopTransport() {
            steps.add("stop transport, " + alive() + " sessions running");
        }
    });

    @AfterEach
    void closeBase() {
        base.close();
    }

    @Test
    void theBaseAdmitsUnderTheServersLimitsAndSharesItsSessionsLoginThrottle() {
        Admission admission = base.admission();
        assertEquals(5, admission.maxSessions());
        assertEquals(3, admission.maxSessionsPerAddress());
        assertEquals(2, admission.maxUnauthenticated());
        assertSame(config.session().loginThrottle(), base.loginThrottle());
        ServerBase unbounded = new ServerBase(TelnetServerConfig.builder().handler(RecordingHandler::new)
                .maxSessions(7).build(), "test", "base-test-", new NoStopping());
        assertEquals(7, unbounded.admission().maxUnauthenticated(), "expected no bound of its own by default");
    }

    @Test
    void sessionsAreListedOldestFirstAndForgottenWhenUnregistered() {
        TelnetSession first = session();
        TelnetSession second = session();
        TelnetSession third = session();
        // Registered newest first: the list is still oldest first.
        for (TelnetSession session : List.of(third, second, first)) {
            assertTrue(base.register(session, Thread.ofVirtual().unstarted(() -> { })));
        }
        assertEquals(List.of(first, second, third), base.sessions());
        assertEquals(3, base.sessionCount());
        base.unregister(second);
        assertEquals(List.of(first, third), base.sessions());
        assertEquals(2, base.sessionCount());
    }

    @Test
    void broadcastShowsTheMessageToEveryOpenSessionAndSkipsOneThatFails() {
        List<String> shown = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            RecordingHandler handler = new RecordingHandler() {
                @Override
                public void writeMessage(String text) {
                    if (name.equals("b")) {
                        throw new IllegalStateException("no terminal");
                    }
                    shown.add(name + ": " + text);
                }
            };
            base.register(TelnetSession.create(handler, new TestClient(TestClient.Kind.SILENT), config.session()),
                    Thread.ofVirtual().unstarted(() -> { }));
        }
        assertEquals(2, base.broadcast("maintenance at noon"));
        assertEquals(List.of("a: maintenance at noon", "c: maintenance at noon"), shown.stream().sorted().toList());
    }

    @Test
    void closeStopsAcceptingEndsEverySessionThenStopsTheTransportAndAwaitCloseReturns() throws Exception {
        List<RecordingHandler> handlers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingHandler handler = new RecordingHandler();
            handlers.add(handler);
            run(TelnetSession.create(handler, new TestClient(TestClient.Kind.SILENT), config.session()));
        }
        CompletableFuture<Void> awaited = CompletableFuture.runAsync(this::awaitClose);
        assertFalse(base.closing());
        base.close();
        assertEquals(List.of("stop accepting, 3 sessions running", "stop transport, 0 sessions running"), steps);
        handlers.forEach(RecordingHandler::assertEndedOnce);
        assertEquals(0, base.sessionCount());
        awaited.get(WAIT_SECONDS, TimeUnit.SECONDS);
        base.close(); // a second call returns at once: the first has completed
        assertEquals(2, steps.size(), "expected the transport stopped once");
    }

    @Test
    void afterCloseNoSessionIsRegisteredAndNoConnectionAdmitted() {
        Admission.Ticket admitted = base.admission().enter(null);
        base.close();
        assertTrue(base.closing());
        assertFalse(base.register(session(), Thread.ofVirtual().unstarted(() -> { })));
        assertEquals(0, base.sessionCount());
        assertEquals(Admission.Refusal.CLOSING, base.admission().enter(null).refusal());
        admitted.leave();
        assertEquals(0, base.admission().open());
    }

    @Test
    void closeFromASessionsOwnRunnerDoesNotWaitForItAndAwaitCloseReturnsWhenItEnds() throws Exception {
        TelnetSession other = TelnetSession.create(new RecordingHandler(), new TestClient(TestClient.Kind.SILENT),
                config.session());
        run(other);
        TelnetSession own = session();
        CountDownLatch closeReturned = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        List<Object> seenByOwnRunner = new CopyOnWriteArrayList<>();
        Thread runner = Thread.ofVirtual().unstarted(() -> {
            base.close();
            seenByOwnRunner.add(base.sessionCount());
            closeReturned.countDown();
            await(end);
            base.unregister(own);
        });
        assertTrue(base.register(own, runner));
        CompletableFuture<Void> awaited = CompletableFuture.runAsync(this::awaitClose);
        runner.start();
        assertTrue(closeReturned.await(WAIT_SECONDS, TimeUnit.SECONDS), "expected close() to return in the session");
        assertEquals(List.of(1), seenByOwnRunner, "expected every other session ended, the calling one still open");
        try {
            awaited.get(50, TimeUnit.MILLISECONDS);
            throw new AssertionError("awaitClose() returned while the closing session was still running");
        } catch (TimeoutException expected) {
            // The closing session has not ended yet.
        }
        end.countDown();
        awaited.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(), base.sessions());
    }

    /** A session not run, made once the clock has passed the previous one's start (so no two start together). */
    private TelnetSession session() {
        Instant after = Instant.now();
        while (!Instant.now().isAfter(after)) {
            Thread.onSpinWait();
        }
        return TelnetSession.create(new RecordingHandler(), new TestClient(TestClient.Kind.SILENT), config.session());
    }

    /** Registers a session with a runner that runs it, then starts the runner. */
    private void run(TelnetSession session) {
        Thread runner = Thread.ofVirtual().unstarted(() -> {
            try {
                session.run();
            } finally {
                base.unregister(session);
            }
        });
        runners.add(runner);
        assertTrue(base.register(session, runner));
        runner.start();
    }

    private long alive() {
        return runners.stream().filter(Thread::isAlive).count();
    }

    private void awaitClose() {
        try {
            base.awaitClose();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("not released within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A transport with nothing to stop. */
    private static final class NoStopping implements ServerBase.Stopping {
        @Override
        public void stopAccepting() {
        }

        @Override
        public void stopTransport() {
        }
    }
}
