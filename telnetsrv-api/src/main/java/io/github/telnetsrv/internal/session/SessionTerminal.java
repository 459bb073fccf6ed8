package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.transport.Transport;
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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The terminal of one session: protocol engine ({@link Transport}), line editor and output, behind one lock, and
 * the parts that share the lock and its condition, one idea each:
 * <ul>
 *   <li>{@link TerminalInput}: the reader thread's bytes in, the read timeouts for a lone ESC, the input's end;
 *   <li>{@link LineHandOver}: the top-level prompt and a command's questions, and who takes the line entered;
 *   <li>{@link TaskControl}: whether the handler tasks may go on, and the interrupts that stop their threads;
 *   <li>{@link Completions}: Tab completion, asynchronous;
 *   <li>{@link SessionLimits}: the time limits, as the {@link Deadlines} enforce them;
 *   <li>{@link OwnerEvents}: the events for the owner, raised under the lock and delivered after it.
 * </ul>
 * The terminal makes and wires them, and glues the transport to the editor: what the transport reports
 * ({@link FromTransport}) and what the editor asks ({@link EditorOutput}) come under the lock, on the thread that
 * fed them. It also writes for the handler ({@link #print}, {@link #message}) and tells what the client said
 * (terminal type, window size, environment).
 *
 * <p>Threads meet here: the reader thread feeds received bytes; a handler task reads lines and writes; any thread
 * may write an asynchronous {@link #message}. State changes happen under {@link #lock} and wake {@link #changed}.
 * Output goes to a {@link SessionOutput} sharing the lock: appended under it, written outside it by one thread at a
 * time, bounded; a thread that is not the session's own (an SSH I/O thread reporting a window change, the caller
 * of a broadcast) only appends and hands the write over, it never writes nor waits. Nothing outside the terminal
 * (handler code, the runtime's {@code Executor}) ever runs under the lock: events for the owner are delivered after
 * it is released, by the thread that released it, and Tab completion is asynchronous for the same reason.
 */
public final class SessionTerminal implements EditorOutput {

    /**
     * What the terminal tells its session: raised under the lock by whichever thread caused it, delivered once
     * that thread has released the lock, never under it.
     */
    public interface Events {
        /**
         * A line was entered at the top-level prompt, where no task runs; {@code null} when it was abandoned
         * with Ctrl-C.
         */
        void lineEntered(String line);

        /** The session must end while at the top-level prompt: Ctrl-D, idle timeout, or the input ended. */
        void endRequested();

        /**
         * Tab at the top-level prompt: candidates are wanted; the answer goes to {@link Completions#completed}.
         *
         * @param id the request, for {@link Completions#completed}
         * @param line the whole line
         * @param wordStart where the word being completed starts
         * @param cursor the cursor
         */
        void completionRequested(long id, String line, int wordStart, int cursor);
    }

    private static final long AYT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_ESCAPE_LENGTH = 32;

    /**
     * Fair: a client that floods its input keeps the reader taking the lock back at once, and an unfair lock could
     * then starve the command that writes the output (no write would ever block, so a client that never reads would
     * never be dropped).
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final SessionConfig config;
    private final Transport transport;
    private final TransportEvents fromTransport;
    private final LineEditor editor;
    private final History history;
    private final SocketAddress remote;
    private final List<String> historyView;
    private final SessionOutput output;
    private final OwnerEvents events;
    private final Completions completions;
    private final TaskControl tasks;
    private final LineHandOver lines;
    private final TerminalInput input;
    private final SessionLimits limits;

    // Guarded by lock.
    private boolean atLineStart = true;
    /** The running command's progress line. */
    private final StatusLine status;
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
                from -> new TelnetTransport(config.charset(), connection.remoteAddress(), from),
                SessionOutput.VIRTUAL_WRITES);
    }

    /**
     * A terminal for a session speaking the protocol {@code transports} makes over {@code connection}'s bytes,
     * whose output, when a thread that is not the session's own produces it, is written by a task of
     * {@code writes} (see {@link SessionOutput}).
     *
     * @param connection the transport's bytes
     * @param config the session's settings
     * @param keys the key bindings
     * @param events the owner's events
     * @param transports makes the protocol, given where its events go
     * @param writes runs the writes handed over by other threads, one at a time
     */
    public SessionTerminal(TelnetConnection connection, SessionConfig config, KeyMap keys, Events events,
            Transport.Factory transports, Executor writes) {
        this.config = config;
        this.remote = connection.remoteAddress();
        this.fromTransport = new TransportEvents(lock, changed);
        this.transport = Objects.requireNonNull(transports.open(fromTransport), "transport");
        this.history = new History(config.historySize());
        this.historyView = new LockedHistory(lock, history);
        this.editor = new LineEditor(this, keys, history, config.maxLineLength(), MAX_ESCAPE_LENGTH);
        this.output = new SessionOutput(lock, changed, connection, transport.errorOutput(), config,
                Objects.requireNonNull(writes, "writes"), this::outputLost);
        this.events = new OwnerEvents(lock, events);
        this.completions = new Completions(lock, changed, editor, output, this.events, remote);
        this.tasks = new TaskControl(lock, changed, output, this::write);
        this.status = new StatusLine(new StatusLine.Output() {
            @Override
            public void write(String text) {
                SessionTerminal.this.write(text);
            }

            @Override
            public void atLineStart() {
                atLineStart = true;
            }

            @Override
            public boolean endsLine() {
                return atLineStart;
            }

            @Override
            public boolean terminal() {
                return transport.isTerminal();
            }
        });
        this.lines = new LineHandOver(lock, changed, editor, output, this.events, tasks, completions, this::write,
                () -> transport.afterPrompt(output.buffer()), status::clear);
        this.fromTransport.bind(transport, editor, output, this.events, lines, this::areYouThere);
        this.input = new TerminalInput(lock, changed, config, transport, editor, output, this.events, lines);
        this.limits = new SessionLimits(lock, config, remote, output, this.events, lines, completions,
                input::lastInputNanosLocked);
        this.completions.onAwait(limits::completionAwaited); // due within the 2 s give-up
        this.output.onWriteStart(limits::writeStarted); // due within the write timeout
        this.editor.setCompletionRequests(
                (line, wordStart, cursor) -> completions.requested(line, wordStart, cursor, lines.atPrompt()));
    }

    /** The client will send nothing more but still reads: as {@link Transport.Events#inputEnded()}. */
    public void inputEnded() {
        fromTransport.inputEnded();
    }

    /**
     * Tells the transport how many pushed bytes the session has taken (see {@link Transport#inputTaken(int)}).
     *
     * @param bytes the bytes taken
     */
    public void inputTaken(int bytes) {
        transport.inputTaken(bytes);
    }

    /** The client's address, or {@code null}. */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** Whether the session's handler tasks may go on, and the interrupts that stop their threads. */
    public TaskControl tasks() {
        return tasks;
    }

    /** The hand-over of lines between the session's threads: the prompt, a command's questions, their ends. */
    public LineHandOver lines() {
        return lines;
    }

    /** The session's Tab completion: its completer, and the tasks that compute candidates at the prompt. */
    public Completions completions() {
        return completions;
    }

    /** The terminal's input, fed by the session's reader thread. */
    public TerminalInput input() {
        return input;
    }

    /** The session's time limits: its set-up deadlines, and what the {@link Deadlines} watch. */
    public SessionLimits limits() {
        return limits;
    }

    // ------------------------------------------------------------------ opening, output, the client's facts

    /** Sends the opening negotiation, once the connection's handshake is done (the reader thread). */
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
     * Waits, at most {@code waitNanos}, for the client to answer the opening negotiation, then sets the editor up
     * for what was agreed: a client that refused our echo, or never negotiates (netcat), gets line mode. On the
     * session's first task.
     */
    public void awaitNegotiation(long waitNanos) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (transport.settling() && !tasks.inputEnded() && !output.failed()) {
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

    /** Writes text; {@code "\n"} becomes CR LF. */
    public void print(String text) {
        lock.lock();
        try {
            status.hide();
            write(text);
            status.restore();
        } finally {
            lock.unlock();
        }
        output.flush();
    }

    /**
     * Writes error text; {@code "\n"} becomes CR LF. Where the transport keeps errors apart (an SSH channel without
     * a terminal: the channel's stderr) it goes there, else inline with the rest of the output, in order.
     */
    public void printError(String text) {
        lock.lock();
        try {
            status.hide();
            output.errorText(true);
            write(text);
            output.errorText(false);
            status.restore();
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
            status.hide();
            printOnOwnLine(text);
            status.restore();
        } finally {
            lock.unlock();
        }
        output.flush();
    }

    /**
     * The terminal type the client reported, or {@code null}; one that is not printable ASCII of at most 40
     * characters is treated as none (see {@link ClientFacts#terminalType}). Any thread.
     */
    public String terminalType() {
        return ClientFacts.terminalType(locked(() -> transport.terminalType()));
    }

    /** The window width the client reported, 0 if unknown. Any thread. */
    public int width() {
        lock.lock();
        try {
            return transport.width();
        } finally {
            lock.unlock();
        }
    }

    /** The window height the client reported, 0 if unknown. Any thread. */
    public int height() {
        lock.lock();
        try {
            return transport.height();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The environment the client sent (hints only), an unmodifiable snapshot; control characters in names and
     * values are replaced (see {@link ClientFacts#environment}). Any thread.
     */
    public Map<String, String> environment() {
        return ClientFacts.environment(locked(() -> transport.environment()));
    }

    /**
     * The user the transport authenticated (SSH), or {@code null} when the session logs in itself. Any thread.
     *
     * @return the user, or {@code null}
     */
    public String authenticatedUser() {
        return locked(() -> transport.authenticatedUser());
    }

    /**
     * The command line to run instead of the interactive shell (an SSH exec request), or {@code null}. Any thread.
     *
     * @return the command line, or {@code null}
     */
    public String execCommand() {
        return locked(() -> transport.execCommand());
    }

    /**
     * Whether the client shows the output on a terminal (false for an SSH channel without a PTY). Any thread.
     *
     * @return true for a terminal
     */
    public boolean isTerminal() {
        return locked(() -> transport.isTerminal());
    }

    /**
     * Tells the transport the session's exit status, after its last output and before the connection closes.
     *
     * @param status 0..255
     */
    public void ended(int status) {
        lock.lock();
        try {
            transport.ended(status);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shows or replaces the running command's progress line (see {@link StatusLine}); nothing on a client that is
     * not a terminal. Any thread.
     *
     * @param text the progress, one line
     */
    public void progress(String text) {
        lock.lock();
        try {
            if (!editor.reading()) {
                status.show(text);
            }
        } finally {
            lock.unlock();
        }
        output.flush();
    }

    /**
     * Ends the progress line: erased, or ({@code last} not null) replaced by a last line that stays. Any thread.
     *
     * @param last the line that stays, or {@code null}
     */
    public void endProgress(String last) {
        lock.lock();
        try {
            boolean was = status.active();
            status.clear();
            if (was && last != null) {
                printOnOwnLine(last);
            }
        } finally {
            lock.unlock();
        }
        output.flush();
    }

    /** The history for the handler: a live view whose every operation takes the lock, so any thread may use it. */
    public List<String> history() {
        return historyView;
    }

    /** The session's output: flushed by the terminal's own methods, drained and watched by the session. */
    public SessionOutput output() {
        return output;
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
        lines.lineAccepted(line);
    }

    @Override
    public void interrupted() {
        lines.interrupted();
    }

    @Override
    public void endOfInput() {
        lines.endOfInput();
    }

    @Override
    public void inputTaken() {
        input.inputTaken();
    }

    @Override
    public void interruptedWhileIdle() {
        tasks.interruptedWhileIdle();
    }

    // ------------------------------------------------------------------ internals

    /** Under the lock: a line of its own above the line being edited, or after the output so far. */
    private void printOnOwnLine(String text) {
        if (editor.reading()) {
            editor.printAbove(text);
        } else {
            write((atLineStart ? "" : "\n") + (text.endsWith("\n") ? text : text + "\n"));
        }
    }

    private void areYouThere() {
        long now = System.nanoTime();
        if (now - lastAytNanos < AYT_INTERVAL_NANOS) {
            return;
        }
        lastAytNanos = now;
        printOnOwnLine("[Yes]");
    }

    /** A fact of the transport, read under the lock. */
    private <T> T locked(Supplier<T> fact) {
        lock.lock();
        try {
            return fact.get();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, when the output fails: the command producing it is interrupted. */
    private void outputLost() {
        tasks.interruptCommand();
    }
}
