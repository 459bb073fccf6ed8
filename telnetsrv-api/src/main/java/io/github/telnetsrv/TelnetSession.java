package io.github.telnetsrv;

import io.github.telnetsrv.internal.command.CommandInfo;
import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult;
import io.github.telnetsrv.internal.command.CommandLineParser;
import io.github.telnetsrv.internal.command.CommandRegistry;
import io.github.telnetsrv.internal.session.SessionSchedule;
import io.github.telnetsrv.internal.session.SessionTerminal;
import io.github.telnetsrv.internal.session.SessionWatchdog;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
    private static final long MAX_LOGIN_DELAY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final String TOO_MANY_FAILURES = "Too many failed logins; try again later.\n";

    private final TelnetHandler handler;
    private final TelnetConnection connection;
    private final SessionConfig config;
    private final Executor tasks;
    private final CommandRegistry registry;
    private final SessionTerminal terminal;
    private final SessionSchedule schedule;
    /** The wall-clock time of {@link #createdNanos}. */
    private final Instant startTime = Instant.now();
    /** The name of the command running now, or null. */
    private volatile String runningCommand;
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
        this.registry = CommandRegistry.of(handler.getClass());
        this.terminal = new SessionTerminal(connection, config, handler.keyMap(), new Events());
        this.terminal.setCompleter(this::complete);
        this.terminal.setUpDeadlines(createdNanos, config.loginTimeout().toNanos());
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
        SessionWatchdog.SHARED.watch(terminal);
        try {
            boolean begun = false;
            try {
                connection.handshake();
                handshaken = true;
                terminal.handshakeDone();
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
                terminal.inputClosed();
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
            SessionWatchdog.SHARED.unwatch(terminal);
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
        long since = terminal.lastInputNanos() - createdNanos;
        return since <= 0 ? startTime : startTime.plus(Duration.ofNanos(since));
    }

    /**
     * The command running now, by the name it was typed with (upper case). Any thread.
     *
     * @return the name, or empty while no command runs (at the prompt, during login)
     */
    public Optional<String> runningCommand() {
        return Optional.ofNullable(runningCommand);
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
        terminal.endNow();
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
        int wanted = terminal.readTimeoutMillis();
        while (true) {
            if (wanted != timeout && connection.setReadTimeout(wanted)) {
                timeout = wanted;
            }
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                wanted = terminal.readTimedOut();
                continue;
            } catch (IOException e) {
                LOG.debug("{}: input ended: {}", remoteAddress(), e.toString());
                return;
            }
            if (n < 0) {
                return;
            }
            if (n > 0) {
                wanted = terminal.received(buf, 0, n);
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
        terminal.hooksRunning(Thread.currentThread());
        try {
            terminal.awaitNegotiation(config.negotiationWait().toNanos());
            printBlock(handler.issue());
            if (!login()) {
                terminal.hooksRunning(null);
                Thread.interrupted();
                finish();
                return;
            }
            terminal.loggedIn();
            printBlock(handler.welcome());
            handler.sessionStart();
        } catch (Throwable failure) {
            if (terminal.closed()) {
                LOG.debug("{}: session start ended with the session: {}", remoteAddress(), failure.toString());
            } else {
                LOG.error("{}: session start failed", remoteAddress(), failure);
            }
            terminal.hooksRunning(null);
            Thread.interrupted();
            finish();
            return;
        }
        terminal.hooksRunning(null);
        Thread.interrupted();
        next();
    }

    /** A task for a line entered at the top-level prompt ({@code null}: the line was abandoned with Ctrl-C). */
    private void command(String line) {
        try {
            if (line != null) {
                runCommandLine(line);
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
        String prompt = promptFrom(handler::prompt, "prompt()", "> ");
        if (!terminal.showPrompt(prompt)) {
            finish();
        }
    }

    /** A prompt from the handler: {@code null} means none; a failure is logged and {@code fallback} used. */
    private String promptFrom(Supplier<String> method, String name, String fallback) {
        try {
            String prompt = method.get();
            return prompt == null ? "" : prompt;
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed", remoteAddress(), name, e);
            return fallback;
        }
    }

    private void runCommandLine(String firstLine) {
        int max = config.maxCommandLength();
        if (firstLine.length() > max) {
            commandTooLong();
            return;
        }
        StringBuilder raw = new StringBuilder(firstLine);
        CommandLineParser.Lines lines = CommandLineParser.lines();
        ParseResult parsed = lines.add(firstLine);
        while (parsed instanceof ParseResult.Incomplete) {
            String more;
            try {
                more = terminal.readLine(promptFrom(handler::continuationPrompt, "continuationPrompt()", "... "),
                        true, false, 0L);
            } catch (InputInterruptedException e) {
                return; // Ctrl-C abandons the whole command
            }
            if (more == null) {
                return;
            }
            if (lines.length() + 1 + more.length() > max) {
                commandTooLong();
                return;
            }
            raw.append('\n').append(more);
            parsed = lines.add(more);
        }
        List<String> words = ((ParseResult.Complete) parsed).words();
        if (words.isEmpty()) {
            return;
        }
        String name = words.get(0);
        List<String> params = new ArrayList<>(words.subList(1, words.size()));
        Optional<CommandInfo> command = registry.find(name);
        handler.setRawInput(raw.toString());
        if (command.isEmpty()) {
            try {
                handler.unknownCommand(name);
            } catch (RuntimeException e) {
                LOG.error("{}: unknownCommand() failed", remoteAddress(), e);
            }
            return;
        }
        if (!terminal.commandStarted(Thread.currentThread())) {
            return;
        }
        LOG.debug("{}: command {}", remoteAddress(), command.get().name());
        runningCommand = name.toUpperCase(Locale.ROOT);
        try {
            command.get().invoke(handler, params);
        } catch (InputInterruptedException | InterruptedException e) {
            LOG.debug("{}: command {} interrupted", remoteAddress(), name);
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            // Other errors (out of memory, internal JVM errors) end the session.
            Thread.interrupted();
            try {
                handler.commandFailed(name, e);
            } catch (RuntimeException hookFailure) {
                hookFailure.addSuppressed(e);
                LOG.error("{}: commandFailed() failed for {}", remoteAddress(), name, hookFailure);
            }
        } finally {
            runningCommand = null;
            terminal.commandEnded();
            Thread.interrupted();
        }
    }

    /** One error line for a command line over {@link SessionConfig#maxCommandLength()}; the session goes on. */
    private void commandTooLong() {
        LOG.info("{}: command line over {} characters, dropped", remoteAddress(), config.maxCommandLength());
        handler.writeError("Command too long (over " + config.maxCommandLength() + " characters); ignored");
    }

    private boolean login() throws InterruptedException {
        Authenticator authenticator = handler.authenticator();
        if (authenticator == null) {
            return true;
        }
        LoginThrottle throttle = config.loginThrottle();
        InetAddress address = remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (throttle.isBlocked(address)) {
            LOG.warn("{}: login refused: too many failed logins from this address", remoteAddress());
            terminal.print(TOO_MANY_FAILURES);
            return false;
        }
        boolean askUsername = handler.askUsername();
        boolean askPassword = handler.askPassword();
        long deadline = createdNanos + config.loginTimeout().toNanos();
        long baseDelay = config.loginFailureDelay().toNanos();
        int failures = 0;
        while (true) {
            String username = null;
            String password = null;
            try {
                if (askUsername) {
                    username = terminal.readLine("Username: ", true, false, deadline);
                    if (username == null) {
                        return loginEnded();
                    }
                }
                if (askPassword) {
                    password = terminal.readLine("Password: ", false, false, deadline);
                    if (password == null) {
                        return loginEnded();
                    }
                }
            } catch (InputInterruptedException e) {
                continue; // Ctrl-C starts the attempt again; the deadline still runs
            }
            boolean accepted;
            try {
                accepted = authenticator.authenticate(username, password);
            } catch (Exception e) {
                LOG.warn("{}: authenticator failed", remoteAddress(), e);
                accepted = false;
            }
            if (accepted) {
                handler.setUsername(username);
                LOG.info("{}: logged in{}", remoteAddress(), username == null ? "" : " as " + username);
                return true;
            }
            failures++;
            int fromAddress = throttle.recordFailure(address);
            LOG.info("{}: login failed ({} of {}; {} from this address)", remoteAddress(), failures,
                    config.maxLoginAttempts(), fromAddress);
            terminal.pause(Math.min(loginDelay(baseDelay, Math.max(failures, fromAddress)),
                    Math.max(0, deadline - System.nanoTime())));
            terminal.print("Login incorrect\n");
            if (throttle.isBlocked(address)) {
                LOG.warn("{}: too many failed logins from this address: refused for a while", remoteAddress());
                terminal.print(TOO_MANY_FAILURES);
                return false;
            }
            if (failures >= config.maxLoginAttempts()) {
                terminal.print("Too many failed login attempts\n");
                return false;
            }
            if (terminal.closed()) {
                return false;
            }
        }
    }

    /** The delay after the n-th failure in a row: the base, doubled for each failure before, at most a minute. */
    private static long loginDelay(long baseNanos, int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 20);
        return Math.min(baseNanos << doublings, MAX_LOGIN_DELAY_NANOS);
    }

    private boolean loginEnded() {
        if (terminal.timedOut() && !terminal.closed()) {
            terminal.print("Login timed out\n");
            LOG.info("{}: login timed out after {}", remoteAddress(), config.loginTimeout());
        }
        return false;
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

    private void printBlock(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        terminal.print(text.endsWith("\n") ? text : text + "\n");
    }

    /** Tab completion: command names for the first word, the handler's hook for the others. */
    private List<String> complete(String line, int wordStart, int cursor) {
        String word = line.substring(wordStart, cursor);
        if (line.substring(0, wordStart).isBlank()) {
            String prefix = word.toLowerCase(Locale.ROOT);
            List<String> names = new ArrayList<>();
            for (String name : registry.visibleNames()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith(prefix)) {
                    names.add(lower);
                }
            }
            return names;
        }
        String command = line.strip().split("\\s+", 2)[0];
        try {
            List<String> candidates = handler.completeArgument(command, word);
            return candidates == null ? List.of() : candidates;
        } catch (RuntimeException e) {
            LOG.warn("{}: completeArgument() failed", remoteAddress(), e);
            return List.of();
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
                if (!terminal.completionStarted(id, Thread.currentThread())) {
                    return;
                }
                List<String> candidates = List.of();
                try {
                    candidates = complete(line, wordStart, cursor);
                } finally {
                    Thread.interrupted(); // a timed-out completer was interrupted: not the next task's business
                    terminal.completed(id, candidates);
                }
            });
        }
    }
}
