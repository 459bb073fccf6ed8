package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.InputInterruptedException;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.internal.editor.EditorOutput;
import io.github.telnetsrv.internal.editor.History;
import io.github.telnetsrv.internal.editor.LineEditor;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal of one session: protocol engine, line editor and output, behind one lock.
 *
 * <p>Threads meet here: the reader thread feeds received bytes ({@link #received}); a handler task reads lines
 * ({@link #readLine}) and writes; any thread may write an asynchronous {@link #message}. State changes happen
 * under {@link #lock} and wake {@link #changed}. Output goes to a {@link SessionOutput} sharing the lock: appended
 * under it, written outside it by one thread at a time, bounded.
 *
 * <p>While the top-level prompt is shown no handler thread waits here: a line entered there goes to the
 * {@link Events} owner, which starts a task for it. Events are raised under the lock but delivered after it is
 * released, by the thread that released it: nothing outside this class (handler code, the runtime's
 * {@code Executor}) ever runs under the lock. Tab completion is asynchronous for the same reason: at the prompt
 * the owner runs it as a task; in a command's {@link #readLine} the command's own thread runs it.
 */
public final class SessionTerminal implements EditorOutput, SessionWatchdog.Watched {

    /** What the terminal tells its session, called under the lock from whichever thread caused it. */
    public interface Events {
        /**
         * A line was entered at the top-level prompt, where no task runs; {@code null} when it was abandoned
         * with Ctrl-C.
         */
        void lineEntered(String line);

        /** The session must end while at the top-level prompt: Ctrl-D, idle timeout, or the input ended. */
        void endRequested();

        /**
         * Tab at the top-level prompt: candidates are wanted; the answer goes to {@link #completed}.
         *
         * @param id the request, for {@link #completed}
         * @param line the whole line
         * @param wordStart where the word being completed starts
         * @param cursor the cursor
         */
        void completionRequested(long id, String line, int wordStart, int cursor);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionTerminal.class);
    private static final long AYT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Past the login deadline, how long the session has to say "Login timed out" before it is cut. */
    private static final long LOGIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_ESCAPE_LENGTH = 32;

    private enum Mode { IDLE, PROMPT, READING }

    private enum LineResult { NONE, ACCEPTED, INTERRUPTED, ENDED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final SessionConfig config;
    private final Transport transport;
    private final LineEditor editor;
    private final History history;
    private final SocketAddress remote;
    private final List<String> historyView;
    private final SessionOutput output;
    private final long handshakeTimeoutNanos;
    private final OwnerEvents events;
    private final Completions completions;
    /** Until the handshake is done: its absolute deadline ({@link System#nanoTime()}), else 0. */
    private volatile long handshakeDeadlineNanos;
    /** Until the login is done: its absolute deadline, else 0. */
    private volatile long loginDeadlineNanos;

    // Guarded by lock.
    /** The thread running the session's opening hooks (login, sessionStart), or null. */
    private Thread hookThread;
    private Mode mode = Mode.IDLE;
    private LineResult lineResult = LineResult.NONE;
    private String acceptedLine;
    private boolean inputEnded;
    private boolean endOfInputTyped;
    private boolean timedOut;
    private boolean atLineStart = true;
    private Thread commandThread;
    /** Ctrl-C (IP, BRK) came while a task ran but no command did: the task's next command or line is abandoned. */
    private boolean interruptPending;
    /** "^C" was shown for an interrupt while no line was read; shown again after the next line starts. */
    private boolean interruptShown;
    private long lastInputNanos = System.nanoTime();
    private long lineStartedNanos = lastInputNanos;
    private long lastAytNanos = System.nanoTime() - AYT_INTERVAL_NANOS;


    /**
     * A terminal for a session speaking Telnet over {@code connection}.
     *
     * @param connection the transport's bytes
     * @param config the session's settings
     * @param keys the key bindings
     * @param events the owner's events
     */
    public SessionTerminal(TelnetConnection connection, SessionConfig config, KeyMap keys, Events events) {
        this(connection, config, keys, events,
                from -> new TelnetTransport(config.charset(), connection.remoteAddress(), from));
    }

    /**
     * A terminal for a session speaking the protocol {@code transports} makes (Telnet, an SSH channel, an
     * in-memory terminal) over {@code connection}'s bytes.
     *
     * @param connection the transport's bytes
     * @param config the session's settings
     * @param keys the key bindings
     * @param events the owner's events
     * @param transports makes the protocol, given where its events go
     */
    public SessionTerminal(TelnetConnection connection, SessionConfig config, KeyMap keys, Events events,
            java.util.function.Function<Transport.Events, Transport> transports) {
        this.config = config;
        this.remote = connection.remoteAddress();
        this.transport = java.util.Objects.requireNonNull(transports.apply(new FromTransport()), "transport");
        this.history = new History(config.historySize());
        this.historyView = new LockedHistory(lock, history);
        this.editor = new LineEditor(this, keys, history, config.maxLineLength(), MAX_ESCAPE_LENGTH);
        this.output = new SessionOutput(lock, changed, connection, config, this::interruptCommand);
        this.handshakeTimeoutNanos = config.handshakeTimeout().toNanos();
        this.events = new OwnerEvents(lock, events);
        this.completions = new Completions(lock, changed, editor, output, this.events, remote);
        this.editor.setCompletionRequests(
                (line, wordStart, cursor) -> completions.requested(line, wordStart, cursor, mode == Mode.PROMPT));
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** The session's Tab completion: its completer, and the tasks that compute candidates at the prompt. */
    public Completions completions() {
        return completions;
    }

    /**
     * Sets the absolute deadlines of the session's set-up, enforced by the {@link SessionWatchdog}: past the
     * handshake deadline the connection is cut while {@link #handshakeDone()} has not been called, and past the
     * login deadline (plus a short grace for the "Login timed out" answer) while {@link #loggedIn()} has not been.
     *
     * @param startNanos when the connection was made
     * @param loginTimeoutNanos the login deadline, from the connection
     */
    public void setUpDeadlines(long startNanos, long loginTimeoutNanos) {
        handshakeDeadlineNanos = nonZero(startNanos + handshakeTimeoutNanos);
        loginDeadlineNanos = nonZero(startNanos + loginTimeoutNanos);
    }

    public void handshakeDone() {
        handshakeDeadlineNanos = 0;
    }

    public void loggedIn() {
        loginDeadlineNanos = 0;
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }

    /**
     * Marks the calling thread as running the session's opening hooks (issue, login, welcome, sessionStart):
     * when the input ends (disconnect, server close) it is interrupted; {@code null} when they are done.
     */
    public void hooksRunning(Thread thread) {
        lock.lock();
        try {
            hookThread = thread;
            if (thread != null && inputEnded) {
                output.interrupt(thread);
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ handler tasks

    /** Sends the opening negotiation. */
    public void start() {
        lock.lock();
        try {
            transport.start();
        } finally {
            lock.unlock();
        }
        output.flush();
    }

    /**
     * Waits, at most {@code wait}, for the client to answer the opening negotiation, then sets the editor up
     * for what was agreed: a client that refused our echo, or never negotiates (netcat), gets line mode.
     */
    public void awaitNegotiation(long waitNanos) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (transport.settling() && !inputEnded && !output.failed()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            editor.setServerEcho(transport.serverEcho());
            editor.setWidth(transport.width());
            lock.unlock();
        }
    }

    /**
     * Shows the top-level prompt, the last act of a task. The line entered there reaches
     * {@link Events#lineEntered} (possibly at once, from type-ahead, on this thread).
     *
     * <p>After the input ended, the lines typed before its end still run, one per prompt; when none is left
     * the prompt is taken back and the session ends.
     *
     * @return false if the session is to end: the caller ends it
     */
    public boolean showPrompt(String prompt) {
        Objects.requireNonNull(prompt, "prompt");
        boolean shown;
        lock.lock();
        try {
            if (output.failed() || endOfInputTyped || timedOut) {
                return false;
            }
            mode = Mode.PROMPT;
            interruptPending = false;
            startLine(prompt, true, true);
            shown = !(inputEnded && mode == Mode.PROMPT);
            if (!shown) {
                // The input ended and no line typed before it is left to run: the session ends.
                editor.cancel();
                mode = Mode.IDLE;
            }
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
        return shown;
    }

    /**
     * Ends the session at once if it waits at the top-level prompt (a {@code closeSession()} from another
     * thread); otherwise the running task ends it when it finishes. Any thread.
     */
    public void endAtPrompt() {
        lock.lock();
        try {
            if (mode == Mode.PROMPT) {
                editor.cancel();
                mode = Mode.IDLE;
                events.raiseEndRequested();
            }
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
    }

    /**
     * Ends the session as soon as possible, from any thread: at once at the top-level prompt; a command's question
     * ends ({@code readLine} returns null), the running command and the opening hooks are interrupted.
     */
    public void endNow() {
        lock.lock();
        try {
            if (mode == Mode.PROMPT) {
                editor.cancel();
                mode = Mode.IDLE;
                events.raiseEndRequested();
            } else {
                if (mode == Mode.READING && lineResult == LineResult.NONE) {
                    lineResult = LineResult.ENDED;
                    changed.signalAll();
                }
                if (commandThread != null) {
                    output.interrupt(commandThread);
                }
                if (hookThread != null) {
                    output.interrupt(hookThread);
                }
            }
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
    }

    /** When the client last sent anything ({@link System#nanoTime()}). Any thread. */
    public long lastInputNanos() {
        lock.lock();
        try {
            return lastInputNanos;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads one line on a handler task.
     *
     * @param deadlineNanos an absolute {@link System#nanoTime()} deadline, or 0 for none
     * @return the line, or {@code null} when the session is ending (the input ended, the output failed, the
     *     deadline or the idle timeout passed: then the thread's interrupt status is left set) or the user
     *     pressed Ctrl-D on an empty line
     * @throws InputInterruptedException if the user pressed Ctrl-C (or sent IP/BRK), or the thread was
     *     interrupted while the session goes on
     * @throws IllegalStateException if another line is being read
     */
    public String readLine(String prompt, boolean echo, boolean useHistory, long deadlineNanos) {
        Objects.requireNonNull(prompt, "prompt");
        lock.lock();
        try {
            if (closedLocked() || timedOut) {
                return null;
            }
            if (mode != Mode.IDLE) {
                throw new IllegalStateException("readLine while " + (mode == Mode.PROMPT ? "the prompt is shown"
                        : "another line is being read") + " (expected: one line at a time, from a command)");
            }
            boolean interrupted = Thread.interrupted() | interruptPending;
            interruptPending = false;
            if (interrupted) {
                throw new InputInterruptedException();
            }
            mode = Mode.READING;
            lineResult = LineResult.NONE;
            startLine(prompt, echo, useHistory);
        } finally {
            lock.unlock();
        }
        output.flush();
        LineResult result;
        String line;
        lock.lock();
        try {
            try {
                while (lineResult == LineResult.NONE) {
                    if (closedLocked() || timedOut) {
                        lineResult = LineResult.ENDED;
                        break;
                    }
                    if (completions.readerRequestPending()) {
                        completions.completeForReader();
                        continue;
                    }
                    if (deadlineNanos != 0) {
                        long remaining = deadlineNanos - System.nanoTime();
                        if (remaining <= 0) {
                            timedOut = true;
                            lineResult = LineResult.ENDED;
                            break;
                        }
                        changed.awaitNanos(remaining);
                    } else {
                        changed.await();
                    }
                }
            } catch (InterruptedException e) {
                if (lineResult == LineResult.NONE) {
                    if (closedLocked() || timedOut) {
                        // The session interrupted the command to end it: end of input, and the thread stays
                        // interrupted so that the command's other blocking calls end too.
                        lineResult = LineResult.ENDED;
                        Thread.currentThread().interrupt();
                    } else {
                        lineResult = LineResult.INTERRUPTED;
                    }
                }
            }
            // Ended or interrupted from outside: leave the row clean for what follows.
            editor.cancel();
            result = lineResult;
            line = acceptedLine;
            mode = Mode.IDLE;
            lineResult = LineResult.NONE;
            acceptedLine = null;
        } finally {
            lock.unlock();
        }
        output.flush();
        return switch (result) {
            case ACCEPTED -> line;
            case INTERRUPTED -> throw new InputInterruptedException();
            default -> null;
        };
    }

    /** Writes text; {@code "\n"} becomes CR LF. */
    public void print(String text) {
        lock.lock();
        try {
            write(text);
        } finally {
            lock.unlock();
        }
        output.flush();
    }

    /**
     * Writes an asynchronous message on a line of its own: above the line being edited, which is then redrawn,
     * or, while no line is read, after the output so far (on a fresh line if that output ended mid-line). Any
     * thread.
     */
    public void message(String text) {
        lock.lock();
        try {
            printOnOwnLine(text);
        } finally {
            lock.unlock();
        }
        output.flush();
    }

    /**
     * Marks the calling thread as running a command: Ctrl-C, IP and BRK now interrupt it.
     *
     * @return false if the command must not run: the session is ending, or the user pressed Ctrl-C after
     *     entering it, before it started
     */
    public boolean commandStarted(Thread thread) {
        lock.lock();
        try {
            if (output.failed() || endOfInputTyped || timedOut || interruptPending) {
                interruptPending = false;
                return false;
            }
            commandThread = thread;
            if (inputEnded) {
                // Typed before the input ended (a script piped in, then a half-close): it runs, but anything it
                // would wait for is interrupted at once.
                thread.interrupt();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void commandEnded() {
        lock.lock();
        try {
            commandThread = null;
        } finally {
            lock.unlock();
        }
    }

    /** Waits, without reading a line, until the time passes or the input ends. */
    public void pause(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + nanos;
            long remaining = nanos;
            while (remaining > 0 && !closedLocked()) {
                changed.awaitNanos(remaining);
                remaining = deadline - System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the session can go on: input open, output working, not ended by Ctrl-D. */
    public boolean closed() {
        lock.lock();
        try {
            return closedLocked();
        } finally {
            lock.unlock();
        }
    }

    public boolean timedOut() {
        lock.lock();
        try {
            return timedOut;
        } finally {
            lock.unlock();
        }
    }

    public String terminalType() {
        lock.lock();
        try {
            return transport.terminalType();
        } finally {
            lock.unlock();
        }
    }

    public int width() {
        lock.lock();
        try {
            return transport.width();
        } finally {
            lock.unlock();
        }
    }

    public int height() {
        lock.lock();
        try {
            return transport.height();
        } finally {
            lock.unlock();
        }
    }

    public Map<String, String> environment() {
        lock.lock();
        try {
            return transport.environment();
        } finally {
            lock.unlock();
        }
    }

    /** The history for the handler: a live view whose every operation takes the lock, so any thread may use it. */
    public List<String> history() {
        return historyView;
    }

    /** The session's output: flushed by the terminal's own methods, drained and watched by the session. */
    public SessionOutput output() {
        return output;
    }

    // ------------------------------------------------------------------ reader thread

    /**
     * Feeds bytes the client sent.
     *
     * @return the timeout for the next read, as {@link #readTimeoutMillis()} gives it
     */
    public int received(byte[] buf, int off, int len) {
        int timeout;
        lock.lock();
        try {
            lastInputNanos = System.nanoTime();
            transport.receive(buf, off, len);
            changed.signalAll();
            timeout = readTimeoutLocked();
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
        return timeout;
    }

    /**
     * How long the reader's next read may block, in milliseconds (0 = forever): the escape timeout while a
     * lone ESC waits, else forever. Reads are untimed otherwise (a timed read costs a timer per read); the idle
     * timeout is checked by the {@link SessionWatchdog}.
     */
    public int readTimeoutMillis() {
        lock.lock();
        try {
            return readTimeoutLocked();
        } finally {
            lock.unlock();
        }
    }

    private int readTimeoutLocked() {
        return editor.escapePending() ? (int) Math.max(1, config.escapeTimeout().toMillis()) : 0;
    }

    /**
     * A read timed out: resolves a lone ESC once the escape timeout has passed since the last byte.
     *
     * @return the timeout for the next read, as {@link #readTimeoutMillis()} gives it
     */
    public int readTimedOut() {
        int timeout;
        lock.lock();
        try {
            if (editor.escapePending() && System.nanoTime() - lastInputNanos >= config.escapeTimeout().toNanos()) {
                editor.timeout();
            }
            changed.signalAll();
            timeout = readTimeoutLocked();
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
        return timeout;
    }

    // ------------------------------------------------------------------ SessionWatchdog.Watched

    @Override
    public long periodNanos() {
        long idle = config.idleTimeout().toNanos();
        long shortest = idle > 0 ? Math.min(idle, output.writeTimeoutNanos()) : output.writeTimeoutNanos();
        if (handshakeDeadlineNanos != 0) {
            shortest = Math.min(shortest, handshakeTimeoutNanos);
        }
        return Math.min(shortest, Completions.TIMEOUT_NANOS) / 4;
    }

    /**
     * Drops a client whose write has been blocked for the write timeout, and ends a session whose prompt (or
     * question) waited for input for the idle timeout, counted from the last byte received or the start of the
     * line, whichever is later. Never blocks and never writes: "Idle timeout" is left for the session's own
     * threads to send (the final task at the prompt; the command after its {@code readLine}). When the lock is
     * busy, the check waits for the next look.
     */
    @Override
    public void check(long nowNanos) {
        output.dropIfWriteBlocked(nowNanos);
        long handshake = handshakeDeadlineNanos;
        if (handshake != 0 && nowNanos - handshake >= 0) {
            handshakeDeadlineNanos = 0;
            output.drop("handshake not done within " + config.handshakeTimeout());
        }
        long login = loginDeadlineNanos;
        if (login != 0 && nowNanos - login >= LOGIN_GRACE_NANOS) {
            loginDeadlineNanos = 0;
            output.drop("not logged in within " + config.loginTimeout());
        }
        if (!lock.tryLock()) {
            return;
        }
        boolean flush;
        try {
            flush = completions.giveUpIfLate(nowNanos);
            long idle = config.idleTimeout().toNanos();
            if (idle > 0 && mode != Mode.IDLE && !timedOut && nowNanos - idleSinceNanos() >= idle) {
                LOG.info("{}: idle for {}, closing", remote, config.idleTimeout());
                timedOut = true;
                boolean atPrompt = mode == Mode.PROMPT;
                editor.cancel();
                write("Idle timeout\r\n");
                if (atPrompt) {
                    mode = Mode.IDLE;
                    events.raiseEndRequested();
                }
                changed.signalAll();
            }
            flush |= events.pending();
        } finally {
            lock.unlock();
        }
        if (flush) {
            // The watchdog never writes nor runs the owner's code: a thread of its own does.
            Thread.ofVirtual().name("telnetsrv-session-events").start(() -> {
                output.flush();
                events.deliver();
            });
        }
    }

    /** The input ended (end of stream, reset, or the connection was closed). */
    public void inputClosed() {
        lock.lock();
        try {
            transport.endOfInput();
            inputEnded = true;
            if (commandThread != null) {
                output.interrupt(commandThread);
            }
            if (hookThread != null) {
                output.interrupt(hookThread);
            }
            completions.interruptPromptTask();
            changed.signalAll();
            if (mode == Mode.PROMPT) {
                editor.cancel();
                mode = Mode.IDLE;
                events.raiseEndRequested();
            }
        } finally {
            lock.unlock();
        }
        events.deliver();
    }

    // ------------------------------------------------------------------ from the transport (under lock)

    /** What the transport reports, under the lock (from {@link #received} and {@link #start}). */
    private final class FromTransport implements Transport.Events {
        @Override
        public void typed(CharSequence chars) {
            editor.receive(chars);
        }

        @Override
        public void interrupt() {
            editor.interrupt();
        }

        @Override
        public void areYouThere() {
            SessionTerminal.this.areYouThere();
        }

        @Override
        public void abortOutput() {
            output.discardPending(); // drop what the client has not been sent yet
        }

        @Override
        public void eraseCharacter() {
            editor.eraseCharacter();
        }

        @Override
        public void eraseLine() {
            editor.eraseLine();
        }

        @Override
        public void echoChanged(boolean serverEcho) {
            editor.setServerEcho(serverEcho);
        }

        @Override
        public void resized(int width, int height) {
            editor.setWidth(width);
        }

        @Override
        public void reply(byte[] buf, int off, int len) {
            output.writeReply(buf, off, len);
        }
    }

    // ------------------------------------------------------------------ EditorOutput (under lock)

    @Override
    public void write(String text) {
        if (text.isEmpty()) {
            return;
        }
        atLineStart = text.charAt(text.length() - 1) == '\n';
        transport.encode(text, output.buffer());
    }

    @Override
    public void bell() {
        output.buffer().write(0x07);
    }

    @Override
    public void lineAccepted(String line) {
        if (mode == Mode.PROMPT) {
            mode = Mode.IDLE;
            events.raiseLineEntered(line);
        } else {
            acceptedLine = line;
            lineResult = LineResult.ACCEPTED;
            changed.signalAll();
        }
    }

    @Override
    public void interrupted() {
        if (mode == Mode.PROMPT) {
            // Ctrl-C at the top-level prompt abandons the line: a fresh prompt follows.
            mode = Mode.IDLE;
            events.raiseLineEntered(null);
        } else {
            lineResult = LineResult.INTERRUPTED;
            changed.signalAll();
        }
    }

    @Override
    public void endOfInput() {
        if (mode == Mode.PROMPT) {
            // Ctrl-D at the top-level prompt ends the session; in a command's readLine it ends only that input.
            endOfInputTyped = true;
            mode = Mode.IDLE;
            events.raiseEndRequested();
        } else {
            lineResult = LineResult.ENDED;
            changed.signalAll();
        }
    }

    @Override
    public void interruptedWhileIdle() {
        // No line is read, so a task runs (or is about to): interrupt its command, or the next thing it does.
        // "^C" is shown once per task, not once per byte (a flood of 0x03 gets one line).
        if (!interruptShown) {
            interruptShown = true;
            write("^C\r\n");
        }
        if (commandThread != null) {
            output.interrupt(commandThread);
        } else {
            interruptPending = true;
        }
    }

    // ------------------------------------------------------------------ internals

    private boolean closedLocked() {
        return inputEnded || output.failed() || endOfInputTyped;
    }

    private void startLine(String prompt, boolean echo, boolean useHistory) {
        lineStartedNanos = System.nanoTime();
        interruptShown = false;
        editor.readLine(prompt, echo, useHistory);
        transport.afterPrompt(output.buffer());
    }

    /** Under the lock: a line of its own above the line being edited, or after the output so far. */
    private void printOnOwnLine(String text) {
        if (editor.reading()) {
            editor.printAbove(text);
        } else {
            write((atLineStart ? "" : "\n") + (text.endsWith("\n") ? text : text + "\n"));
        }
    }

    /** Since when the line being read has waited for input: its start or the last byte, whichever is later. */
    private long idleSinceNanos() {
        return lastInputNanos - lineStartedNanos > 0 ? lastInputNanos : lineStartedNanos;
    }

    private void areYouThere() {
        long now = System.nanoTime();
        if (now - lastAytNanos < AYT_INTERVAL_NANOS) {
            return;
        }
        lastAytNanos = now;
        printOnOwnLine("[Yes]");
    }

    /** Under the lock, when the output fails: the command producing it is interrupted. */
    private void interruptCommand() {
        if (commandThread != null) {
            output.interrupt(commandThread);
        }
    }
}
