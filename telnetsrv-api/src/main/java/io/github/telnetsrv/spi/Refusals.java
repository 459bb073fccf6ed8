package io.github.telnetsrv.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SocketTelnetServer}'s refusals: a connection its {@link Admission} refused gets a line that says why and
 * is closed, without ever blocking the thread that admits. On a plain port the line is written at once (a few bytes
 * into an empty socket buffer never block); on a TLS port the line needs a handshake, so at most
 * {@value #MAX_TLS_REJECTERS} refusals are answered at a time, each on its own thread, within
 * {@value TlsRefusal#READ_TIMEOUT_MILLIS} ms per read and an absolute deadline (the handshake timeout, see
 * {@link TlsRefusal}), and the others are closed without a word. {@link #close()} resets those in progress. A
 * connection refused because the server is closing is closed without a word.
 *
 * <p>Thread-safe: refusals come from the acceptor and from the threads that call {@code serve()}; refusal threads
 * remove themselves when done; {@link #close()} is called by the server's close.
 */
final class Refusals {

    static final int MAX_TLS_REJECTERS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);
    private static final byte[] TOO_MANY = line("Too many sessions; please try again later.");
    private static final byte[] TOO_MANY_FROM_ADDRESS =
            line("Too many sessions from your address; please try again later.");
    private static final byte[] TOO_MANY_UNAUTHENTICATED =
            line("Too many sessions logging in; please try again later.");

    private final Admission admission;
    private final TlsLayer tls;
    private final ThreadFactory rejecterThreads;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Thread, TlsRefusal> inProgress = new ConcurrentHashMap<>();
    /** Set by {@link #close()}, under {@link #lock}: no refusal is answered any more. */
    private boolean closed;

    /**
     * @param admission the admission whose refusals these are, for the limits the log lines name
     * @param tls the TLS layer of the port, or {@code null} for a plain port
     * @param rejecterThreads makes the threads that answer refusals on a TLS port
     * @param timeout how long a refusal on a TLS port may take in all (its handshake, line and close)
     */
    Refusals(Admission admission, TlsLayer tls, ThreadFactory rejecterThreads, Duration timeout) {
        this.admission = admission;
        this.tls = tls;
        this.rejecterThreads = rejecterThreads;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Refuses a connection: logs why, then sends its line (or closes it without a word) and closes it.
     *
     * @param socket the refused connection; this owns it from now on
     * @param refusal why it is refused
     */
    void refuse(Socket socket, Admission.Refusal refusal) {
        Object remote = socket.getRemoteSocketAddress();
        switch (refusal) {
            case SESSIONS -> {
                LOG.warn("{}: refused, {} sessions open (the limit)", remote, admission.maxSessions());
                send(socket, TOO_MANY);
            }
            case ADDRESS -> {
                LOG.warn("{}: refused, {} sessions open from this address (the limit)", remote,
                        admission.maxSessionsPerAddress());
                send(socket, TOO_MANY_FROM_ADDRESS);
            }
            case UNAUTHENTICATED -> {
                LOG.warn("{}: refused, {} sessions not logged in yet (the limit)", remote,
                        admission.maxUnauthenticated());
                send(socket, TOO_MANY_UNAUTHENTICATED);
            }
            case CLOSING -> Sockets.closeQuietly(socket);
        }
    }

    /**
     * Ends the refusals in progress for the server's close: each connection is reset (not waited for) and no new
     * refusal is answered (its connection is reset at once).
     *
     * @return the refusals' threads, which end at once; join them
     */
    List<Thread> close() {
        List<Map.Entry<Thread, TlsRefusal>> open;
        lock.lock();
        try {
            closed = true;
            open = List.copyOf(inProgress.entrySet());
        } finally {
            lock.unlock();
        }
        for (Map.Entry<Thread, TlsRefusal> refusal : open) {
            refusal.getValue().abort();
        }
        return open.stream().map(Map.Entry::getKey).toList();
    }

    /** Sends the line and closes, on this thread for a plain port, on a refusal thread of a bounded few for TLS. */
    private void send(Socket socket, byte[] line) {
        if (tls == null) {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(line);
                out.flush();
            } catch (IOException e) {
                LOG.debug("{}: refusal not delivered: {}", socket.getRemoteSocketAddress(), e.toString());
            }
            return;
        }
        TlsRefusal refusal = new TlsRefusal(socket, tls, line, timeoutNanos,
                () -> inProgress.remove(Thread.currentThread()));
        Thread thread = rejecterThreads.newThread(refusal);
        // The bound is checked and the thread counted in one step: concurrent refusals cannot pass it together.
        lock.lock();
        try {
            if (closed || inProgress.size() >= MAX_TLS_REJECTERS) {
                Sockets.abortQuietly(socket);
                return;
            }
            inProgress.put(thread, refusal);
        } finally {
            lock.unlock();
        }
        thread.start();
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
