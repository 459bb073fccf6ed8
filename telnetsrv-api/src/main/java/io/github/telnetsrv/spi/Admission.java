package io.github.telnetsrv.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SocketTelnetServer}'s session limits: at most so many sessions, and so many from one remote address,
 * counted atomically (a slot is taken before the session is made and given back when its reader ends; an address's
 * count is checked and changed in one step, see {@link AddressCounts}), and the refusal of a connection past either
 * limit.
 *
 * <p>A refused connection on a plain port gets its line written at once by the thread that admits (a few bytes into
 * an empty socket buffer never block); on a TLS port the line needs a handshake, so at most
 * {@value #MAX_TLS_REJECTERS} refusals are answered at a time, each on its own thread, within
 * {@value TlsRefusal#READ_TIMEOUT_MILLIS} ms per read and an absolute deadline (the handshake timeout, see
 * {@link TlsRefusal}), and the others are closed without a word. {@link #closeRefusals()} resets those in progress.
 *
 * <p>Thread-safe: slots are taken by the acceptor and by the threads that call {@code serve()}, and given back by
 * session readers; refusal threads remove themselves when done; {@link #closeRefusals()} is called by
 * {@code close()}.
 */
final class Admission {

    static final int MAX_TLS_REJECTERS = 8;
    /** Logs under the server's name, as before the server was split. */
    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);
    private static final byte[] TOO_MANY = "Too many sessions; please try again later.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOO_MANY_FROM_ADDRESS =
            "Too many sessions from your address; please try again later.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int maxSessions;
    private final int maxSessionsPerAddress;
    private final Semaphore slots;
    private final AddressCounts perAddress;
    private final TlsLayer tls;
    private final ThreadFactory rejecterThreads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Thread, TlsRefusal> refusals = new ConcurrentHashMap<>();
    private final long refusalTimeoutNanos;
    /** Set by {@link #closeRefusals()}, under {@link #lock}: no refusal is answered any more. */
    private boolean closed;

    /**
     * @param maxSessions the most sessions open at once
     * @param maxSessionsPerAddress the most from one remote address
     * @param tls the TLS layer of the port, or {@code null} for a plain port
     * @param rejecterThreads makes the threads that answer refusals on a TLS port
     * @param refusalTimeout how long a refusal on a TLS port may take in all (its handshake, line and close)
     */
    Admission(int maxSessions, int maxSessionsPerAddress, TlsLayer tls, ThreadFactory rejecterThreads,
            Duration refusalTimeout) {
        this.maxSessions = maxSessions;
        this.maxSessionsPerAddress = maxSessionsPerAddress;
        this.slots = new Semaphore(maxSessions);
        this.perAddress = new AddressCounts(maxSessionsPerAddress);
        this.tls = tls;
        this.rejecterThreads = rejecterThreads;
        this.refusalTimeoutNanos = refusalTimeout.toNanos();
    }

    /**
     * Takes a slot for the connection, and one of its address's (when it has an address). Past a limit it is
     * refused: it gets its line (or is closed without a word) and nothing is held. If this fails, the socket is
     * closed and nothing is held.
     *
     * @param socket the accepted connection
     * @return true when the slots are taken: give them back with {@link #leave}
     */
    boolean enter(Socket socket) {
        SocketAddress remote = socket.getRemoteSocketAddress();
        InetAddress address = socket.getInetAddress();
        if (!slots.tryAcquire()) {
            LOG.warn("{}: refused, {} sessions open (the limit)", remote, maxSessions);
            reject(socket, TOO_MANY);
            return false;
        }
        boolean entered = false;
        boolean addressCounted = false;
        try {
            if (address != null) {
                addressCounted = perAddress.tryAcquire(address);
                if (!addressCounted) {
                    LOG.warn("{}: refused, {} sessions open from this address (the limit)", remote,
                            maxSessionsPerAddress);
                    reject(socket, TOO_MANY_FROM_ADDRESS);
                    return false;
                }
            }
            entered = true;
            return true;
        } catch (RuntimeException | Error e) {
            Sockets.closeQuietly(socket);
            throw e;
        } finally {
            if (!entered) {
                release(address, addressCounted);
            }
        }
    }

    /**
     * Gives back the slots {@link #enter} took for a connection.
     *
     * @param address the connection's remote address, {@code null} when it had none
     */
    void leave(InetAddress address) {
        release(address, address != null);
    }

    /** How many connections from {@code address} hold a slot now. */
    int connectionsFrom(InetAddress address) {
        return perAddress.count(address);
    }

    /**
     * Ends the refusals in progress for {@code close()}: each connection is reset (not waited for) and no new
     * refusal is answered (its connection is reset at once).
     *
     * @return the refusals' threads, which end at once; join them
     */
    List<Thread> closeRefusals() {
        List<Map.Entry<Thread, TlsRefusal>> open;
        lock.lock();
        try {
            closed = true;
            open = List.copyOf(refusals.entrySet());
        } finally {
            lock.unlock();
        }
        for (Map.Entry<Thread, TlsRefusal> refusal : open) {
            refusal.getValue().abort();
        }
        return open.stream().map(Map.Entry::getKey).toList();
    }

    private void release(InetAddress address, boolean addressCounted) {
        if (addressCounted) {
            perAddress.release(address);
        }
        slots.release();
    }

    /**
     * Refuses a connection politely without ever blocking the caller: on a plain port the line is written at
     * once; on a TLS port a bounded number of threads answer, the rest are closed without a word.
     */
    private void reject(Socket socket, byte[] line) {
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
        TlsRefusal refusal = new TlsRefusal(socket, tls, line, refusalTimeoutNanos,
                () -> refusals.remove(Thread.currentThread()));
        Thread thread = rejecterThreads.newThread(refusal);
        // The bound is checked and the thread counted in one step: concurrent refusals cannot pass it together.
        lock.lock();
        try {
            if (closed || refusals.size() >= MAX_TLS_REJECTERS) {
                Sockets.abortQuietly(socket);
                return;
            }
            refusals.put(thread, refusal);
        } finally {
            lock.unlock();
        }
        thread.start();
    }
}
