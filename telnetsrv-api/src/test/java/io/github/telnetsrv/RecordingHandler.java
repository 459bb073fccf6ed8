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
public class RecordingHandler extends TelnetHandler {

    public static final String PROMPT = "Telnet Server> ";

    public final AtomicInteger starts = new AtomicInteger();
    public final AtomicInteger ends = new AtomicInteger();
    public final CountDownLatch ended = new CountDownLatch(1);
    /** The raw input of every {@code echo} run, in order. */
    public final List<String> echoed = new CopyOnWriteArrayList<>();

    /** A handler with its counters at zero. */
    public RecordingHandler() {
    }

    @Command(value = "echo", help = """
            <text to echo>
            Echo text back to the console.
            """)
    public void echo(List<String> params) {
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
    public void awaitEnded() {
        await(ended, "sessionEnd()");
    }

    /** Asserts that the session ended and {@code sessionEnd()} ran exactly once. */
    public void assertEndedOnce() {
        awaitEnded();
        assertEquals(1, ends.get(), "sessionEnd() calls");
    }

    /**
     * Blocks, as handler code stuck in a long call does, until the thread is interrupted (bounded by twice the
     * test timeout).
     *
     * @return true if it was interrupted, false if the bound passed first
     */
    public static boolean blockUntilInterrupted() {
        try {
            new CountDownLatch(1).await(TestClient.TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Waits (bounded) for a latch to reach zero, failing the test otherwise. */
    public static void await(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "timed out waiting for " + what);
        } catch (InterruptedException e) {
            fail(e);
        }
    }
}
