package io.github.telnetsrv.spi;

import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.ServerConfig;
import io.github.telnetsrv.TelnetSession;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a server that every transport shares: the admission of connections ({@link Admission}: at most so
 * many open, so many from one address, so many not yet logged in), the registry of open sessions
 * ({@link #sessions()}, {@link #broadcast}), the login throttle its sessions share, and the close
 * ({@link #close()}, {@link #awaitClose()}), which works from any thread, a session's own included. Telnet's
 * {@link SocketTelnetServer} and the SSH module's {@code SshServer} are built on it.
 *
 * <h2>Building a server on it</h2>
 * <ol>
 *   <li>Make one base per server from its settings ({@link ServerConfig}), with what the transport does when the
 *       server closes ({@link Stopping}); call {@link #listening} once the server listens.</li>
 *   <li>For each accepted connection, ask {@link #admission()} for a ticket before reading from it, and refuse the
 *       connection in the transport's own words when the ticket says why. Tell the ticket when the connection has
 *       logged in ({@link Admission.Ticket#loggedIn()}) and give it back when the connection ends
 *       ({@link Admission.Ticket#leave()}).</li>
 *   <li>For each session, make a {@link TelnetSession} with {@link ServerConfig#session()} and the thread that runs
 *       it; {@link #register} both and start the thread only if the base took them (else the server is closing:
 *       close the connection). When the session's {@code run()} returns, {@link #unregister} it.</li>
 *   <li>Let the server's {@code sessions()}, {@code sessionCount()}, {@code broadcast}, {@code awaitClose()} and
 *       {@code close()} be the base's.</li>
 * </ol>
 *
 * <pre>{@code
 * ServerBase base = new ServerBase(config, "mytransport", config.threadNamePrefix(), stopping);
 * ...
 * Admission.Ticket ticket = base.admission().enter(remoteAddress);     // for each connection
 * if (!ticket.admitted()) {
 *     refuse(connection, ticket.refusal());
 *     return;
 * }
 * TelnetSession session = TelnetSession.create(config.handlerFactory().get(), connection, config.session(), tasks);
 * Thread runner = threads.newThread(() -> {
 *     try {
 *         session.run();
 *     } finally {
 *         base.unregister(session);
 *         ticket.leave();
 *     }
 * });
 * if (base.register(session, runner)) {
 *     runner.start();
 * } else {
 *     connection.close();
 *     ticket.leave();
 * }
 * }</pre>
 *
 * <p>Thread-safe: connections are admitted and sessions registered by the transport's threads, sessions unregister
 * from their own threads, and any thread lists, broadcasts and closes. {@link #close()} ends the sessions on
 * virtual threads of its own, one per session, named with the server's prefix.
 */
public final class ServerBase {

    /**
     * What a transport does when its server closes, around the base's part: the base first refuses new
     * connections and sessions, then calls {@link #stopAccepting()}, ends every session and waits for them, then
     * calls {@link #stopTransport()}. Both run once, on the thread that closes the server, with its interrupt status
     * clear; an interrupt they keep is passed on to the caller of {@code close()}.
     */
    public interface Stopping {

        /** Stops taking connections (closes the listening socket, ends the refusals in progress). */
        void stopAccepting();

        /**
         * Stops what is left of the transport (its I/O threads, its timers) once every session has ended but the
         * one that called {@code close()}, if any.
         */
        void stopTransport();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServerBase.class);

    private final String label;
    private final String threadNamePrefix;
    private final Stopping stopping;
    private final Admission admission;
    private final LoginThrottle loginThrottle;
    private final SessionRegistry registry = new SessionRegistry();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile InetSocketAddress localAddress;

    /**
     * A base for a server not yet listening.
     *
     * @param config the server's settings: its limits and its sessions'
     * @param label what the logs say the server is, for example {@code "virtual"} or {@code "ssh, virtual"}
     * @param threadNamePrefix the prefix of the names of the threads the base starts when closing
     * @param stopping what the transport does when the server closes
     */
    public ServerBase(ServerConfig config, String label, String threadNamePrefix, Stopping stopping) {
        Objects.requireNonNull(config, "config");
        this.label = Objects.requireNonNull(label, "label");
        this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.admission = Admission.of(config);
        this.loginThrottle = config.session().loginThrottle();
    }

    /**
     * Which connections the server admits.
     *
     * @return the admission
     */
    public Admission admission() {
        return admission;
    }

    /**
     * The login-failure budget per remote address that the server's sessions share (its session settings').
     *
     * @return the throttle
     */
    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /**
     * The server listens: logs {@code listening on HOST:PORT (LABEL DETAILS)}.
     *
     * @param address the address bound, with its port
     * @param details what the log line adds after the label, for example {@code ", TLS"}; empty for nothing
     */
    public void listening(InetSocketAddress address, String details) {
        this.localAddress = Objects.requireNonNull(address, "address");
        LOG.info("listening on {}:{} ({}{})", address.getAddress().getHostAddress(), address.getPort(), label,
                details);
    }

    /**
     * The address the server listens on, with the port actually bound.
     *
     * @return the address, or {@code null} before {@link #listening}
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Registers a session with the thread that runs it, unless the server is closing. Start the thread only when
     * registered.
     *
     * @param session the session, not yet run
     * @param runner the thread that runs it, not yet started
     * @return false, registering nothing, when the server is closing
     */
    public boolean register(TelnetSession session, Thread runner) {
        return registry.register(Objects.requireNonNull(session, "session"),
                new Runner.OfThread(Objects.requireNonNull(runner, "runner")));
    }

    /**
     * Registers a session whose transport pushes its input ({@link TelnetSession#start(Runnable)}: no thread runs
     * it while it waits), unless the server is closing. Start it only when registered; count {@code gone} down,
     * and {@link #unregister} it, once it has ended and its threads are gone.
     *
     * @param session the session, not yet started
     * @param gone counted down when the session's threads are gone; the server's close waits for it
     * @return false, registering nothing, when the server is closing
     */
    public boolean register(TelnetSession session, CountDownLatch gone) {
        return registry.register(Objects.requireNonNull(session, "session"),
                new Runner.OfLatch(Objects.requireNonNull(gone, "gone")));
    }

    /**
     * Forgets a session whose {@code run()} has returned; call it on the session's runner.
     *
     * @param session the session
     */
    public void unregister(TelnetSession session) {
        registry.unregister(session);
    }

    /**
     * How many sessions are open now.
     *
     * @return the count
     */
    public int sessionCount() {
        return registry.size();
    }

    /**
     * The sessions open now, oldest first (see {@link io.github.telnetsrv.TelnetServer#sessions()}). Any thread.
     *
     * @return a snapshot of the open sessions
     */
    public List<TelnetSession> sessions() {
        return registry.list();
    }

    /**
     * Shows a message to every open session (see {@link io.github.telnetsrv.TelnetServer#broadcast}): each session
     * writes it on a thread of its own, so this returns at once, whatever the clients do. A session that fails to
     * take the message is skipped (logged).
     *
     * @param text the message
     * @return how many sessions were sent it
     */
    public int broadcast(String text) {
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

    /**
     * Whether {@link #close()} has begun.
     *
     * @return true once it has
     */
    public boolean closing() {
        return registry.closing();
    }

    /**
     * Waits until the server is closed (see {@link io.github.telnetsrv.TelnetServer#awaitClose()}).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Closes the server (see {@link io.github.telnetsrv.TelnetServer#close()}): refuses new connections and
     * sessions, {@linkplain Stopping#stopAccepting() stops accepting}, closes every session at once (each on a
     * thread of its own: a session whose client stopped reading may take a moment) and waits for their runners to
     * end, then {@linkplain Stopping#stopTransport() stops the transport}. Called from one of the server's sessions
     * (its handler code or its runner), it does not wait for that session, which cannot end before this returns:
     * {@link #awaitClose()} returns when it has. A second call waits for the first to complete, unless it comes
     * from a session's thread (it then returns at once: two sessions closing the server together must not wait
     * for each other). Interrupts do not cut the waits short; they are kept for the caller.
     */
    public void close() {
        // A session of this server's, not of another server or one the application runs itself: ours to skip.
        TelnetSession own = registry.current();
        List<Map.Entry<TelnetSession, Runner>> open = registry.beginClosing();
        if (open == null) {
            if (own == null) {
                awaitClosedQuietly();
            }
            return; // the first close() waits for this session: waiting here for it would never end
        }
        admission.close();
        boolean interrupted = false;
        Runner ownRunner = null;
        try {
            stopping.stopAccepting();
            interrupted |= Thread.interrupted();
            List<Thread> closers = new ArrayList<>(open.size());
            for (Map.Entry<TelnetSession, Runner> entry : open) {
                closers.add(Thread.ofVirtual().name(threadNamePrefix + "close").start(entry.getKey()::close));
            }
            for (Thread closer : closers) {
                interrupted |= join(closer);
            }
            for (Map.Entry<TelnetSession, Runner> entry : open) {
                if (entry.getKey() == own) {
                    ownRunner = entry.getValue();
                } else {
                    interrupted |= await(entry.getValue());
                }
            }
            stopping.stopTransport();
            interrupted |= Thread.interrupted();
        } finally {
            if (ownRunner == null) {
                closed();
            } else {
                closedAfter(ownRunner);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For the acceptor's back-off: waits at most {@code millis} for the close to begin. */
    void awaitClosing(long millis) {
        registry.awaitClosing(millis);
    }

    /** The end of {@code close()}: logged, and {@link #awaitClose()} returns. */
    private void closed() {
        try {
            InetSocketAddress address = localAddress;
            if (address != null) {
                LOG.info("closed {}:{} ({})", address.getAddress().getHostAddress(), address.getPort(), label);
            }
        } finally {
            closed.countDown();
        }
    }

    /** Ends {@code close()} on a thread of its own once the calling session's runner has ended. */
    private void closedAfter(Runner ownRunner) {
        try {
            Thread.ofVirtual().name(threadNamePrefix + "closed").start(() -> {
                await(ownRunner);
                closed();
            });
        } catch (RuntimeException | Error e) {
            closed(); // no thread to wait with: awaitClose() returns now rather than never
            throw e;
        }
    }

    private void awaitClosedQuietly() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a thread to end, whatever interrupts come meanwhile.
     *
     * @param thread the thread, or {@code null} for none
     * @return whether the calling thread was interrupted meanwhile (its interrupt status is then clear)
     */
    private static boolean await(Runner runner) {
        boolean interrupted = false;
        while (true) {
            try {
                runner.await();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    static boolean join(Thread thread) {
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
