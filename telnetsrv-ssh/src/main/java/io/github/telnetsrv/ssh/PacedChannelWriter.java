package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.throttle.ChannelStreamWriter;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * Writes a session channel's data packets with at most {@value #MAX_IN_FLIGHT} of them queued on the connection and
 * not yet written to its socket: the next write waits for one to complete.
 *
 * <p>The SSH layer's blocking channel stream bounds what it sends only by the client's window (OpenSSH opens session
 * channels with 2 MiB): a session that writes many small pieces (a piped script's prompts and results) would queue
 * tens of thousands of packets on the connection, whose write queue costs a scan of itself per completed write, so
 * output slowed down quadratically. Waiting here keeps that queue short and makes the session's writer feel the
 * client's pace, as a socket write does over Telnet.
 *
 * <p>Called by the session's own writing thread (never an SSH I/O thread: the shell's streams are blocking ones),
 * which may wait here; a channel that closes, or a write that fails, ends the wait. The completion listeners run on
 * SSH I/O threads and never block.
 */
final class PacedChannelWriter implements ChannelStreamWriter {

    /** Packets queued and not yet written; enough to keep the socket busy, few enough to scan. */
    static final int MAX_IN_FLIGHT = 16;
    /** How often a waiting writer looks whether the channel closed (its queued writes then never complete). */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition completed = lock.newCondition();
    // Guarded by lock.
    private int inFlight;
    private boolean closed;

    PacedChannelWriter(Channel channel) {
        this.channel = channel;
    }

    @Override
    public IoWriteFuture writeData(Buffer buffer) throws IOException {
        lock.lock();
        try {
            while (inFlight >= MAX_IN_FLIGHT) {
                if (closed || !channel.isOpen()) {
                    throw new IOException("channel " + channel.getChannelId() + " closed");
                }
                completed.awaitNanos(CHECK_NANOS);
            }
            if (closed) {
                throw new IOException("channel " + channel.getChannelId() + " writer closed");
            }
            inFlight++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the client to take channel data");
        } finally {
            lock.unlock();
        }
        IoWriteFuture future;
        try {
            future = channel.writePacket(buffer);
        } catch (IOException | RuntimeException e) {
            written();
            throw e;
        }
        future.addListener(f -> written());
        return future;
    }

    /** A packet left the queue (written, or failed): a waiting writer may go on. Any thread; never blocks long. */
    private void written() {
        lock.lock();
        try {
            inFlight--;
            completed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Packets queued and not yet written (for tests). */
    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            completed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
