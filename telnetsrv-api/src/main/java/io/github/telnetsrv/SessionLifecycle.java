package io.github.telnetsrv;

import io.github.telnetsrv.internal.session.Inbox;
import io.github.telnetsrv.internal.session.SessionOutput;
import io.github.telnetsrv.internal.session.SessionSchedule;
import io.github.telnetsrv.internal.session.SessionTerminal;
import io.github.telnetsrv.internal.session.StreamReader;
import io.github.telnetsrv.internal.session.TelnetTransport;
import io.github.telnetsrv.transport.Inbound;
import io.github.telnetsrv.transport.Transport;
import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.spi.SessionTasks;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing of a {@link TelnetSession}: wires the session core (terminal, shell, schedule) to a connection,
 * then runs it from the handshake to {@code sessionEnd()}. The facade keeps the public API; this class reads the
 * connection and runs the handler code as tasks.
 *
 * <p>Threads: {@link #run()} runs on the thread that serves the session, which completes the handshake and then
 * reads the connection, feeding the terminal. Handler code runs as tasks on the session's {@link Executor}, one
 * task at a time: the first task ({@code begin}) opens the session and shows the first prompt; each line entered at
 * the top-level prompt is a task ({@code command}) that runs until the next prompt is shown; the last task
 * ({@code finish}) runs {@code sessionEnd()} exactly once and closes the connection. Tasks are submitted from the
 * terminal's events, outside its lock, or from the reading thread, which also runs {@code finish} itself when no
 * task can. {@link #close()} is safe from any thread.
 *
 * <p>The reading thread and the tasks (the handler's scheduled tasks too) are the session's own threads: they write
 * their output themselves, and wait for a slow client. Output from any other thread is written by a writer task:
 * {@link SessionTasks#writes()} when the executor is a {@code SessionTasks}, else a virtual thread.
 */
final class SessionLifecycle {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SessionLifecycle.class, "state", TelnetSession.State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Logs under the session's name, as before the session was split. */
    private static final Logger LOG = LoggerFactory.getLogger(TelnetSession.class);

    private final TelnetHandler handler;
    private final TelnetConnection connection;
    private final Executor tasks;
    private final SessionTerminal terminal;
    private final SessionShell shell;
    private final SessionSchedule schedule;
    /** Where the session is; changed only by {@link #moveTo}, through {@link #STATE}. */
    private volatile TelnetSession.State state = TelnetSession.State.OPENING;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Whether the executor refused a task: then nothing else will run {@code sessionEnd()}. */
    private volatile boolean taskRefused;
    /** The exit status of the one command line of a session that runs no shell; 0 for a shell session. */
    private volatile int commandStatus;
    /** Set by {@link #start}: what runs once the session of a pushing transport has ended. */
    private volatile Runnable whenEnded;

    /**
     * Wires a session: its terminal on the connection, its shell, and the schedule of the handler's timed tasks.
     *
     * @param handler the handler
     * @param keys the handler's key bindings
     * @param connection the connection to serve
     * @param config the session settings
     * @param tasks runs the handler code, one task at a time, never on the thread that calls {@link #run()}
     * @param createdNanos when the session was created, from which the set-up deadlines count
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
     */
    SessionLifecycle(TelnetHandler handler, KeyMap keys, TelnetConnection connection, SessionConfig config,
            Executor tasks, long createdNanos) {
        this(handler, keys, connection, config, tasks, createdNanos,
                from -> new TelnetTransport(config.charset(), connection.remoteAddress(), from));
    }

    /**
     * Wires a session whose client speaks the protocol {@code transports} makes over the connection's bytes.
     *
     * @param handler the handler
     * @param keys the handler's key bindings
     * @param connection the connection to serve
     * @param config the session settings
     * @param tasks runs the handler code, one task at a time, never on the thread that calls {@link #run()}
     * @param createdNanos when the session was created, from which the set-up deadlines count
     * @param transports makes the protocol, given where its events go
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
     */
    SessionLifecycle(TelnetHandler handler, KeyMap keys, TelnetConnection connection, SessionConfig config,
            Executor tasks, long createdNanos, Transport.Factory transports) {
        Objects.requireNonNull(transports, "transports");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.terminal = new SessionTerminal(connection, config, keys, new Events(), transports,
                tasks instanceof SessionTasks own ? own.writes() : SessionOutput.VIRTUAL_WRITES);
        this.shell = new SessionShell(handler, terminal, config, createdNanos, this);
        this.terminal.completions().setCompleter(shell::complete);
        this.terminal.limits().setUpDeadlines(createdNanos, config.loginTimeout().toNanos());
        SessionOutput output = terminal.output();
        this.schedule = new SessionSchedule(task -> tasks.execute(output.owned(task)), connection.remoteAddress());
    }

    /**
     * The session's terminal.
     *
     * @return the terminal
     */
    SessionTerminal terminal() {
        return terminal;
    }

    /**
     * The session's shell.
     *
     * @return the shell
     */
    SessionShell shell() {
        return shell;
    }

    /**
     * The schedule of the handler's timed tasks, closed when the session ends.
     *
     * @return the schedule
     */
    SessionSchedule schedule() {
        return schedule;
    }

    /**
     * Where the session is in its life.
     *
     * @return the state now
     */
    TelnetSession.State state() {
        return state;
    }

    /**
     * Moves the session to {@code next} if its state now leads there ({@link TelnetSession.State#leadsTo}): every
     * change of state goes through here, atomically, so that of two threads ending a session only one ends it.
     *
     * @param next the state to move to
     * @return true if this call made the move
     */
    boolean moveTo(TelnetSession.State next) {
        while (true) {
            TelnetSession.State now = state;
            if (!now.leadsTo(next)) {
                return false;
            }
            if (STATE.compareAndSet(this, now, next)) {
                return true;
            }
        }
    }

    /**
     * Serves the session on the calling thread, which completes the connection's handshake and then reads it;
     * returns when the session has ended, {@code sessionEnd()} has run (exactly once, whatever ended the session:
     * even a failed handshake or a failure on this thread) and the connection is closed. Call it once.
     */
    void run() {
        LOG.debug("{}: session started", connection.remoteAddress());
        terminal.limits().watch();
        terminal.output().ownReader(Thread.currentThread());
        try {
            boolean begun = false;
            try {
                connection.handshake();
                moveTo(TelnetSession.State.NEGOTIATING);
                terminal.limits().handshakeDone();
                terminal.start();
                begun = submit(this::begin);
                if (begun) {
                    StreamReader.read(connection, terminal.input());
                }
            } catch (IOException e) {
                LOG.info("{}: handshake failed: {}", connection.remoteAddress(), e.toString());
                closeConnection();
            } catch (Throwable e) {
                // A failure on the reading path must still end the session: the input is closed below.
                LOG.error("{}: session failed", connection.remoteAddress(), e);
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
            terminal.output().ownReader(null);
            terminal.limits().unwatch();
        }
        LOG.debug("{}: session ended", connection.remoteAddress());
    }

    /**
     * Starts the session of a transport that is handed its client's bytes: the opening and the handler's start run
     * as a task of the session's, the input comes through the returned {@link Inbound} and is taken by a drain task
     * of the session's own (never on the thread that hands it over). Returns at once. Call it once, instead of
     * {@link #run()}.
     *
     * @param drains starts a drain task on a thread of the session's own
     * @param whenEnded runs once the session has ended ({@code sessionEnd()} has run, the connection is closed), on
     *     a thread of the session's that must not wait for the session's tasks
     * @return where the transport hands over its client's bytes
     */
    Inbound start(Executor drains, Runnable whenEnded) {
        LOG.debug("{}: session started", connection.remoteAddress());
        this.whenEnded = Objects.requireNonNull(whenEnded, "whenEnded");
        terminal.limits().watch();
        Inbox inbox = new Inbox(terminal.input(), terminal::inputEnded, terminal::inputTaken,
                task -> drains.execute(terminal.output().owned(task)));
        moveTo(TelnetSession.State.NEGOTIATING);
        terminal.limits().handshakeDone();
        if (!submit(() -> {
            terminal.start();
            begin();
        })) {
            finish();
        }
        return inbox;
    }

    /**
     * Closes the connection, which ends the input: a handshake in progress is cut (aborted), a connection past it
     * is closed gracefully. Safe from any thread, any number of times.
     */
    void close() {
        terminal.input().stop();
        if (state == TelnetSession.State.OPENING) {
            // A handshake in progress cannot be closed gracefully (TLS would wait for it): cut it.
            try {
                connection.abort();
            } catch (IOException e) {
                LOG.debug("{}: abort failed: {}", connection.remoteAddress(), e.toString());
            }
            return;
        }
        closeConnection();
    }

    // ------------------------------------------------------------------ handler tasks

    private boolean submit(Runnable task) {
        try {
            tasks.execute(terminal.output().owned(task));
            return true;
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            // OutOfMemoryError: no thread could be made for the task.
            LOG.warn("{}: handler task rejected, ending the session", connection.remoteAddress(), e);
            taskRefused = true;
            closeConnection();
            return false;
        }
    }

    /**
     * The first task: negotiation, banner, login, welcome, {@code sessionStart()}, first prompt; or, for a
     * session that runs one command line (an SSH exec channel), {@code sessionStart()}, the command, the end.
     */
    private void begin() {
        String commandLine = terminal.execCommand();
        if (commandLine != null) {
            commandStatus = TelnetHandler.EXIT_FAILED; // until the command has run
        }
        terminal.tasks().hooksRunning(Thread.currentThread());
        try {
            if (!(commandLine == null ? shell.open() : shell.openForCommand())) {
                terminal.tasks().hooksRunning(null);
                Thread.interrupted();
                finish();
                return;
            }
        } catch (Throwable failure) {
            if (terminal.tasks().closed()) {
                LOG.debug("{}: session start ended with the session: {}", connection.remoteAddress(),
                        failure.toString());
            } else {
                LOG.error("{}: session start failed", connection.remoteAddress(), failure);
            }
            terminal.tasks().hooksRunning(null);
            Thread.interrupted();
            finish();
            return;
        }
        terminal.tasks().hooksRunning(null);
        Thread.interrupted();
        if (commandLine != null) {
            runOnce(commandLine);
            return;
        }
        next();
    }

    /** The one command line of a session that runs no shell, then the end of the session with its status. */
    private void runOnce(String commandLine) {
        moveTo(TelnetSession.State.COMMAND);
        try {
            commandStatus = shell.runOnce(commandLine);
        } catch (Throwable failure) {
            LOG.error("{}: command line failed, ending the session", connection.remoteAddress(), failure);
            commandStatus = TelnetHandler.EXIT_FAILED;
        } finally {
            Thread.interrupted();
        }
        finish();
    }

    /** A task for a line entered at the top-level prompt ({@code null}: the line was abandoned with Ctrl-C). */
    private void command(String line) {
        try {
            if (line != null) {
                moveTo(TelnetSession.State.COMMAND);
                shell.execute(line);
            }
        } catch (Throwable failure) {
            LOG.error("{}: command line failed, ending the session", connection.remoteAddress(), failure);
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
        moveTo(TelnetSession.State.PROMPT);
        if (!terminal.lines().showPrompt(shell.prompt())) {
            finish();
        }
    }

    /**
     * Runs {@code sessionEnd()} once, writes what is left to write (a goodbye, "Idle timeout"), then closes the
     * connection; the last task of a session.
     */
    private void finish() {
        if (!moveTo(TelnetSession.State.ENDING)) {
            return;
        }
        schedule.close();
        try {
            handler.sessionEnd();
        } catch (Throwable failure) {
            LOG.error("{}: sessionEnd() failed", connection.remoteAddress(), failure);
        } finally {
            try {
                terminal.output().drain();
                int set = handler.exitStatus();
                terminal.ended(set >= 0 ? set : commandStatus);
            } finally {
                terminal.output().close();
                closeConnection();
                moveTo(TelnetSession.State.ENDED);
                finished.countDown();
                Runnable ended = whenEnded;
                if (ended != null) {
                    terminal.limits().unwatch();
                    LOG.debug("{}: session ended", connection.remoteAddress());
                    ended.run();
                }
            }
        }
    }

    private void closeConnection() {
        terminal.input().stop(); // a reader held back by a full input queue goes back to its read, which ends
        try {
            connection.close();
        } catch (IOException e) {
            LOG.debug("{}: close failed: {}", connection.remoteAddress(), e.toString());
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
            submit(SessionLifecycle.this::finish);
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
