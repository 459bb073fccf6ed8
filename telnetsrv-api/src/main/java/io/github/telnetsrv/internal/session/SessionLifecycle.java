package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.spi.SessionTasks;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
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
public final class SessionLifecycle {

    private static final VarHandle FINISHING;

    static {
        try {
            FINISHING = MethodHandles.lookup().findVarHandle(SessionLifecycle.class, "finishing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Logs under the session's name, as before the session was split. */
    private static final Logger LOG = LoggerFactory.getLogger(TelnetSession.class);
    /** Small: an idle session holds it while its reader waits (a key sends a few bytes). */
    private static final int READ_BUFFER = 16;
    /** The most read at once into a buffer of the moment, when more input is waiting (a paste). */
    private static final int LARGE_READ = 4096;

    private final HandlerHooks hooks;
    private final TelnetConnection connection;
    private final Executor tasks;
    private final SessionTerminal terminal;
    private final Shell shell;
    private final SessionSchedule schedule;
    /** Set once, through {@link #FINISHING} (a flag field: no object of its own per session). */
    private volatile boolean finishing;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Whether the executor refused a task: then nothing else will run {@code sessionEnd()}. */
    private volatile boolean taskRefused;
    /** The exit status of the one command line of a session that runs no shell; 0 for a shell session. */
    private volatile int commandStatus;
    /** Whether the connection's handshake is done (the connection can then be closed gracefully). */
    private volatile boolean handshaken;

    /**
     * Wires a session: its terminal on the connection, its shell, and the schedule of the handler's timed tasks.
     *
     * @param hooks the handler, as the core sees it
     * @param keys the handler's key bindings
     * @param connection the connection to serve
     * @param config the session settings
     * @param tasks runs the handler code, one task at a time, never on the thread that calls {@link #run()}
     * @param createdNanos when the session was created, from which the set-up deadlines count
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
     */
    public SessionLifecycle(HandlerHooks hooks, KeyMap keys, TelnetConnection connection, SessionConfig config,
            Executor tasks, long createdNanos) {
        this(hooks, keys, connection, config, tasks, createdNanos,
                from -> new TelnetTransport(config.charset(), connection.remoteAddress(), from));
    }

    /**
     * Wires a session whose client speaks the protocol {@code transports} makes over the connection's bytes.
     *
     * @param hooks the handler, as the core sees it
     * @param keys the handler's key bindings
     * @param connection the connection to serve
     * @param config the session settings
     * @param tasks runs the handler code, one task at a time, never on the thread that calls {@link #run()}
     * @param createdNanos when the session was created, from which the set-up deadlines count
     * @param transports makes the protocol, given where its events go
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
     */
    public SessionLifecycle(HandlerHooks hooks, KeyMap keys, TelnetConnection connection, SessionConfig config,
            Executor tasks, long createdNanos, Function<Transport.Events, Transport> transports) {
        Objects.requireNonNull(transports, "transports");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.terminal = new SessionTerminal(connection, config, keys, new Events(), transports,
                tasks instanceof SessionTasks own ? own.writes() : SessionOutput.VIRTUAL_WRITES);
        this.shell = new Shell(hooks, terminal, config, createdNanos);
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
    public SessionTerminal terminal() {
        return terminal;
    }

    /**
     * The session's shell.
     *
     * @return the shell
     */
    public Shell shell() {
        return shell;
    }

    /**
     * The schedule of the handler's timed tasks, closed when the session ends.
     *
     * @return the schedule
     */
    public SessionSchedule schedule() {
        return schedule;
    }

    /**
     * Serves the session on the calling thread, which completes the connection's handshake and then reads it;
     * returns when the session has ended, {@code sessionEnd()} has run (exactly once, whatever ended the session:
     * even a failed handshake or a failure on this thread) and the connection is closed. Call it once.
     */
    public void run() {
        LOG.debug("{}: session started", connection.remoteAddress());
        terminal.limits().watch();
        terminal.output().ownReader(Thread.currentThread());
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
     * Closes the connection, which ends the input: a handshake in progress is cut (aborted), a connection past it
     * is closed gracefully. Safe from any thread, any number of times.
     */
    public void close() {
        terminal.input().stop();
        if (!handshaken) {
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

    // ------------------------------------------------------------------ reading (the run() thread)

    private void readInput() {
        InputStream in = connection.input();
        // An idle session waits in this read: a small buffer (what one key sends); more is read into a buffer of
        // the moment, as big as what is there.
        byte[] buf = new byte[READ_BUFFER];
        int timeout = -1;
        int wanted = terminal.input().readTimeoutMillis();
        while (true) {
            if (wanted != timeout && connection.setReadTimeout(wanted)) {
                timeout = wanted;
            }
            int n;
            try {
                n = in.read(buf, 0, buf.length); // not read(buf): one frame less on an idle reader's stack
                if (n > 0) {
                    wanted = terminal.input().received(buf, 0, n);
                    if (n == buf.length) {
                        wanted = readMore(in, wanted);
                    }
                }
            } catch (SocketTimeoutException e) {
                wanted = terminal.input().readTimedOut();
                continue;
            } catch (IOException e) {
                LOG.debug("{}: input ended: {}", connection.remoteAddress(), e.toString());
                return;
            }
            if (n < 0) {
                return;
            }
        }
    }

    /** Reads what is already there after a full small read (a paste), into a buffer that is then let go. */
    private int readMore(InputStream in, int wanted) throws IOException {
        int available = in.available();
        if (available <= 0) {
            return wanted;
        }
        byte[] more = new byte[Math.min(available, LARGE_READ)];
        int n = in.read(more);
        return n > 0 ? terminal.input().received(more, 0, n) : wanted;
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
        if (hooks.exitRequested()) {
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
        if (!FINISHING.compareAndSet(this, false, true)) {
            return;
        }
        schedule.close();
        try {
            hooks.sessionEnd();
        } catch (Throwable failure) {
            LOG.error("{}: sessionEnd() failed", connection.remoteAddress(), failure);
        } finally {
            try {
                terminal.output().drain();
                int set = hooks.exitStatus();
                terminal.ended(set >= 0 ? set : commandStatus);
            } finally {
                terminal.output().close();
                closeConnection();
                finished.countDown();
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
