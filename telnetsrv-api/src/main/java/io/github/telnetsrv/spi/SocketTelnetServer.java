package io.github.telnetsrv.spi;

import io.github.telnetsrv.ServerConfig;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.internal.command.CommandRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telnet server both runtimes share, built on the {@link ServerBase} every transport uses: binds, accepts,
 * admits, runs a {@link TelnetSession} per connection, and closes cleanly. A runtime only says which threads to
 * use ({@link #threads(String)} and {@link #sessionTasks(String)}).
 *
 * <p>Threads: one acceptor, and per session one reader (which runs {@link TelnetSession#run()}, the TLS handshake
 * included) plus whatever {@link #sessionTasks} uses for handler code. Clients that stop reading are dropped by the
 * sessions themselves after {@link SessionConfig#writeTimeout()}.
 *
 * <p>Limits: those of {@link ServerConfig} ({@link ServerConfig#maxSessions()},
 * {@link ServerConfig#maxSessionsPerAddress()}, {@link ServerConfig#maxUnauthenticated()}), counted by the base's
 * {@link Admission} before the session is made; the slots are given back when its reader ends, and the
 * not-logged-in one when the session reaches its first prompt. A refused connection on a plain port gets its line
 * written by the acceptor at once (a few bytes into an empty socket buffer never block); on a TLS port the line
 * needs a handshake, so at most {@value Refusals#MAX_TLS_REJECTERS} refusals are answered at a time, each within
 * {@value TlsRefusal#READ_TIMEOUT_MILLIS} ms per read and, in all, within {@link SessionConfig#handshakeTimeout()}
 * from the connection (then it is reset); the others are closed without a word. {@link #close()} resets the
 * refusals in progress rather than wait for them.
 *
 * <p>With an {@link SSLContext}, the server listens on a plain socket and layers TLS over each accepted socket, so
 * that it keeps the TCP socket: a client whose TLS writes are stuck, or whose handshake is not done by
 * {@link SessionConfig#handshakeTimeout()}, is cut by resetting it.
 *
 * <p>Its package-private parts: the accept loop ({@code Acceptor}), the refusals ({@code Refusals}), the TLS layer
 * ({@code TlsLayer}) and the login signal of a session's first task ({@code LoginSignal}).
 */
public abstract class SocketTelnetServer implements TelnetServer {

    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);

    private final TelnetServerConfig config;
    private final String runtime;
    private final ServerBase base;
    private final Refusals refusals;
    /** TLS over each accepted socket; null on a plain port, or when a listening-socket factory is configured. */
    private final TlsLayer tlsLayer;
    private final AtomicLong sessionIds = new AtomicLong();
    // Set by open(), before any other thread knows the server; volatile for close().
    private volatile ServerSocket serverSocket;
    private volatile Thread acceptor;
    /** The refusals in progress when closing began, which end at once: joined once the sessions have ended. */
    private volatile List<Thread> refusalsEnding = List.of();

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
        this.base = new ServerBase(config, runtime, config.threadNamePrefix(), new ServerBase.Stopping() {
            @Override
            public void stopAccepting() {
                Sockets.closeQuietly(serverSocket);
                if (ServerBase.join(acceptor)) {
                    Thread.currentThread().interrupt();
                }
                // Refusals in progress are reset, not waited for: a client trickling its handshake must not hold
                // close().
                refusalsEnding = refusals.close();
            }

            @Override
            public void stopTransport() {
                boolean interrupted = false;
                for (Thread refusal : refusalsEnding) {
                    interrupted |= ServerBase.join(refusal);
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ThreadFactory rejecters = task -> threads(config.threadNamePrefix() + "reject").newThread(task);
        this.refusals = new Refusals(base.admission(), tlsLayer, rejecters, config.session().handshakeTimeout());
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
        InetSocketAddress bound = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        acceptor = threads(config.threadNamePrefix() + "acceptor").newThread(new Acceptor(socket, bound, base,
                this::admit));
        acceptor.start();
        base.listening(bound, tlsLayer != null ? ", TLS" : "");
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
        return base.localAddress();
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
        return base.sessionCount();
    }

    @Override
    public final List<TelnetSession> sessions() {
        return base.sessions();
    }

    @Override
    public final int broadcast(String text) {
        return base.broadcast(text);
    }

    @Override
    public final void serve(Socket socket) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (base.closing()) {
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
        base.awaitClose();
    }

    @Override
    public final void close() {
        base.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + base.localAddress() + ", " + runtime + ", sessions="
                + base.sessionCount() + "]";
    }

    // ------------------------------------------------------------------ threads

    /**
     * Takes the socket: a session for it, or a refusal when a limit is reached. On any failure the socket is
     * closed and every slot taken is given back.
     */
    private void admit(Socket socket) throws IOException {
        SocketAddress remote = socket.getRemoteSocketAddress();
        Admission.Ticket ticket = base.admission().enter(socket.getInetAddress());
        if (!ticket.admitted()) {
            refusals.refuse(socket, ticket.refusal());
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
            SessionTasks tasks = new LoginSignal(sessionTasks(name + "-handler"), ticket);
            TelnetSession session = TelnetSession.create(handler, connection, config.session(), tasks);
            Thread reader = threads(name + "-reader").newThread(() -> runSession(session, socket, tasks, ticket));
            if (!base.register(session, reader)) {
                Sockets.closeQuietly(socket);
                return;
            }
            try {
                reader.start();
            } catch (RuntimeException | Error e) {
                base.unregister(session);
                throw e;
            }
            admitted = true;
            LOG.info("{}: connected ({} sessions open)", remote, base.sessionCount());
        } catch (IOException | RuntimeException | Error e) {
            Sockets.closeQuietly(socket);
            throw e;
        } finally {
            if (!admitted) {
                ticket.leave();
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

    private void runSession(TelnetSession session, Socket socket, SessionTasks tasks, Admission.Ticket ticket) {
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
            ticket.leave(); // before the session leaves the registry: a count of 0 means every place is free
            base.unregister(session);
            LOG.info("{}: disconnected", session.remoteAddress());
        }
    }
}
