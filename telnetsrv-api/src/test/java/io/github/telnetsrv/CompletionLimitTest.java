package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * At most one completer runs per session: a Tab given up after its 2 s leaves its completer running if it ignores
 * interrupts, and a later Tab must not start another one beside it.
 */
class CompletionLimitTest {

    /** The first call blocks until the test releases it, ignoring interrupts; later calls answer at once. */
    static class StuckCompletionHandler extends RecordingHandler {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Thread> firstThread = new AtomicReference<>();
        final AtomicInteger interruptsIgnored = new AtomicInteger();

        @Override
        protected List<String> completeArgument(String command, String word) {
            if (calls.incrementAndGet() == 1) {
                firstThread.set(Thread.currentThread());
                firstEntered.countDown();
                awaitIgnoringInterrupts();
            }
            return List.of("apple");
        }

        private void awaitIgnoringInterrupts() {
            long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos() * 3;
            while (System.nanoTime() < deadline) {
                try {
                    if (release.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interruptsIgnored.incrementAndGet(); // a completer that goes on regardless
                }
            }
        }
    }

    @Test
    void aTabWhileAGivenUpCompleterStillRunsRingsTheBellAndStartsNoOther() throws InterruptedException {
        StuckCompletionHandler handler = new StuckCompletionHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo a\t");
            RecordingHandler.await(handler.firstEntered, "the first completer to run");
            run.client.type("b\r");
            run.client.awaitText("ab\r\n" + PROMPT); // given up after 2 s: the keys held ran
            assertTrue(handler.interruptsIgnored.get() >= 1, "the stuck completer was interrupted, and went on");

            // The first completer is still running: these Tabs get nothing, at once, and start nothing.
            run.client.type("echo c\t\t").type("d\r");
            run.client.awaitText("cd\r\n" + PROMPT);
            assertEquals(1, handler.calls.get(), "completer calls while the first one still runs");
            assertEquals(List.of("echo ab", "echo cd"), handler.echoed);

            handler.release.countDown();
            Thread first = handler.firstThread.get();
            first.join(TestClient.TIMEOUT);
            assertFalse(first.isAlive(), "the first completer's task ended");

            // Once it has returned, Tab completes again.
            run.client.type("echo a\t\r");
            run.client.awaitText("echo apple \r\napple\r\n" + PROMPT);
            assertEquals(2, handler.calls.get());
        } finally {
            handler.release.countDown();
        }
    }
}
