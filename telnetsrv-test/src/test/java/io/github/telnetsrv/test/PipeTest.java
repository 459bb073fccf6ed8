package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The session's input: what the kit's client wrote, read as a socket would be read. */
class PipeTest {

    private static final long WAIT = TimeUnit.SECONDS.toNanos(10);

    private final Pipe pipe = new Pipe();

    private int readInto(byte[] buf) {
        try {
            return pipe.read(buf, 0, buf.length);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bytesComeOutInOrderAcrossGrowth() throws IOException {
        byte[] big = new byte[1000];
        Arrays.fill(big, (byte) 7);
        assertTrue(pipe.write(new byte[] {1, 2}));
        assertTrue(pipe.write(big));
        byte[] buf = new byte[2000];
        assertEquals(1002, pipe.read(buf, 0, buf.length));
        assertEquals(1, buf[0]);
        assertEquals(7, buf[1001]);
    }

    @Test
    void aReadWithATimeoutGivesUpLikeASocket() {
        pipe.setTimeout(1);
        assertThrows(SocketTimeoutException.class, () -> pipe.read(new byte[4], 0, 4));
    }

    @Test
    void afterAHangUpWhatWasWrittenIsReadThenTheEnd() throws IOException {
        pipe.write(new byte[] {1, 2, 3});
        pipe.hangUp();
        assertFalse(pipe.write(new byte[] {4}));
        byte[] buf = new byte[8];
        assertEquals(3, pipe.read(buf, 0, 8));
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(buf, 3));
        assertEquals(-1, pipe.read(buf, 0, 8));
    }

    @Test
    void closingEndsABlockedReadAndDropsWhatIsLeft() throws Exception {
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readInto(new byte[8]));
        assertTrue(pipe.awaitReaderIdle(System.nanoTime() + WAIT), "the reader never blocked");
        pipe.close();
        assertEquals(-1, read.get(10, TimeUnit.SECONDS));
        assertFalse(pipe.write(new byte[] {1}));
        assertEquals(0, pipe.available());
    }

    @Test
    void theReaderIsIdleOnlyWhenAllIsReadAndItWaitsWithoutATimeout() throws Exception {
        pipe.write(new byte[] {1});
        assertFalse(pipe.awaitReaderIdle(System.nanoTime()), "idle with a byte unread");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> readInto(new byte[8]));
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        pipe.setTimeout(60_000);
        CompletableFuture<Integer> timed = CompletableFuture.supplyAsync(() -> readInto(new byte[8]));
        assertFalse(pipe.awaitReaderIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)),
                "idle while the reader waits with a timeout");
        pipe.setTimeout(0);
        pipe.write(new byte[] {2});
        assertEquals(1, timed.get(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> untimed = CompletableFuture.supplyAsync(() -> readInto(new byte[8]));
        assertTrue(pipe.awaitReaderIdle(System.nanoTime() + WAIT));
        pipe.close();
        assertEquals(-1, untimed.get(10, TimeUnit.SECONDS));
    }
}
