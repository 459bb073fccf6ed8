package io.github.telnetsrv.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes from the kit's client to the session: what the session reads as its connection's input.
 *
 * <p>Writes never block (the buffer grows), so the kit can answer a negotiation from inside the session's own
 * write. A read blocks until bytes arrive, the client hangs up (the bytes already written are read first, then
 * the end of input), or the session closes the connection (the end of input at once); with a read timeout set
 * it gives up with {@link SocketTimeoutException}, as a socket does. Uses a lock, never {@code synchronized}, so
 * a virtual reader does not pin its carrier. Thread-safe.
 */
final class Pipe extends InputStream {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private byte[] buffer = new byte[256];
    private int start;
    private int end;
    private int timeoutMillis;
    /** The client has hung up: the reader gets what is left, then the end of input. */
    private boolean hungUp;
    /** The session closed its connection: the reader gets the end of input at once. */
    private boolean closed;
    /** Readers blocked in {@link #read} right now. */
    private int waitingReaders;

    /**
     * Adds bytes for the session to read.
     *
     * @return false when nobody will read them: the client hung up or the session closed the connection
     */
    boolean write(byte[] bytes) {
        lock.lock();
        try {
            if (hungUp || closed) {
                return false;
            }
            if (end + bytes.length > buffer.length) {
                int size = end - start;
                byte[] grown = size + bytes.length > buffer.length
                        ? new byte[Math.max(buffer.length * 2, size + bytes.length)]
                        : buffer;
                System.arraycopy(buffer, start, grown, 0, size);
                buffer = grown;
                start = 0;
                end = size;
            }
            System.arraycopy(bytes, 0, buffer, end, bytes.length);
            end += bytes.length;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The client hangs up: what it wrote is still read, then the end of input. */
    void hangUp() {
        lock.lock();
        try {
            hungUp = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the session has read every byte written and waits in a read without a timeout: its reader has
     * dealt with all the input, a lone ESC included (resolving one takes a read that times out).
     *
     * @return false if that did not happen by the deadline
     */
    boolean awaitReaderIdle(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!(start == end && waitingReaders > 0 && timeoutMillis == 0) && !closed) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The session's read timeout ({@code TelnetConnection.setReadTimeout}); 0 for none. */
    void setTimeout(int millis) {
        lock.lock();
        try {
            timeoutMillis = Math.max(0, millis);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            long deadline = System.nanoTime() + timeoutNanos;
            while (start == end) {
                if (closed || hungUp) {
                    return -1;
                }
                waitingReaders++;
                changed.signalAll();
                try {
                    if (timeoutNanos == 0) {
                        changed.await();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("read timed out after " + timeoutMillis + " ms");
                        }
                        changed.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the kit's input");
                } finally {
                    waitingReaders--;
                }
            }
            if (closed) {
                return -1;
            }
            int n = Math.min(len, end - start);
            System.arraycopy(buffer, start, b, off, n);
            start += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return closed ? 0 : end - start;
        } finally {
            lock.unlock();
        }
    }

    /** The session closes its connection: a read in progress returns the end of input; bytes left are dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            Arrays.fill(buffer, start, end, (byte) 0);
            start = 0;
            end = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
