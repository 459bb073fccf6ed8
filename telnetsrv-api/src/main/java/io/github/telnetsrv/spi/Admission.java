package io.github.telnetsrv.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;
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
 * {@value #MAX_TLS_REJECTERS} refusals are answered at a time, each on its own thread and within
 * {@value #REJECT_TIMEOUT_MILLIS} ms per read, and the others are closed without a word.
 *
 * <p>Thread-safe: slots are taken by the acceptor and by the threads that call {@code serve()}, and given back by
 * session readers; refusal threads remove themselves when done.
 */
final class Admission {

    static final int REJECT_TIMEOUT_MILLIS = 2_000;
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
    private final Set<Thread> rejecters = ConcurrentHashMap.newKeySet();

    /**
     * @param maxSessions the most sessions open at once
     * @param maxSessionsPerAddress the most from one remote address
     * @param tls the TLS layer of the port, or {@code null} for a plain port
     * @param rejecterThreads makes the threads that answer refusals on a TLS port
     */
    Admission(int maxSessions, int maxSessionsPerAddress, TlsLayer tls, ThreadFactory rejecterThreads) {
        this.maxSessions = maxSessions;
        this.maxSessionsPerAddress = maxSessionsPerAddress;
        this.slots = new Semaphore(maxSessions);
        this.perAddress = new AddressCounts(maxSessionsPerAddress);
        this.tls = tls;
        this.rejecterThreads = rejecterThreads;
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

    /** The threads answering refusals now, for {@code close()} to wait for. */
    List<Thread> rejecters() {
        return List.copyOf(rejecters);
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
        Thread thread = rejecterThreads.newThread(() -> {
            try (SSLSocket layered = tls.over(socket)) {
                layered.setSoTimeout(REJECT_TIMEOUT_MILLIS);
                OutputStream out = layered.getOutputStream();
                out.write(line);
                out.flush();
            } catch (IOException e) {
                LOG.debug("{}: refusal not delivered: {}", socket.getRemoteSocketAddress(), e.toString());
                Sockets.abortQuietly(socket);
            } finally {
                rejecters.remove(Thread.currentThread());
            }
        });
        // The bound is checked and the thread counted in one step: concurrent refusals cannot pass it together.
        lock.lock();
        try {
            if (rejecters.size() >= MAX_TLS_REJECTERS) {
                Sockets.abortQuietly(socket);
                return;
            }
            rejecters.add(thread);
        } finally {
            lock.unlock();
        }
        thread.start();
    }
}
