package io.github.telnetsrv.spi;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.TelnetSession;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket server both runtimes share: binds, accepts, enforces the session limit, runs a
 * {@link TelnetSession} per connection, and closes cleanly. A runtime only says
 * which threads to use ({@link #threads(String)} and {@link #sessionTasks(String)}).
 *
 * <p>Threads: one acceptor, and per session one reader (which runs {@link TelnetSession#run()}) plus whatever
 * {@link #sessionTasks} uses for handler code. Clients that stop reading are dropped by the sessions themselves
 * after {@link io.github.telnetsrv.SessionConfig#writeTimeout()}.
 */
public abstract class SocketTelnetServer implements TelnetServer {

    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);
    private static final byte[] TOO_MANY = "Too many sessions; please try again later.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int REJECT_TIMEOUT_MILLIS = 5_000;
    private static final long ACCEPT_BACKOFF_MIN_MILLIS = 5;
    private static final long ACCEPT_BACKOFF_MAX_MILLIS = 1_000;
    private static final long ACCEPT_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TelnetServerConfig config;
    private final String runtime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closingBegun = lock.newCondition();
    private final Map<TelnetSession, Thread> sessions = new ConcurrentHashMap<>();
    private final Set<Thread> rejecters = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong sessionIds = new AtomicLong();
    private ServerSocket serverSocket;
    private InetSocketAddress localAddress;
    private Thread acceptor;
    private boolean closing;

    /**
     * A server not yet listening; the runtime calls {@link #open()}.
     *
     * @param config the settings
     * @param runtime the runtime's name, for {@link #runtime()} and the logs
     */
    protected SocketTelnetServer(TelnetServerConfig config, String runtime) {
        this.config = Objects.requireNonNull(config, "config");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * Makes the server's threads (acceptor, session readers).
     *
     * @param name the first thread's name; the factory numbers further threads itself if it likes
     * @return a factory of unstarted threads
     */
    protected abstract ThreadFactory threads(String name);

    /**
     * Makes what runs one session's handler code.
     *
     * @param name the name for its thread(s)
     * @return the session's tasks
     */
    protected abstract SessionTasks sessionTasks(String name);

    /**
     * Binds the listening socket and starts accepting.
     *
     * @throws IOException if the address cannot be bound
     */
    protected final void open() throws IOException {
        ServerSocketFactory factory = config.serverSocketFactory();
        if (factory == null) {
            factory = config.sslContext() != null
                    ? config.sslContext().getServerSocketFactory()
                    : ServerSocketFactory.getDefault();
        }
        ServerSocket socket = factory.createServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), config.backlog());
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + config.bindAddress().getHostAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        lock.lock();
        try {
            serverSocket = socket;
            localAddress = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
            acceptor = threads(config.threadNamePrefix() + "acceptor").newThread(this::acceptLoop);
        } finally {
            lock.unlock();
        }
        acceptor.start();
        LOG.info("listening on {}:{} ({}{})", localAddress.getAddress().getHostAddress(), localAddress.getPort(),
                runtime, config.sslContext() != null ? ", TLS" : "");
    }

    @Override
    public final InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public final String runtime() {
        return runtime;
    }

    @Override
    public final TelnetServerConfig config() {
        return config;
    }

    @Override
    public final int sessionCount() {
        return sessions.size();
    }

    @Override
    public final void serve(Socket socket) throws IOException {
        Objects.requireNonNull(socket, "socket");
        lock.lock();
        try {
            if (closing) {
                socket.close();
                throw new IllegalStateException("server closed: " + this);
            }
        } finally {
            lock.unlock();
        }
        admit(socket);
    }

    @Override
    public final void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public final void close() {
        boolean first;
        lock.lock();
        try {
            first = !closing;
            closing = true;
            closingBegun.signalAll();
        } finally {
            lock.unlock();
        }
        if (!first) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        boolean interrupted = false;
        try {
            closeQuietly(serverSocket);
            interrupted |= join(acceptor);
            List<Map.Entry<TelnetSession, Thread>> open = new ArrayList<>(sessions.entrySet());
            for (Map.Entry<TelnetSession, Thread> entry : open) {
                entry.getKey().close();
            }
            for (Map.Entry<TelnetSession, Thread> entry : open) {
                interrupted |= join(entry.getValue());
            }
            for (Thread rejecter : List.copyOf(rejecters)) {
                interrupted |= join(rejecter);
            }
            LOG.info("closed {}:{} ({})", localAddress.getAddress().getHostAddress(), localAddress.getPort(), runtime);
        } finally {
            closed.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + localAddress + ", " + runtime + ", sessions=" + sessions.size()
                + "]";
    }

    // ------------------------------------------------------------------ threads

    /**
     * Accepts until {@link #close()}. A failed accept (out of descriptors, EMFILE or ENFILE; a connection aborted
     * before it was taken; any I/O error while not closing) is a warning, logged at most once every 5 s with the
     * count of failures not logged, then a back-off that doubles from 5 ms to 1 s and that close() cuts short.
     * A connection that cannot be admitted is closed; accepting goes on. Runs on the acceptor thread.
     */
    private void acceptLoop() {
        long backoff = 0;
        long failures = 0;
        long unlogged = 0;
        long nextWarning = System.nanoTime();
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (isClosing()) {
                    return;
                }
                failures++;
                backoff = Math.min(ACCEPT_BACKOFF_MAX_MILLIS, Math.max(ACCEPT_BACKOFF_MIN_MILLIS, 2 * backoff));
                long now = System.nanoTime();
                if (now - nextWarning >= 0) {
                    LOG.warn("accept failed on {}: {}; retrying in {} ms ({} failures not logged)", localAddress,
                            e.toString(), backoff, unlogged);
                    nextWarning = now + ACCEPT_WARNING_INTERVAL_NANOS;
                    unlogged = 0;
                } else {
                    unlogged++;
                }
                awaitClosing(backoff);
                continue;
            }
            if (failures > 0) {
                LOG.info("accepting again on {} after {} failed accepts", localAddress, failures);
                failures = 0;
                backoff = 0;
            }
            try {
                admit(socket);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                LOG.warn("{}: cannot serve the connection: {}", socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
            }
        }
    }

    /**
     * Waits at most {@code millis} for {@link #close()} to begin. The acceptor stops only through close(), so an
     * interrupt does not end the wait and is not kept (it would close the listening socket of a virtual acceptor).
     */
    private void awaitClosing(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left = deadline - System.nanoTime();
        lock.lock();
        try {
            while (!closing && left > 0) {
                try {
                    left = closingBegun.awaitNanos(left);
                } catch (InterruptedException e) {
                    LOG.debug("acceptor interrupted; it stops only through close()");
                    left = deadline - System.nanoTime();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void admit(Socket socket) throws IOException {
        SocketAddress remote = socket.getRemoteSocketAddress();
        if (sessions.size() >= config.maxSessions()) {
            LOG.warn("{}: refused, {} sessions open (the limit)", remote, sessions.size());
            reject(socket);
            return;
        }
        long id = sessionIds.incrementAndGet();
        String name = config.threadNamePrefix() + "session-" + id;
        TelnetHandler handler = config.handlerFactory().get();
        if (handler == null) {
            throw new IllegalStateException("the handler factory returned null (expected: a new TelnetHandler)");
        }
        SessionTasks tasks = sessionTasks(name + "-handler");
        TelnetSession session = TelnetSession.create(handler, TelnetConnection.of(socket), config.session(), tasks);
        Thread reader = threads(name + "-reader").newThread(() -> runSession(session, socket, tasks));
        lock.lock();
        try {
            if (closing) {
                closeQuietly(socket);
                return;
            }
            sessions.put(session, reader);
        } finally {
            lock.unlock();
        }
        LOG.info("{}: connected ({} sessions open)", remote, sessions.size());
        reader.start();
    }

    private void runSession(TelnetSession session, Socket socket, SessionTasks tasks) {
        try {
            if (socket instanceof SSLSocket tls) {
                handshake(tls);
            }
            session.run();
        } catch (IOException e) {
            LOG.info("{}: TLS handshake failed: {}", session.remoteAddress(), e.toString());
            session.close();
        } catch (RuntimeException | Error e) {
            LOG.error("{}: session failed", session.remoteAddress(), e);
            session.close();
        } finally {
            try {
                tasks.shutdownAndJoin();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(socket);
            sessions.remove(session);
            LOG.info("{}: disconnected", session.remoteAddress());
        }
    }

    private void handshake(SSLSocket socket) throws IOException {
        SessionConfig session = config.session();
        long timeout = Math.max(Duration.ofSeconds(10).toMillis(), session.negotiationWait().toMillis());
        socket.setSoTimeout((int) timeout);
        socket.startHandshake();
        socket.setSoTimeout(0);
    }

    private void reject(Socket socket) {
        Thread thread = threads(config.threadNamePrefix() + "reject").newThread(() -> {
            try (socket) {
                socket.setSoTimeout(REJECT_TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                out.write(TOO_MANY);
                out.flush();
            } catch (IOException e) {
                LOG.debug("{}: refusal not delivered: {}", socket.getRemoteSocketAddress(), e.toString());
            } finally {
                rejecters.remove(Thread.currentThread());
            }
        });
        rejecters.add(thread);
        thread.start();
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    private static boolean join(Thread thread) {
        if (thread == null) {
            return false;
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
