package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler for session tests: an {@code echo} command that records what it ran, and counters of
 * {@code sessionStart()} and {@code sessionEnd()}.
 */
class RecordingHandler extends TelnetHandler {

    static final String PROMPT = "Telnet Server> ";

    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger ends = new AtomicInteger();
    final CountDownLatch ended = new CountDownLatch(1);
    /** The raw input of every {@code echo} run, in order. */
    final List<String> echoed = new CopyOnWriteArrayList<>();

    @Command(value = "echo", help = """
            <text to echo>
            Echo text back to the console.
            """)
    void echo(List<String> params) {
        echoed.add(rawInput());
        writeResult(String.join(" ", params));
    }

    @Override
    protected void sessionStart() {
        starts.incrementAndGet();
    }

    @Override
    protected void sessionEnd() {
        ends.incrementAndGet();
        ended.countDown();
    }

    /** Waits (bounded) for {@code sessionEnd()}. */
    void awaitEnded() {
        await(ended, "sessionEnd()");
    }

    /** Asserts that the session ended and {@code sessionEnd()} ran exactly once. */
    void assertEndedOnce() {
        awaitEnded();
        assertEquals(1, ends.get(), "sessionEnd() calls");
    }

    /** Waits (bounded) for a latch to reach zero, failing the test otherwise. */
    static void await(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "timed out waiting for " + what);
        } catch (InterruptedException e) {
            fail(e);
        }
    }
}
