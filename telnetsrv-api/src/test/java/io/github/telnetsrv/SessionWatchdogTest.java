package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.edit.KeyMap;
import java.net.SocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The write watchdog's thread lives exactly as long as some session is watched. */
class SessionWatchdogTest {

    private static SessionTerminal terminal() {
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
        SessionTerminal first = terminal();
        SessionTerminal second = terminal();
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

    /** A session that is looked at every millisecond; its checks run {@code onCheck}. */
    private record Probe(Runnable onCheck) implements SessionWatchdog.Watched {
        @Override
        public long periodNanos() {
            return TimeUnit.MILLISECONDS.toNanos(1);
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
}
