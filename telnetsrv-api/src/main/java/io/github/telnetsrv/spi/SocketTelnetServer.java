package io.github.telnetsrv.spi;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.internal.command.CommandRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket server both runtimes share: binds, accepts, enforces the session limit, runs a
 * {@link TelnetSession} per connection, and closes cleanly. A runtime only says
 * which threads to use ({@link #threads(String)} and {@link #sessionTasks(String)}).
 *
 * <p>Threads: one acceptor, and per session one reader (which runs {@link TelnetSession#run()}, the TLS handshake
 * included) plus whatever {@link #sessionTasks} uses for handler code. Clients that stop reading are dropped by the
 * sessions themselves after {@link SessionConfig#writeTimeout()}.
 *
 * <p>Limits: at most {@link TelnetServerConfig#maxSessions()} sessions, and
 * {@link TelnetServerConfig#maxSessionsPerAddress()} from one remote address, counted atomically (a slot is taken
 * before the session is made and given back when its reader ends). A refused connection on a plain port gets its
 * line written by the acceptor at once (a few bytes into an empty socket buffer never block); on a TLS port the
 * line needs a handshake, so at most {@value #MAX_TLS_REJECTERS} refusals are answered at a time, each within
 * {@value #REJECT_TIMEOUT_MILLIS} ms per read, and the others are closed without a word.
 *
 * <p>With an {@link SSLContext}, the server listens on a plain socket and layers TLS over each accepted socket, so
 * that it keeps the TCP socket: a client whose TLS writes are stuck, or whose handshake is not done by
 * {@link SessionConfig#handshakeTimeout()}, is cut by resetting it.
 */
public abstract class SocketTelnetServer implements TelnetServer {

    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);
    private static final byte[] TOO_MANY = "Too many sessions; please try again later.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOO_MANY_FROM_ADDRESS =
            "Too many sessions from your address; please try again later.\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int REJECT_TIMEOUT_MILLIS = 2_000;
    private static final int MAX_TLS_REJECTERS = 8;
    private static final long ACCEPT_BACKOFF_MIN_MILLIS = 5;
    private static final long ACCEPT_BACKOFF_MAX_MILLIS = 1_000;
    private static final long ACCEPT_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TelnetServerConfig config;
    private final String runtime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closingBegun = lock.newCondition();
    private final Map<TelnetSession, Thread> sessions = new ConcurrentHashMap<>();
    private final Set<Thread> rejecters = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final SSLContext tlsLayer;
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
        this.slots = new Semaphore(config.maxSessions());
        this.tlsLayer = config.serverSocketFactory() == null ? config.sslContext() : null;
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
     * Checks the handler class, binds the listening socket and starts accepting.
     *
     * @throws IOException if the address cannot be bound
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command
     *     wrongly, or its commands cannot be called (under JPMS: its package is not opened to the library)
     * @throws IllegalStateException if the handler factory returns {@code null}
     */
    protected final void open() throws IOException {
        checkHandler();
        ServerSocketFactory factory = config.serverSocketFactory();
        if (factory == null) {
            factory = ServerSocketFactory.getDefault(); // TLS, if any, is layered over each accepted socket
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

    /**
     * Registers the handler class before the first client comes: a mistake fails the start with its message
     * instead of ending every session (silently, without an slf4j binding). One handler is made to learn the
     * class; it never serves.
     */
    private void checkHandler() {
        TelnetHandler probe = config.handlerFactory().get();
        if (probe == null) {
            throw new IllegalStateException("the handler factory returned null (expected: a new TelnetHandler)");
        }
        CommandRegistry.of(probe.getClass());
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
    public final List<TelnetSession> sessions() {
        List<TelnetSession> open = new ArrayList<>(sessions.keySet());
        open.sort(java.util.Comparator.comparing(TelnetSession::startTime));
        return List.copyOf(open);
    }

    @Override
    public final int broadcast(String text) {
        Objects.requireNonNull(text, "text");
        int sent = 0;
        for (TelnetSession session : sessions()) {
            try {
                session.message(text);
                sent++;
            } catch (RuntimeException e) {
                LOG.warn("{}: broadcast not shown: {}", session.remoteAddress(), e.toString());
            }
        }
        return sent;
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
        try {
            admit(socket);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(socket);
            throw e;
        }
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
            // In parallel: closing a TLS session may take up to a second when its client stopped reading.
            List<Thread> closers = new ArrayList<>(open.size());
            for (Map.Entry<TelnetSession, Thread> entry : open) {
                closers.add(Thread.ofVirtual().name(config.threadNamePrefix() + "close")
                        .start(entry.getKey()::close));
            }
            for (Thread closer : closers) {
                interrupted |= join(closer);
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

    /**
     * Takes the socket: a session for it, or a refusal when a limit is reached. On any failure the socket is
     * closed and every slot taken is given back.
     */
    private void admit(Socket socket) throws IOException {
        SocketAddress remote = socket.getRemoteSocketAddress();
        InetAddress address = socket.getInetAddress();
        if (!slots.tryAcquire()) {
            LOG.warn("{}: refused, {} sessions open (the limit)", remote, config.maxSessions());
            reject(socket, TOO_MANY);
            return;
        }
        boolean admitted = false;
        boolean addressCounted = false;
        try {
            if (address != null) {
                AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
                addressCounted = true;
                if (count.incrementAndGet() > config.maxSessionsPerAddress()) {
                    LOG.warn("{}: refused, {} sessions open from this address (the limit)", remote,
                            config.maxSessionsPerAddress());
                    reject(socket, TOO_MANY_FROM_ADDRESS);
                    return;
                }
            }
            long id = sessionIds.incrementAndGet();
            String name = config.threadNamePrefix() + "session-" + id;
            TelnetHandler handler = config.handlerFactory().get();
            if (handler == null) {
                throw new IllegalStateException("the handler factory returned null (expected: a new TelnetHandler)");
            }
            TelnetConnection connection = connect(socket);
            SessionTasks tasks = sessionTasks(name + "-handler");
            TelnetSession session = TelnetSession.create(handler, connection, config.session(), tasks);
            Thread reader = threads(name + "-reader").newThread(() -> runSession(session, socket, tasks, address));
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
            try {
                reader.start();
            } catch (RuntimeException | Error e) {
                sessions.remove(session);
                throw e;
            }
            admitted = true;
            LOG.info("{}: connected ({} sessions open)", remote, sessions.size());
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(socket);
            throw e;
        } finally {
            if (!admitted) {
                release(address, addressCounted);
            }
        }
    }

    /** The session's connection: the socket itself, or TLS layered over it. */
    private TelnetConnection connect(Socket socket) throws IOException {
        if (tlsLayer == null) {
            return TelnetConnection.of(socket);
        }
        SSLSocket tls = (SSLSocket) tlsLayer.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        tls.setUseClientMode(false);
        return TelnetConnection.of(tls, socket);
    }

    /** Gives back a session's slots. */
    private void release(InetAddress address, boolean addressCounted) {
        if (addressCounted) {
            perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
        slots.release();
    }

    private void runSession(TelnetSession session, Socket socket, SessionTasks tasks, InetAddress address) {
        try {
            session.run();
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
            release(address, address != null);
            LOG.info("{}: disconnected", session.remoteAddress());
        }
    }

    /**
     * Refuses a connection politely without ever blocking the acceptor: on a plain port the line is written at
     * once; on a TLS port a bounded number of threads answer, the rest are closed without a word.
     */
    private void reject(Socket socket, byte[] line) {
        if (tlsLayer == null) {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(line);
                out.flush();
            } catch (IOException e) {
                LOG.debug("{}: refusal not delivered: {}", socket.getRemoteSocketAddress(), e.toString());
            }
            return;
        }
        lock.lock();
        try {
            if (rejecters.size() >= MAX_TLS_REJECTERS) {
                abortQuietly(socket);
                return;
            }
        } finally {
            lock.unlock();
        }
        Thread thread = threads(config.threadNamePrefix() + "reject").newThread(() -> {
            try (SSLSocket tls = (SSLSocket) tlsLayer.getSocketFactory()
                    .createSocket(socket, null, socket.getPort(), true)) {
                tls.setUseClientMode(false);
                tls.setSoTimeout(REJECT_TIMEOUT_MILLIS);
                OutputStream out = tls.getOutputStream();
                out.write(line);
                out.flush();
            } catch (IOException e) {
                LOG.debug("{}: refusal not delivered: {}", socket.getRemoteSocketAddress(), e.toString());
                abortQuietly(socket);
            } finally {
                rejecters.remove(Thread.currentThread());
            }
        });
        lock.lock();
        try {
            rejecters.add(thread);
        } finally {
            lock.unlock();
        }
        thread.start();
    }

    private static void abortQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed.
        }
        closeQuietly(socket);
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
