package io.github.telnetsrv;

import io.github.telnetsrv.internal.session.SessionSchedule;
import io.github.telnetsrv.internal.session.SessionTerminal;
import io.github.telnetsrv.internal.session.SessionWatchdog;
import io.github.telnetsrv.internal.session.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 */
public final class TelnetSession {

    private static final Logger LOG = LoggerFactory.getLogger(TelnetSession.class);
    /** Small: an idle session holds it while its reader waits (a paste just takes more reads). */
    private static final int READ_BUFFER = 256;

    private final TelnetHandler handler;
    private final TelnetConnection connection;
    private final SessionConfig config;
    private final Executor tasks;
    private final SessionTerminal terminal;
    private final SessionSchedule schedule;
    private final Shell shell;
    /** The wall-clock time of {@link #createdNanos}. */
    private final Instant startTime = Instant.now();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** When the session was created: the connection's start, from which the set-up deadlines count. */
    private final long createdNanos = System.nanoTime();
    /** Whether the executor refused a task: then nothing else will run {@code sessionEnd()}. */
    private volatile boolean taskRefused;
    /** Whether the connection's handshake is done (the connection can then be closed gracefully). */
    private volatile boolean handshaken;

    private TelnetSession(TelnetHandler handler, TelnetConnection connection, SessionConfig config, Executor tasks) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.config = Objects.requireNonNull(config, "config");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.terminal = new SessionTerminal(connection, config, handler.keyMap(), new Events());
        this.shell = new Shell(new Hooks(handler), terminal, config, createdNanos);
        this.terminal.completions().setCompleter(shell::complete);
        this.terminal.limits().setUpDeadlines(createdNanos, config.loginTimeout().toNanos());
        this.schedule = new SessionSchedule(tasks, connection.remoteAddress());
        handler.attach(terminal, schedule);
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
     * them on the thread that calls {@link #run()}.
     *
     * @param handler a new handler instance (one per session)
     * @param connection the connection to serve
     * @param config the session settings
     * @param tasks runs the handler code
     * @return the session, not started
     */
    public static TelnetSession create(TelnetHandler handler, TelnetConnection connection, SessionConfig config,
            Executor tasks) {
        return new TelnetSession(handler, connection, config, tasks);
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
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("session already run: " + this);
        }
        LOG.debug("{}: session started", remoteAddress());
        SessionWatchdog.SHARED.watch(terminal.limits());
        try {
            boolean begun = false;
            try {
                connection.handshake();
                handshaken = true;
                terminal.limits().handshakeDone();
                terminal.start();
                begun = submit(this::begin);
                if (begun) {
                    readInput();
                }
            } catch (IOException e) {
                LOG.info("{}: handshake failed: {}", remoteAddress(), e.toString());
                closeConnection();
            } catch (Throwable e) {
                // A failure on the reading path must still end the session: the input is closed below.
                LOG.error("{}: session failed", remoteAddress(), e);
                closeConnection();
            } finally {
                terminal.input().inputClosed();
            }
            if (!begun || taskRefused) {
                finish(); // on this thread: no task will run it
            }
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    close();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            SessionWatchdog.SHARED.unwatch(terminal.limits());
        }
        LOG.debug("{}: session ended", remoteAddress());
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
        if (!handshaken) {
            // A handshake in progress cannot be closed gracefully (TLS would wait for it): cut it.
            try {
                connection.abort();
            } catch (IOException e) {
                LOG.debug("{}: abort failed: {}", remoteAddress(), e.toString());
            }
            return;
        }
        closeConnection();
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
     * The name the user logged in with. Any thread.
     *
     * @return the name, or {@code null} without a login (or before it)
     */
    public String username() {
        return handler.username();
    }

    /**
     * The terminal type the client reported. Any thread.
     *
     * @return the type, or {@code null} if the client did not say
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
     * The command running now, by the name it was typed with (upper case). Any thread.
     *
     * @return the name, or empty while no command runs (at the prompt, during login)
     */
    public Optional<String> runningCommand() {
        return shell.runningCommand();
    }

    /**
     * Shows {@code text} above the prompt, as the handler's {@link TelnetHandler#writeMessage} does (with its
     * decoration). Any thread.
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

    // ------------------------------------------------------------------ reading (the run() thread)

    private void readInput() {
        InputStream in = connection.input();
        byte[] buf = new byte[READ_BUFFER];
        int timeout = -1;
        int wanted = terminal.input().readTimeoutMillis();
        while (true) {
            if (wanted != timeout && connection.setReadTimeout(wanted)) {
                timeout = wanted;
            }
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                wanted = terminal.input().readTimedOut();
                continue;
            } catch (IOException e) {
                LOG.debug("{}: input ended: {}", remoteAddress(), e.toString());
                return;
            }
            if (n < 0) {
                return;
            }
            if (n > 0) {
                wanted = terminal.input().received(buf, 0, n);
            }
        }
    }

    // ------------------------------------------------------------------ handler tasks

    private boolean submit(Runnable task) {
        try {
            tasks.execute(task);
            return true;
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            // OutOfMemoryError: no thread could be made for the task.
            LOG.warn("{}: handler task rejected, ending the session", remoteAddress(), e);
            taskRefused = true;
            closeConnection();
            return false;
        }
    }

    /** The first task: negotiation, banner, login, welcome, {@code sessionStart()}, first prompt. */
    private void begin() {
        terminal.tasks().hooksRunning(Thread.currentThread());
        try {
            if (!shell.open()) {
                terminal.tasks().hooksRunning(null);
                Thread.interrupted();
                finish();
                return;
            }
        } catch (Throwable failure) {
            if (terminal.tasks().closed()) {
                LOG.debug("{}: session start ended with the session: {}", remoteAddress(), failure.toString());
            } else {
                LOG.error("{}: session start failed", remoteAddress(), failure);
            }
            terminal.tasks().hooksRunning(null);
            Thread.interrupted();
            finish();
            return;
        }
        terminal.tasks().hooksRunning(null);
        Thread.interrupted();
        next();
    }

    /** A task for a line entered at the top-level prompt ({@code null}: the line was abandoned with Ctrl-C). */
    private void command(String line) {
        try {
            if (line != null) {
                shell.execute(line);
            }
        } catch (Throwable failure) {
            LOG.error("{}: command line failed, ending the session", remoteAddress(), failure);
            finish();
            return;
        } finally {
            Thread.interrupted();
        }
        next();
    }

    /** Ends a task: the next prompt, or the end of the session. */
    private void next() {
        if (handler.exitRequested()) {
            finish();
            return;
        }
        if (!terminal.lines().showPrompt(shell.prompt())) {
            finish();
        }
    }

    /**
     * Runs {@code sessionEnd()} once, writes what is left to write (a goodbye, "Idle timeout"), then closes the
     * connection; the last task of a session.
     */
    private void finish() {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        schedule.close();
        try {
            handler.sessionEnd();
        } catch (Throwable failure) {
            LOG.error("{}: sessionEnd() failed", remoteAddress(), failure);
        } finally {
            try {
                terminal.output().drain();
            } finally {
                closeConnection();
                finished.countDown();
            }
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (IOException e) {
            LOG.debug("{}: close failed: {}", remoteAddress(), e.toString());
        }
    }

    /** Receives the terminal's events (outside its lock): starts tasks, never runs handler code itself. */
    private final class Events implements SessionTerminal.Events {
        @Override
        public void lineEntered(String line) {
            submit(() -> command(line));
        }

        @Override
        public void endRequested() {
            submit(TelnetSession.this::finish);
        }

        @Override
        public void completionRequested(long id, String line, int wordStart, int cursor) {
            submit(() -> {
                if (!terminal.completions().started(id, Thread.currentThread())) {
                    return;
                }
                List<String> candidates = List.of();
                try {
                    candidates = shell.complete(line, wordStart, cursor);
                } finally {
                    Thread.interrupted(); // a timed-out completer was interrupted: not the next task's business
                    terminal.completions().completed(id, candidates);
                }
            });
        }
    }
}
