package io.github.telnetsrv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory, one-way byte channel for the in-memory benchmarks: what one side writes to {@link #output()} the
 * other reads from {@link #input()}. Writes never block (the buffer grows); a read blocks until bytes arrive, the
 * pipe is closed (end of input once the bytes written are read), or {@link #READ_TIMEOUT_MILLIS} passes
 * ({@link SocketTimeoutException}: a benchmark never hangs on a session that stopped answering). A lock, not
 * {@code synchronized}, so a virtual reader does not pin its carrier. Unlike {@link java.io.PipedInputStream} it does
 * not poll, and does not care which threads read and write. Steady state allocates nothing.
 */
final class BytePipe {

    /** How long a read waits for bytes before it fails. */
    static final long READ_TIMEOUT_MILLIS = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private byte[] buffer = new byte[4096];
    private int start;
    private int end;
    private boolean closed;

    private final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return take(b, off, len);
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return end - start;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            BytePipe.this.close();
        }
    };

    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            put(b, off, len);
        }

        @Override
        public void close() {
            BytePipe.this.close();
        }
    };

    /** The reading end. */
    InputStream input() {
        return input;
    }

    /** The writing end. */
    OutputStream output() {
        return output;
    }

    /** Ends the pipe: the reader gets what is left, then the end of input; writes fail. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void put(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("pipe closed");
            }
            if (end + len > buffer.length) {
                int size = end - start;
                byte[] target = size + len > buffer.length ? new byte[Math.max(buffer.length * 2, size + len)] : buffer;
                System.arraycopy(buffer, start, target, 0, size);
                buffer = target;
                start = 0;
                end = size;
            }
            System.arraycopy(b, off, buffer, end, len);
            end += len;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int take(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MILLIS);
            while (start == end) {
                if (closed) {
                    return -1;
                }
                if (nanos <= 0) {
                    throw new SocketTimeoutException("nothing to read for " + READ_TIMEOUT_MILLIS + " ms");
                }
                try {
                    nanos = changed.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
            int n = Math.min(len, end - start);
            System.arraycopy(buffer, start, b, off, n);
            start += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }
}
