package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C while the command's own write to a slow client is blocked: on a virtual thread, interrupting a thread
 * blocked in a socket write closes the socket, so the interrupt must wait until the write returns.
 */
class InterruptDuringWriteTest {

    /** {@code stream} writes lines until it is interrupted. */
    static class StreamHandler extends RecordingHandler {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicBoolean stoppedByInterrupt = new AtomicBoolean();

        @Command(value = "stream", help = """

                Write lines until interrupted
                """)
        void stream() {
            started.countDown();
            RecordingHandler.await(go, "the test to stall the client");
            String line = "y".repeat(100);
            for (int i = 0; i < 1_000_000; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    stoppedByInterrupt.set(true);
                    return;
                }
                writeLine(line);
            }
        }
    }

    @Test
    void ctrlCWhileTheCommandsWriteIsBlockedStopsTheCommandAndKeepsTheConnection() {
        StreamHandler handler = new StreamHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("stream\r").awaitText("stream\r\n");
            RecordingHandler.await(handler.started, "the command to start");
            run.client.awaitReaderWaiting();
            CountDownLatch blocked = new CountDownLatch(1);
            run.client.stallOutputLikeASocket(blocked::countDown);
            handler.go.countDown();
            RecordingHandler.await(blocked, "the command's write to block");

            run.client.send(0x03);
            run.client.awaitReaderWaiting(); // the Ctrl-C has been read and acted on
            run.client.releaseOutput();

            run.client.awaitText("^C\r\n");
            run.client.awaitText(PROMPT);
            assertTrue(handler.stoppedByInterrupt.get(), "the command saw the interrupt");
            assertFalse(run.client.serverClosed(), "the connection stays open");
            run.client.type("echo still here\r").awaitText("\r\nstill here\r\n" + PROMPT);
        }
    }
}
