package io.github.telnetsrv.ssh;

import io.github.telnetsrv.transport.Inbound;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The client's bytes on one session channel, pushed by the SSH layer's I/O thread to the session's {@link Inbound}:
 * no reader thread, no piped stream. The I/O thread never waits here: it hands the bytes over and returns, and the
 * channel's window opens again only as the session takes them ({@link ChannelConnection#windowTaken}), so a client
 * typing ahead of a busy session is held back by SSH's own flow control, never by dropping what it sent.
 *
 * <p>The client's EOF is not its departure: it stops sending but still reads (a piped script, {@code ssh -n}, an
 * exec channel with no input). It is handed over once ({@link Inbound#endOfInput()}), so that the lines sent before
 * still run and their output reaches the client; the input ends when the channel is gone ({@link #gone()}).
 *
 * <p>What comes before the session is attached (nothing, with MINA SSHD's order of calls; kept in case) waits here,
 * bounded by the channel's window. Thread-safe.
 */
final class ChannelInput implements ChannelDataReceiver {

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private Inbound session;
    private ByteArrayOutputStream early;
    private boolean ended;
    private boolean gone;

    /**
     * Attaches the session: what came before is handed over now, in order.
     *
     * @param inbound where the session takes the client's bytes
     */
    void attach(Inbound inbound) {
        lock.lock();
        try {
            session = inbound;
            if (early != null) {
                byte[] bytes = early.toByteArray();
                early = null;
                inbound.receive(bytes, 0, bytes.length);
            }
            if (ended) {
                inbound.endOfInput();
            }
            if (gone) {
                inbound.closed();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called by the SSH layer's I/O thread: hands the bytes over; the window opens when the session takes them. */
    @Override
    public int data(ChannelSession channel, byte[] buf, int start, int len) {
        lock.lock();
        try {
            if (gone) {
                return len; // nobody takes them any more: the window need not hold the client back
            }
            if (session != null) {
                session.receive(buf, start, len);
            } else {
                if (early == null) {
                    early = new ByteArrayOutputStream(Math.max(32, len));
                }
                early.write(buf, start, len);
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** The client's EOF (or the channel's close): the client sends nothing more. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (ended || gone) {
                return;
            }
            ended = true;
            if (session != null) {
                session.endOfInput();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The channel is gone: the session's input ends. Any thread; idempotent. */
    void gone() {
        lock.lock();
        try {
            if (gone) {
                return;
            }
            gone = true;
            if (session != null) {
                session.closed();
            }
        } finally {
            lock.unlock();
        }
    }
}
