package io.github.telnetsrv;

import io.github.telnetsrv.internal.session.SessionTerminal;
import io.github.telnetsrv.internal.session.SessionThreads;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.transport.Inbound;
import io.github.telnetsrv.transport.Transport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Telnet session: a handler served over a connection, from the opening negotiation to {@code sessionEnd()}.
 *
 * <p>This is what the runtimes run for each accepted socket, and what an application uses to serve a handler
 * over a socket it accepted itself or over any pair of byte streams:
 *
 * <pre>{@code
 * try (Socket socket = serverSocket.accept()) {
 *     TelnetSession.create(new MyHandler(), TelnetConnection.of(socket), SessionConfig.defaults()).run();
 * }
 * }</pre>
 *
 * <p>The thread calling {@link #run()} reads the connection and feeds the protocol engine and the line editor.
 * Handler code (login, {@code sessionStart()}, each command, {@code sessionEnd()}) runs as tasks on an
 * {@link Executor}, one task at a time: a task runs until the next top-level prompt is shown, so a session idle
 * at its prompt holds only the reading thread. The default executor starts a virtual thread per task; a
 * single-thread executor gives one persistent handler thread.
 *
 * <p>The session goes through: opening negotiation (waiting at most {@link SessionConfig#negotiationWait()}),
 * the {@linkplain TelnetHandler#issue() issue banner}, login (when the handler has an
 * {@linkplain TelnetHandler#authenticator() authenticator}: limited attempts, a doubling delay after each
 * failure, one message for a bad user or a bad password, an overall deadline), the
 * {@linkplain TelnetHandler#welcome() welcome}, {@link TelnetHandler#sessionStart()}, the command loop, and
 * {@link TelnetHandler#sessionEnd()}, which runs exactly once whatever ends the session.
 *
 * <p>Thread-safe: {@link #run()} on the thread that serves the session, the rest from any thread (an administrator's
 * console lists sessions, shows messages, ends them).
 */
public final class TelnetSession {

    /**
     * Where a session is in its life. A session moves only forward along these arrows:
     *
     * <pre>{@code
     * OPENING --> NEGOTIATING --+--> LOGIN --+--> PROMPT <--> COMMAND
     *                           |            |                  ^
     *                           +------------+------------------+
     * any state but ENDED --> ENDING --> ENDED
     * }</pre>
     *
     * <p>A session without a login goes from NEGOTIATING straight to PROMPT; an exec request (SSH) runs its one
     * command (COMMAND), then ends.
     */
    public enum State {
        /** Made, not yet served; or its connection's handshake (TLS) is under way. */
        OPENING,
        /** The connection is up; the opening negotiation (Telnet options) is under way. */
        NEGOTIATING,
        /** The login prompts are shown. */
        LOGIN,
        /** The session waits at its prompt for a command line. */
        PROMPT,
        /** A command line runs (continuation lines and the command's own prompts included). */
        COMMAND,
        /** The session is ending: {@code sessionEnd()} runs, the last output is written, the connection closes. */
        ENDING,
        /** The session has ended and its connection is closed. */
        ENDED;

        /**
         * Whether a session in this state may move to {@code next}.
         *
         * @param next the state to move to
         * @return true if the move is one of the arrows above
         */
        public boolean leadsTo(State next) {
            return switch (this) {
                case OPENING -> next == NEGOTIATING || next == ENDING;
                case NEGOTIATING -> next == LOGIN || next == PROMPT || next == COMMAND || next == ENDING;
                case LOGIN -> next == PROMPT || next == COMMAND || next == ENDING;
                case PROMPT -> next == COMMAND || next == ENDING;
                case COMMAND -> next == PROMPT || next == ENDING;
                case ENDING -> next == ENDED;
                case ENDED -> false;
            };
        }
    }

    private static final VarHandle STARTED;

    static {
        try {
            STARTED = MethodHandles.lookup().findVarHandle(TelnetSession.class, "started", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TelnetSession.class);

    private final TelnetHandler handler;
    private final TelnetConnection connection;
    private final Executor tasks;
    /** The reading loop and the handler tasks; this class is the facade over them. */
    private final SessionLifecycle lifecycle;
    private final SessionTerminal terminal;
    private final SessionShell shell;
    /** The wall-clock time of {@link #createdNanos}. */
    private final Instant startTime = Instant.now();
    /** Set once, through {@link #STARTED} (a flag field: no object of its own per session). */
    private volatile boolean started;
    /** When the session was created: the connection's start, from which the set-up deadlines count. */
    private final long createdNanos = System.nanoTime();


    private TelnetSession(TelnetHandler handler, TelnetConnection connection, SessionConfig config, Executor tasks,
            Transport.Factory transports) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.connection = Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(config, "config");
        // Every handler task knows its session: a server closed from one of them does not wait for it.
        Executor marked = SessionThreads.marking(this, Objects.requireNonNull(tasks, "tasks"));
        this.tasks = tasks;
        this.lifecycle = transports == null
                ? new SessionLifecycle(handler, handler.keyMap(), connection, config, marked, createdNanos)
                : new SessionLifecycle(handler, handler.keyMap(), connection, config, marked, createdNanos,
                        transports);
        this.terminal = lifecycle.terminal();
        this.shell = lifecycle.shell();
        handler.attach(terminal, lifecycle.schedule());
    }

    /**
     * A session whose handler tasks run on virtual threads.
     *
     * @param handler a new handler instance (one per session)
     * @param connection the connection to serve
     * @param config the session settings
     * @return the session, not started
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command
     *     wrongly
     * @throws IllegalStateException if the handler already serves a session
     */
    public static TelnetSession create(TelnetHandler handler, TelnetConnection connection, SessionConfig config) {
        return create(handler, connection, config, task -> Thread.ofVirtual().name("telnetsrv-handler").start(task));
    }

    /**
     * A session whose handler tasks run on the given executor. The executor must run each task it accepts
     * (tasks are submitted one at a time, each after the previous one has finished its work) and must not run
     * them on the thread that calls {@link #run()}. Output that other threads produce ({@link #message}, a
     * broadcast) is written by a task of {@link io.github.telnetsrv.spi.SessionTasks#writes()} when the executor
     * is a {@code SessionTasks}, else on a virtual thread: those threads never write to the client themselves.
     *
     * @param handler a new handler instance (one per session)
     * @param connection the connection to serve
     * @param config the session settings
     * @param tasks runs the handler code
     * @return the session, not started
     */
    public static TelnetSession create(TelnetHandler handler, TelnetConnection connection, SessionConfig config,
            Executor tasks) {
        return new TelnetSession(handler, connection, config, tasks, null);
    }

    /**
     * A session whose client speaks a protocol of its own over the connection: {@code transports} makes the
     * {@link Transport} that decodes what the client sends and encodes what the session writes (an SSH channel, a
     * WebSocket terminal, an in-memory terminal). Everything else is as
     * {@link #create(TelnetHandler, TelnetConnection, SessionConfig, Executor)} makes it. Serve it with
     * {@link #run()} when the connection's {@link TelnetConnection#input()} is to be read, or with
     * {@link #start(Runnable)} when the transport is handed its client's bytes.
     *
     * @param handler a new handler instance (one per session)
     * @param connection the connection (its output; its input when served with {@code run()})
     * @param config the session settings
     * @param tasks runs the handler code, as for {@code create}
     * @param transports makes the transport, given where its events go; called once, on this thread
     * @return the session, not started
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
     * @throws IllegalStateException if the handler already serves a session
     */
    public static TelnetSession create(TelnetHandler handler, TelnetConnection connection, SessionConfig config,
            Executor tasks, Transport.Factory transports) {
        return new TelnetSession(handler, connection, config, tasks, Objects.requireNonNull(transports,
                "transports"));
    }

    /**
     * The session whose handler code runs on the calling thread (a command, a scheduled task, a completion).
     *
     * @return the session, or empty on any other thread
     */
    public static Optional<TelnetSession> current() {
        return Optional.ofNullable(SessionThreads.current());
    }

    /**
     * Serves the session on the calling thread, which completes the connection's
     * {@linkplain TelnetConnection#handshake() handshake} and then reads it; returns when the session has ended,
     * {@code sessionEnd()} has run (exactly once, whatever ended the session: even a failed handshake or a failure
     * on this thread) and the connection is closed.
     *
     * @throws IllegalStateException if the session was already run
     */
    public void run() {
        if (!STARTED.compareAndSet(this, false, true)) {
            throw new IllegalStateException("session already run: " + this);
        }
        lifecycle.run(); // the reader is not marked: servers know it from their registries (SessionThreads)
    }

    /**
     * Starts the session when its transport is handed the client's bytes rather than reading a stream (MINA SSHD's
     * channel callbacks, a WebSocket's messages): the opening and the handler's {@code sessionStart()} run as
     * tasks of the session's, and the bytes handed to the returned {@link Inbound} are taken on a thread of the
     * session's own (never on the thread that hands them over; no thread is kept while nothing comes). Returns at
     * once. Call it once, instead of {@link #run()}.
     *
     * @param whenEnded runs once the session has ended ({@code sessionEnd()} has run and the connection is closed),
     *     on a thread of the session's: it must not wait for the session's tasks
     * @return where the transport hands over what its client sends
     * @throws IllegalStateException if the session was run or started already
     */
    public Inbound start(Runnable whenEnded) {
        Objects.requireNonNull(whenEnded, "whenEnded");
        if (!STARTED.compareAndSet(this, false, true)) {
            throw new IllegalStateException("session already run: " + this);
        }
        Executor drains = tasks instanceof SessionTasks own ? own.writes()
                : task -> Thread.ofVirtual().name("telnetsrv-input").start(task);
        return lifecycle.start(SessionThreads.marking(this, drains), whenEnded);
    }

    /**
     * Ends the session from outside (for example when the server closes): closes the connection, which ends
     * the input; a running command is interrupted and {@code sessionEnd()} runs. Returns within a bound (a TLS
     * connection whose client stopped reading is aborted after a second); {@link #run()} returns when all is
     * done. Safe from any thread, any number of times.
     *
     * <p>A server need not watch for clients that stopped reading: a write blocked for
     * {@link SessionConfig#writeTimeout()} drops the client by itself (see {@link #writeStartedNanos()}).
     */
    public void close() {
        lifecycle.close();
    }

    /**
     * The client's address, or {@code null} when the connection has none.
     *
     * @return the remote address
     */
    public SocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /**
     * When the write to the client in progress began, in {@link System#nanoTime()} terms, or 0 when no write is
     * in progress. A write that stays blocked means the client stopped reading: the session drops such a client
     * by itself once {@link SessionConfig#writeTimeout()} has passed (a server may also {@link #close()} it
     * sooner, for instance when it runs short of memory).
     *
     * @return the start of the blocked write, or 0
     */
    public long writeStartedNanos() {
        return terminal.output().writeStartedNanos();
    }

    /**
     * The handler this session serves.
     *
     * @return the handler
     */
    public TelnetHandler handler() {
        return handler;
    }

    /**
     * The name the user logged in with, control characters replaced by U+FFFD (see
     * {@link TelnetHandler#username()}): safe to print on an operator's terminal. Any thread.
     *
     * @return the name, or {@code null} without a login (or before it)
     */
    public String username() {
        return handler.username();
    }

    /**
     * The terminal type the client reported, only if it is 1 to 40 characters of printable ASCII (see
     * {@link TelnetHandler#terminalType()}): safe to print on an operator's terminal. Any thread.
     *
     * @return the type, or {@code null} if the client did not say, or sent one that is not printable
     */
    public String terminalType() {
        return terminal.terminalType();
    }

    /**
     * When the session began (the connection was made).
     *
     * @return the start time
     */
    public Instant startTime() {
        return startTime;
    }

    /**
     * When the client last sent anything (keys, or protocol bytes). Any thread.
     *
     * @return the time of the last input, or {@link #startTime()} before any
     */
    public Instant lastInputTime() {
        long since = terminal.input().lastInputNanos() - createdNanos;
        return since <= 0 ? startTime : startTime.plus(Duration.ofNanos(since));
    }

    /**
     * Where the session is in its life, now.
     *
     * @return the state
     */
    public State state() {
        return lifecycle.state();
    }

    /**
     * The command running now, by the name it was typed with (upper case). Any thread.
     *
     * @return the name, or empty while no command runs (at the prompt, during login)
     */
    public Optional<String> runningCommand() {
        return shell.runningCommand();
    }

    /**
     * Shows {@code text} above the prompt, as the handler's {@link TelnetHandler#writeMessage} does (with its
     * decoration). Any thread; returns at once, whatever the client does: from a thread that is not the session's
     * own the message is written by a task of the session (see {@link SessionConfig#maxPendingOutput()}).
     *
     * @param text the message
     */
    public void message(String text) {
        Objects.requireNonNull(text, "text");
        handler.writeMessage(text);
    }

    /**
     * Ends the session from any thread, saying why (an administrator's "kick"): the message is shown on a line
     * of its own, then the session ends at once if it waits at its prompt or a question, else as soon as the
     * running command returns (it is interrupted). {@code sessionEnd()} runs and the output is flushed before the
     * connection closes, unlike {@link #close()}, which cuts the connection.
     *
     * @param message shown to the user first, or {@code null} for none
     */
    public void end(String message) {
        if (message != null) {
            try {
                handler.writeMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("{}: writeMessage() failed", remoteAddress(), e);
            }
        }
        handler.requestExit();
        terminal.lines().endNow();
    }

    @Override
    public String toString() {
        return "TelnetSession[" + handler.getClass().getName() + ", " + connection + "]";
    }
}
