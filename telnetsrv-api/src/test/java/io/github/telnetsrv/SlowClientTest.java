package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A client that stops reading: output is bounded and the session is dropped after the write timeout. */
class SlowClientTest {

    private static final Duration WRITE_TIMEOUT = Duration.ofMillis(200);
    private static final int LINES = 100_000;
    private static final SessionConfig CONFIG = SessionRun.CONFIG.toBuilder()
            .writeTimeout(WRITE_TIMEOUT)
            .maxPendingOutput(1024)
            .build();

    /**
     * A write timeout no test waits for: a call that returns before it could have passed did not wait for the
     * client. The test client gives up a stalled write after {@link TestClient#TIMEOUT}, longer than the bound
     * {@link #RETURNS_WITHIN} put on each call.
     */
    private static final SessionConfig PATIENT = SessionRun.CONFIG.toBuilder()
            .writeTimeout(Duration.ofSeconds(30))
            .maxPendingOutput(1024)
            .build();
    private static final long RETURNS_WITHIN = 5;

    /** {@code flood} waits for the test, then writes up to {@link #LINES} lines of 100 characters. */
    static class FloodHandler extends RecordingHandler {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicInteger written = new AtomicInteger();
        final AtomicReference<Thread> thread = new AtomicReference<>();
        /** The task that opened the session and showed the first prompt. */
        final AtomicReference<Thread> opening = new AtomicReference<>();

        @Override
        protected void sessionStart() {
            opening.set(Thread.currentThread());
            super.sessionStart();
        }

        @Command(value = "flood", help = """

                Write a lot
                """)
        void flood() {
            thread.set(Thread.currentThread());
            started.countDown();
            RecordingHandler.await(go, "the test to stall the client");
            String line = "x".repeat(100);
            for (int i = 0; i < LINES && !Thread.currentThread().isInterrupted(); i++) {
                writeLine(line);
                written.incrementAndGet();
            }
        }
    }

    @Test
    void aCommandWhoseOwnWriteBlocksIsDroppedAfterTheWriteTimeout() {
        FloodHandler handler = new FloodHandler();
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), CONFIG);
        run.client.awaitText(PROMPT).type("flood\r").awaitText("flood\r\n");
        RecordingHandler.await(handler.started, "the command to start");
        run.client.awaitReaderWaiting();
        // The opening task may still be in its flush loop (it writes whatever is pending, the command's output
        // included, until the buffer is empty): once it has ended, the command's own flush is the writer.
        Thread opening = handler.opening.get();
        try {
            opening.join(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(opening.isAlive(), "the opening task ended");
        AtomicLong writeStarted = new AtomicLong();
        AtomicReference<Thread> blocked = new AtomicReference<>();
        run.client.stallOutput(() -> {
            writeStarted.set(run.session.writeStartedNanos());
            blocked.set(Thread.currentThread());
        });
        long start = System.nanoTime();

        handler.go.countDown();
        run.awaitEnd();

        long elapsed = System.nanoTime() - start;
        assertSame(handler.thread.get(), blocked.get(), "the command's own write blocked");
        assertNotEquals(0, writeStarted.get(), "writeStartedNanos() while the write is blocked");
        assertTrue(elapsed >= WRITE_TIMEOUT.toNanos(), "dropped after " + Duration.ofNanos(elapsed));
        assertTrue(run.client.serverClosed());
        handler.assertEndedOnce();
        assertEquals(0, run.session.writeStartedNanos(), "no write in progress after the end");
    }

    @Test
    void outputFromACommandWhileAnotherThreadsWriteIsBlockedIsBoundedAndTheClientIsDropped() {
        FloodHandler handler = new FloodHandler();
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), CONFIG);
        run.client.awaitText(PROMPT).type("flood\r").awaitText("flood\r\n");
        RecordingHandler.await(handler.started, "the command to start");
        run.client.awaitReaderWaiting();
        CountDownLatch readerBlocked = new CountDownLatch(1);
        AtomicReference<Thread> blocked = new AtomicReference<>();
        run.client.stallOutput(() -> {
            blocked.set(Thread.currentThread());
            readerBlocked.countDown();
        });
        run.client.send(255, 246); // AYT: the reader thread answers "[Yes]" and its write blocks
        RecordingHandler.await(readerBlocked, "the reader's write to block");
        long start = System.nanoTime();

        handler.go.countDown();
        run.awaitEnd();

        long elapsed = System.nanoTime() - start;
        assertNotEquals(handler.thread.get(), blocked.get(), "another thread's write blocked");
        assertTrue(handler.written.get() < 1000,
                handler.written.get() + " lines were accepted for a client that reads nothing (expected: bounded)");
        assertTrue(elapsed >= WRITE_TIMEOUT.toNanos() / 2, "dropped after " + Duration.ofNanos(elapsed));
        handler.assertEndedOnce();
    }

    @Test
    void messagesFromAnotherThreadReturnAtOnceWhileTheClientIsStuckAndArriveInOrderOnceItReads() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), PATIENT);
        run.client.awaitText(PROMPT);
        run.client.awaitReaderWaiting();
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicReference<Thread> writer = new AtomicReference<>();
        run.client.stallOutput(() -> {
            writer.set(Thread.currentThread());
            blocked.countDown();
        });

        for (String text : List.of("one", "two", "three")) {
            CompletableFuture<Thread> posted = CompletableFuture.supplyAsync(() -> {
                run.session.message(text);
                return Thread.currentThread();
            });
            // Fails with a TimeoutException when message() writes to the stuck client itself.
            Thread poster = posted.get(RETURNS_WITHIN, TimeUnit.SECONDS);
            RecordingHandler.await(blocked, "the first message's write to block");
            assertNotSame(poster, writer.get(), "the write blocked on a thread of the session, not the caller's");
        }
        run.client.releaseOutput();

        String text = run.client.textUntil("three\r\n");
        assertTrue(text.indexOf("one\r\n") < text.indexOf("two\r\n") && text.indexOf("two\r\n") < text.indexOf("three"),
                "in order: " + TestClient.quote(text));
        run.client.awaitText(PROMPT);
        run.close();
        handler.assertEndedOnce();
    }

    @Test
    void outputFromOtherThreadsPastTheBoundBehindAStuckWriteDropsTheClientWithoutWaiting() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), PATIENT);
        run.client.awaitText(PROMPT);
        run.client.awaitReaderWaiting();
        CountDownLatch blocked = new CountDownLatch(1);
        run.client.stallOutput(blocked::countDown);
        String line = "m".repeat(100);
        CompletableFuture.runAsync(() -> handler.writeMessage(line)).get(RETURNS_WITHIN, TimeUnit.SECONDS);
        RecordingHandler.await(blocked, "the write to block");

        // Over 1024 bytes pending behind the blocked write: the client is dropped long before the write timeout
        // (30 s) could pass, and no call waited for it.
        for (int i = 0; i < 20; i++) {
            CompletableFuture.runAsync(() -> handler.writeMessage(line)).get(RETURNS_WITHIN, TimeUnit.SECONDS);
        }
        assertTrue(handler.ended.await(RETURNS_WITHIN, TimeUnit.SECONDS), "the client was dropped for the bound, "
                + "before its stalled write could give up (" + TestClient.TIMEOUT + ") or time out (30 s)");
        run.awaitEnd();
        assertTrue(run.client.serverClosed(), "the client was dropped");
        handler.assertEndedOnce();
    }
}
