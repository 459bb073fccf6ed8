package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.transport.Inbound;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A session's input when its transport is handed the client's bytes ({@link Inbound}): what is pushed in waits
 * here, in order, and a drain task of the session's own takes it, one at a time, through {@link TerminalInput} as a
 * socket reader would, then ends. No thread is kept while nothing comes in; the thread that pushes never writes and
 * never waits.
 *
 * <p>Backpressure: the drain task feeds {@link TerminalInput#received}, which waits while the editor's queue is
 * full; only then does it tell the transport how many bytes it took ({@code taken}), so a transport with flow control
 * lets its client send no more than the session has taken. A lone ESC waits here for the rest of its sequence (at
 * most the escape timeout) before {@link TerminalInput#readTimedOut()} decides it.
 *
 * <p>Thread-safe.
 */
public final class Inbox implements Inbound {

    private static final Object END_OF_INPUT = new Object();
    private static final Object CLOSED = new Object();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final TerminalInput input;
    private final Runnable inputEnded;
    private final IntConsumer taken;
    private final Executor drains;

    // Guarded by lock.
    private final ArrayDeque<Object> items = new ArrayDeque<>(4);
    private boolean draining;
    private boolean closed;

    /**
     * @param input the session's input, which the drain task feeds
     * @param inputEnded what the client's end of input (a half-close) does, on the drain task
     * @param taken told how many bytes the session has taken, on the drain task
     * @param drains starts a drain task on a thread of the session's own
     */
    public Inbox(TerminalInput input, Runnable inputEnded, IntConsumer taken, Executor drains) {
        this.input = Objects.requireNonNull(input, "input");
        this.inputEnded = Objects.requireNonNull(inputEnded, "inputEnded");
        this.taken = Objects.requireNonNull(taken, "taken");
        this.drains = Objects.requireNonNull(drains, "drains");
    }

    @Override
    public void receive(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > 0) {
            put(Arrays.copyOfRange(buf, off, off + len));
        }
    }

    @Override
    public void submit(Runnable event) {
        put(Objects.requireNonNull(event, "event"));
    }

    @Override
    public void endOfInput() {
        put(END_OF_INPUT);
    }

    @Override
    public void closed() {
        put(CLOSED);
    }

    private void put(Object item) {
        boolean start;
        lock.lock();
        try {
            if (closed) {
                return; // the input has ended: nothing after it is taken
            }
            closed = item == CLOSED;
            items.add(item);
            start = !draining;
            draining = true;
            arrived.signal();
        } finally {
            lock.unlock();
        }
        if (start) {
            try {
                drains.execute(this::drain);
            } catch (RuntimeException | OutOfMemoryError e) {
                // No thread for the input (the session's executor was shut down, or none could be made): its
                // session is ending; what was pushed in is not taken.
                lock.lock();
                try {
                    draining = false;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void drain() {
        int escapeWait = 0;
        while (true) {
            Object item;
            lock.lock();
            try {
                item = items.poll();
                if (item == null && escapeWait > 0) {
                    item = awaitItem(escapeWait);
                    if (item == null) {
                        lock.unlock();
                        try {
                            escapeWait = input.readTimedOut();
                        } finally {
                            lock.lock();
                        }
                        continue;
                    }
                }
                if (item == null) {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            escapeWait = take(item, escapeWait);
        }
    }

    /** Under the lock: waits at most {@code millis} for an item; null when none came. */
    private Object awaitItem(int millis) {
        long left = TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (items.isEmpty() && left > 0) {
                left = arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return items.poll();
    }

    private int take(Object item, int escapeWait) {
        if (item instanceof byte[] bytes) {
            int wait = input.received(bytes, 0, bytes.length);
            taken.accept(bytes.length);
            return wait;
        }
        if (item == END_OF_INPUT) {
            inputEnded.run();
        } else if (item == CLOSED) {
            input.inputClosed();
            return 0;
        } else {
            ((Runnable) item).run();
        }
        return escapeWait;
    }
}
