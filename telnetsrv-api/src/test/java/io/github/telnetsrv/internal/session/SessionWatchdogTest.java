package io.github.telnetsrv.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.RecordingHandler;
import io.github.telnetsrv.SessionRun;
import io.github.telnetsrv.TestClient;
import io.github.telnetsrv.edit.KeyMap;
import java.net.SocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The write watchdog's thread lives exactly as long as some session is watched. */
class SessionWatchdogTest {

    private static SessionWatchdog.Watched terminal() {
        return newTerminal().limits();
    }

    private static SessionTerminal newTerminal() {
        return new SessionTerminal(new TestClient(TestClient.Kind.SILENT), SessionRun.CONFIG, KeyMap.defaults(),
                new SessionTerminal.Events() {
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

    @Test
    void itsThreadRunsWhileASessionIsWatchedAndEndsWithTheLast() {
        SessionWatchdog watchdog = new SessionWatchdog();
        SessionWatchdog.Watched first = terminal();
        SessionWatchdog.Watched second = terminal();
        assertFalse(watchdog.running());

        watchdog.watch(first);
        watchdog.watch(second);
        assertTrue(watchdog.running());
        watchdog.unwatch(first);
        assertTrue(watchdog.running(), "one session is still watched");
        watchdog.unwatch(second);
        assertFalse(watchdog.running());
        watchdog.unwatch(second);

        watchdog.watch(first);
        assertTrue(watchdog.running(), "started again for a new session");
        watchdog.unwatch(first);
        assertFalse(watchdog.running());
    }

    /** A session that is looked at every {@code periodNanos}; its checks run {@code onCheck}. */
    private record Probe(Runnable onCheck, long periodNanos) implements SessionWatchdog.Watched {
        Probe(Runnable onCheck) {
            this(onCheck, TimeUnit.MILLISECONDS.toNanos(1));
        }

        @Override
        public void check(long nowNanos) {
            onCheck.run();
        }

        @Override
        public SocketAddress remoteAddress() {
            return null;
        }
    }

    @Test
    void aCheckThatThrowsAnErrorStopsNeitherTheWatchdogNorTheChecksOfOtherSessions() throws InterruptedException {
        SessionWatchdog watchdog = new SessionWatchdog();
        AtomicInteger thrown = new AtomicInteger();
        Probe failing = new Probe(() -> {
            thrown.incrementAndGet();
            throw new OutOfMemoryError("simulated: a flood left no memory for this check");
        });
        CountDownLatch looks = new CountDownLatch(5);
        Probe healthy = new Probe(looks::countDown);
        watchdog.watch(failing);
        try {
            watchdog.watch(healthy);
            assertTrue(looks.await(10, TimeUnit.SECONDS), "the healthy session went on being checked");
            assertTrue(thrown.get() >= 2, "the failing check ran again after its Error: " + thrown.get());
            assertTrue(watchdog.running());
        } finally {
            watchdog.unwatch(healthy);
            watchdog.unwatch(failing);
        }
        assertFalse(watchdog.running());
    }

    @Test
    void aSessionWatchedWhileTheWatchdogLooksGetsItsShorterPeriod() throws InterruptedException {
        SessionWatchdog watchdog = new SessionWatchdog();
        CountDownLatch looking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Probe slow = new Probe(() -> {
            looking.countDown();
            RecordingHandler.await(release, "the test to watch the second session");
        }, TimeUnit.HOURS.toNanos(1));
        CountDownLatch looks = new CountDownLatch(5);
        Probe fast = new Probe(looks::countDown);
        watchdog.watch(slow);
        try {
            // The first look is under way (blocked in the slow session's check) when the fast session arrives:
            // its signal finds nobody waiting, and the look may not see it.
            assertTrue(looking.await(10, TimeUnit.SECONDS));
            watchdog.watch(fast);
            release.countDown();
            assertTrue(looks.await(10, TimeUnit.SECONDS), "the fast session was looked at on its own period");
        } finally {
            release.countDown();
            watchdog.unwatch(fast);
            watchdog.unwatch(slow);
        }
    }

    @Test
    void anIdleSessionIsLookedAtAQuarterOfItsShortestLimitNotMoreOften() {
        SessionTerminal idle = newTerminal();
        long write = SessionRun.CONFIG.writeTimeout().toNanos();
        long idleTimeout = SessionRun.CONFIG.idleTimeout().toNanos();
        idle.limits().handshakeDone();
        assertEquals(Math.min(write, idleTimeout) / 4, idle.limits().periodNanos(),
                "no pending completion or handshake: only the write and idle timeouts count");
    }
}
