package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Sessions over a transport other than Telnet, for the modules this package is exported to (the test kit's
 * in-memory terminal): a {@link TelnetSession} whose client speaks what the given {@link Transport} decodes, with
 * everything else as {@link TelnetSession#create(TelnetHandler, TelnetConnection, SessionConfig, Executor)} makes
 * it. The transport stays out of the public API: {@code TelnetSession} registers its constructor here when its
 * class is initialised, and {@link #create} makes sure it is before using it.
 *
 * <p>Thread-safe.
 */
public final class TransportSessions {

    /** What {@code TelnetSession} registers: its constructor with a transport, and the handler's hooks. */
    public interface Factory {
        /**
         * Makes a session.
         *
         * @param handler a new handler instance
         * @param connection the connection whose bytes the transport decodes
         * @param config the session settings
         * @param tasks runs the handler code
         * @param transports makes the transport, given where its events go
         * @return the session, not started
         */
        TelnetSession create(TelnetHandler handler, TelnetConnection connection, SessionConfig config,
                Executor tasks, Function<Transport.Events, Transport> transports);

        /**
         * The handler as the session core sees it (its protected hooks made callable).
         *
         * @param handler a handler
         * @return its hooks
         */
        HandlerHooks hooks(TelnetHandler handler);
    }

    private static final AtomicReference<Factory> FACTORY = new AtomicReference<>();

    private TransportSessions() {
    }

    /**
     * Called once, by {@code TelnetSession}'s static initialiser.
     *
     * @param sessions the session's constructor
     * @throws IllegalStateException if a factory is registered already
     */
    public static void register(Factory sessions) {
        if (!FACTORY.compareAndSet(null, Objects.requireNonNull(sessions, "sessions"))) {
            throw new IllegalStateException("a session factory is registered already (expected: one, "
                    + "TelnetSession's)");
        }
    }

    /**
     * A session whose client speaks the transport {@code transports} makes over {@code connection}'s bytes.
     *
     * @param handler a new handler instance (one per session)
     * @param connection the bytes to and from the client
     * @param config the session settings
     * @param tasks runs the handler code, as for {@code TelnetSession.create}
     * @param transports makes the transport, given where its events go; called once, on this thread
     * @return the session, not started
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
     * @throws IllegalStateException if the handler already serves a session
     */
    public static TelnetSession create(TelnetHandler handler, TelnetConnection connection, SessionConfig config,
            Executor tasks, Function<Transport.Events, Transport> transports) {
        Objects.requireNonNull(transports, "transports");
        return sessions().create(handler, connection, config, tasks, transports);
    }

    /**
     * A handler's hooks, for a server that needs one before any session (an SSH server asks the handler's
     * {@code authenticator()} for its password logins).
     *
     * @param handler a handler, which need not serve a session
     * @return its hooks
     */
    public static HandlerHooks hooks(TelnetHandler handler) {
        return sessions().hooks(Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Registers a handler class before the first client comes, as the Telnet servers do at their start: a command
     * declared wrongly fails here, with a message naming the method.
     *
     * @param handlerClass the class
     * @throws io.github.telnetsrv.CommandDeclarationException if the class declares a command wrongly, or its
     *     commands cannot be called
     */
    public static void checkHandler(Class<? extends TelnetHandler> handlerClass) {
        io.github.telnetsrv.internal.command.CommandRegistry.of(handlerClass);
    }

    private static Factory sessions() {
        Factory registered = FACTORY.get();
        if (registered == null) {
            try {
                // Initialising TelnetSession registers its factory.
                Class.forName(TelnetSession.class.getName(), true, TransportSessions.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("TelnetSession not found beside " + TransportSessions.class, e);
            }
            registered = FACTORY.get();
            if (registered == null) {
                throw new IllegalStateException("TelnetSession did not register its factory");
            }
        }
        return registered;
    }
}
