package io.github.telnetsrv.spi;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.internal.command.CommandRegistry;
import io.github.telnetsrv.internal.session.SessionThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
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
 * line needs a handshake, so at most {@value Admission#MAX_TLS_REJECTERS} refusals are answered at a time, each
 * within {@value TlsRefusal#READ_TIMEOUT_MILLIS} ms per read and, in all, within
 * {@link SessionConfig#handshakeTimeout()} from the connection (then it is reset); the others are closed without a
 * word. {@link #close()} resets the refusals in progress rather than wait for them.
 *
 * <p>With an {@link SSLContext}, the server listens on a plain socket and layers TLS over each accepted socket, so
 * that it keeps the TCP socket: a client whose TLS writes are stuck, or whose handshake is not done by
 * {@link SessionConfig#handshakeTimeout()}, is cut by resetting it.
 *
 * <p>This class runs the sessions and closes; its parts are package-private: the accept loop ({@code Acceptor}),
 * the limits and refusals ({@code Admission}), the TLS layer ({@code TlsLayer}) and the start of closing
 * ({@code CloseSignal}).
 */
public abstract class SocketTelnetServer implements TelnetServer {

    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);

    private final TelnetServerConfig config;
    private final String runtime;
    private final CloseSignal closing = new CloseSignal();
    private final Map<TelnetSession, Thread> sessions = new ConcurrentHashMap<>();
    private final Admission admission;
    /** TLS over each accepted socket; null on a plain port, or when a listening-socket factory is configured. */
    private final TlsLayer tlsLayer;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong sessionIds = new AtomicLong();
    // Set by open(), before any other thread knows the server; volatile for close() and the accessors.
    private volatile ServerSocket serverSocket;
    private volatile InetSocketAddress localAddress;
    private volatile Thread acceptor;

    /**
     * A server not yet listening; the runtime calls {@link #open()}.
     *
     * @param config the settings
     * @param runtime the runtime's name, for {@link #runtime()} and the logs
     */
    @SuppressWarnings("this-escape") // the refusals' thread factory calls threads() only once the server runs
    protected SocketTelnetServer(TelnetServerConfig config, String runtime) {
        this.config = Objects.requireNonNull(config, "config");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        SSLContext tls = config.serverSocketFactory() == null ? config.sslContext() : null;
        this.tlsLayer = tls == null ? null : new TlsLayer(tls);
        ThreadFactory rejecters = task -> threads(config.threadNamePrefix() + "reject").newThread(task);
        this.admission = new Admission(config.maxSessions(), config.maxSessionsPerAddress(), tlsLayer, rejecters,
                config.session().handshakeTimeout());
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
        serverSocket = socket;
        localAddress = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        acceptor = threads(config.threadNamePrefix() + "acceptor")
                .newThread(new Acceptor(socket, localAddress, closing, this::admit));
        acceptor.start();
        LOG.info("listening on {}:{} ({}{})", localAddress.getAddress().getHostAddress(), localAddress.getPort(),
                runtime, tlsLayer != null ? ", TLS" : "");
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
        if (closing.begun()) {
            socket.close();
            throw new IllegalStateException("server closed: " + this);
        }
        try {
            admit(socket);
        } catch (IOException | RuntimeException | Error e) {
            Sockets.closeQuietly(socket);
            throw e;
        }
    }

    @Override
    public final void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public final void close() {
        // A session of this server's, not of another server or one the application runs itself: ours to skip.
        TelnetSession own = SessionThreads.current(sessions);
        if (!closing.begin()) {
            if (own == null) {
                awaitClosed();
            }
            return; // the first close() waits for this session: waiting here for it would never end
        }
        boolean interrupted = false;
        Thread ownReader = null;
        try {
            Sockets.closeQuietly(serverSocket);
            interrupted |= join(acceptor);
            // Refusals in progress are reset, not waited for: a client trickling its handshake must not hold close().
            List<Thread> refusals = admission.closeRefusals();
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
                if (entry.getKey() == own) {
                    ownReader = entry.getValue();
                } else {
                    interrupted |= join(entry.getValue());
                }
            }
            for (Thread refusal : refusals) {
                interrupted |= join(refusal);
            }
        } finally {
            if (ownReader == null) {
                closed();
            } else {
                closedAfter(ownReader);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The end of {@code close()}: logged, and {@link #awaitClose()} returns. */
    private void closed() {
        try {
            LOG.info("closed {}:{} ({})", localAddress.getAddress().getHostAddress(), localAddress.getPort(), runtime);
        } finally {
            closed.countDown();
        }
    }

    /** Ends {@code close()} on a thread of its own once the calling session's reader has ended. */
    private void closedAfter(Thread ownReader) {
        try {
            Thread.ofVirtual().name(config.threadNamePrefix() + "closed").start(() -> {
                join(ownReader);
                closed();
            });
        } catch (RuntimeException | Error e) {
            closed(); // no thread to wait with: awaitClose() returns now rather than never
            throw e;
        }
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + localAddress + ", " + runtime + ", sessions=" + sessions.size()
                + "]";
    }

    // ------------------------------------------------------------------ threads

    /**
     * Takes the socket: a session for it, or a refusal when a limit is reached. On any failure the socket is
     * closed and every slot taken is given back.
     */
    private void admit(Socket socket) throws IOException {
        SocketAddress remote = socket.getRemoteSocketAddress();
        InetAddress address = socket.getInetAddress();
        if (!admission.enter(socket)) {
            return;
        }
        boolean admitted = false;
        try {
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
            if (!closing.unlessBegun(() -> sessions.put(session, reader))) {
                Sockets.closeQuietly(socket);
                return;
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
            Sockets.closeQuietly(socket);
            throw e;
        } finally {
            if (!admitted) {
                admission.leave(address);
            }
        }
    }

    /** The session's connection: the socket itself, or TLS layered over it. */
    private TelnetConnection connect(Socket socket) throws IOException {
        if (tlsLayer == null) {
            return TelnetConnection.of(socket);
        }
        return TelnetConnection.of(tlsLayer.over(socket), socket);
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
            Sockets.closeQuietly(socket);
            sessions.remove(session);
            admission.leave(address);
            LOG.info("{}: disconnected", session.remoteAddress());
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
}
