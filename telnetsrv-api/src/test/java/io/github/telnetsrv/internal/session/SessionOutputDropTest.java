package io.github.telnetsrv.internal.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.RecordingHandler;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.SessionRun;
import io.github.telnetsrv.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Dropping a client that stopped reading needs nothing but the connection: not the session's lock, which another
 * thread may hold (the race that once left such a client connected long after its write timeout).
 */
class SessionOutputDropTest {

    @Test
    void aBlockedWriteIsDroppedEvenWhileAnotherThreadHoldsTheSessionsLock() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        TestClient client = new TestClient(TestClient.Kind.SILENT);
        SessionConfig config = SessionRun.CONFIG.toBuilder().writeTimeout(Duration.ofMillis(50)).build();
        SessionOutput output = new SessionOutput(lock, changed, client, null, config, SessionOutput.VIRTUAL_WRITES,
                () -> { });
        CountDownLatch blocked = new CountDownLatch(1);
        client.stallOutput(blocked::countDown);

        // A thread of the session's own (a command): it writes itself, and its write blocks.
        Thread writer = Thread.ofPlatform().start(output.owned(() -> {
            lock.lock();
            try {
                output.buffer().writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
            } finally {
                lock.unlock();
            }
            output.flush();
        }));
        RecordingHandler.await(blocked, "the write to block");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            lock.lock();
            try {
                holding.countDown();
                RecordingHandler.await(release, "the test to release the lock");
            } finally {
                lock.unlock();
            }
        });
        RecordingHandler.await(holding, "another thread to hold the lock");
        try {
            long started = output.writeStartedNanos();
            assertTrue(started != 0, "a write is in progress");
            output.dropIfWriteBlocked(started + Duration.ofMillis(50).toNanos());
            client.awaitClosed();
            assertTrue(lock.isLocked(), "the connection was closed while the lock was still held");
        } finally {
            release.countDown();
        }
        holder.join(TestClient.TIMEOUT.toMillis());
        writer.join(TestClient.TIMEOUT.toMillis());
        assertFalse(writer.isAlive(), "the blocked writer returned");
        lock.lock();
        try {
            long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
            while (!output.failed() && System.nanoTime() < deadline) {
                changed.awaitNanos(deadline - System.nanoTime());
            }
            assertTrue(output.failed(), "the output is marked failed once the lock is free");
        } finally {
            lock.unlock();
        }
    }
}
