package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.internal.editor.Completer;
import io.github.telnetsrv.internal.editor.LineEditor;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tab completion of one session, asynchronous: the candidates come from handler code (a {@link Completer}),
 * which never runs under the session's lock. The editor holds the keys typed after Tab until the candidates come.
 *
 * <p>Tab at the top-level prompt, where no handler thread waits, becomes an event for the owner
 * ({@link SessionTerminal.Events#completionRequested}), which runs the completer as a task of its own: the task
 * says it started ({@link #started}) and brings the candidates ({@link #completed}). Tab in a command's
 * {@code readLine} wakes the command's thread, which waits there anyway and computes them itself
 * ({@link #completeForReader()}). A completer that takes longer than {@link #TIMEOUT_NANOS} is given up
 * ({@link #giveUpIfLate}, from the deadline check): the bell, the keys held run, and the prompt's task is interrupted.
 *
 * <p>At most one completer runs per session: while one is still running, even one given up that ignores its
 * interrupt, a Tab gets no candidates at once (the bell) and starts nothing, so that stuck completers cannot pile
 * up threads (at the prompt) or requests (in a command's {@code readLine}). The next Tab after it returns works.
 *
 * <p>Shares the lock and condition of its {@link SessionTerminal}. The methods for the editor, the reader and the
 * deadline check are called under the lock (each says so); {@link #setCompleter}, {@link #started} and
 * {@link #completed} take it themselves, from any thread.
 */
public final class Completions {

    /** How long Tab waits for the candidates before it gives up (bell) and interrupts the completer. */
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final Logger LOG = LoggerFactory.getLogger(Completions.class);

    private final ReentrantLock lock;
    private final Condition changed;
    private final LineEditor editor;
    private final SessionOutput output;
    private final OwnerEvents events;
    private final SocketAddress remote;

    // Guarded by lock.
    private Completer completer;
    /** The id of the latest request: an answer to an older one is ignored. */
    private long lastId;
    /** When the request pending was made ({@link System#nanoTime()}), or 0. */
    private long startedNanos;
    /** Whether candidates are awaited: read by the deadline check, without the lock. */
    private volatile boolean awaiting;
    /** Run (under the lock) when candidates begin to be awaited: the session is due by the give-up. */
    private Runnable onAwait = () -> { };
    /** A command's readLine waits for these candidates to be computed on its thread. */
    private Request forReader;
    /** The thread computing candidates for the prompt, or null. */
    private Thread promptThread;
    /** The command's thread while it computes candidates in its readLine, or null. */
    private Thread readerThread;
    /**
     * Whether the prompt's completion task was asked for and has not ended yet (it ends in {@link #completed}, or
     * in {@link #started} when there is nothing left to compute): still true after a give-up, until the completer
     * returns.
     */
    private boolean promptTaskOutstanding;
    /** Whether a command's thread is in the completer, given up or not. */
    private boolean readerComputing;

    Completions(ReentrantLock lock, Condition changed, LineEditor editor, SessionOutput output, OwnerEvents events,
            SocketAddress remote) {
        this.lock = lock;
        this.changed = changed;
        this.editor = editor;
        this.output = output;
        this.events = events;
        this.remote = remote;
    }

    /**
     * Whether candidates are awaited now (the give-up then has a deadline). Any thread.
     *
     * @return true while a Tab waits
     */
    boolean awaiting() {
        return awaiting;
    }

    /** Sets what runs when candidates begin to be awaited (under the lock; must not block). */
    void onAwait(Runnable action) {
        this.onAwait = action;
    }

    /** Sets what computes Tab candidates: handler code, always run outside the lock. Any thread. */
    public void setCompleter(Completer completer) {
        lock.lock();
        try {
            this.completer = completer;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the calling thread, a task of the owner, as computing the candidates of request {@code id} (so a
     * timeout interrupts it). Any thread.
     *
     * @return false if the request is no longer pending (abandoned, or timed out): nothing to compute
     */
    public boolean started(long id, Thread thread) {
        lock.lock();
        try {
            if (id != lastId || !editor.completionPending()) {
                promptTaskOutstanding = false; // the task ends without computing
                return false;
            }
            promptThread = thread;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The candidates for the completion request {@code id}, computed by a task, which ends with this call (the
     * next Tab may start another): applied if the request is still pending (not abandoned, not timed out). Any
     * thread.
     */
    public void completed(long id, List<String> candidates) {
        lock.lock();
        try {
            promptTaskOutstanding = false;
            if (id == lastId && editor.completionPending()) {
                promptThread = null;
                startedNanos = 0;
                awaiting = false;
                editor.completed(candidates);
            }
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
    }

    /**
     * Under the lock, from the editor: Tab wants candidates. At the top-level prompt the owner is asked; in a
     * command's {@code readLine} the command's thread is woken to compute them. Refused while a completer still
     * runs, given up or not: one completer per session at most.
     *
     * @param atPrompt whether the line is the top-level prompt's
     * @return false if refused: the editor rings the bell and awaits nothing
     */
    boolean requested(String line, int wordStart, int cursor, boolean atPrompt) {
        if (promptTaskOutstanding || readerComputing) {
            LOG.debug("{}: Tab while a completer still runs: no candidates", remote);
            return false;
        }
        long id = ++lastId;
        startedNanos = System.nanoTime();
        awaiting = true;
        onAwait.run();
        Request request = new Request(id, line, wordStart, cursor);
        if (atPrompt) {
            promptTaskOutstanding = true;
            events.raiseCompletionRequested(id, line, wordStart, cursor);
        } else {
            forReader = request;
            changed.signalAll();
        }
        return true;
    }

    /** Under the lock: whether a command's {@code readLine} has candidates to compute. */
    boolean readerRequestPending() {
        return forReader != null;
    }

    /**
     * Under the lock, on the thread of a command waiting in {@code readLine}: computes the candidates outside the
     * lock, applies them and sends the result; holds the lock again on return.
     */
    void completeForReader() {
        Request request = forReader;
        forReader = null;
        Completer hook = completer;
        List<String> candidates = List.of();
        readerThread = Thread.currentThread();
        readerComputing = true;
        lock.unlock();
        try {
            if (hook != null) {
                candidates = hook.complete(request.line(), request.wordStart(), request.cursor());
            }
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            // Like a command's failure: logged, and the line being read goes on (no candidates: the bell).
            LOG.warn("{}: completion failed", remote, e);
        } finally {
            lock.lock();
            readerThread = null;
            readerComputing = false;
            // An interrupt given to a late completer is not the command's: its readLine goes on (Ctrl-C reaches a
            // line being read through the editor, not as an interrupt).
            Thread.interrupted();
        }
        if (request.id() == lastId && editor.completionPending()) {
            startedNanos = 0;
            awaiting = false;
            editor.completed(candidates);
        }
        lock.unlock();
        try {
            output.flush();
        } finally {
            lock.lock();
        }
    }

    /**
     * Under the lock, from the deadline check: gives a completer that has run for {@link #TIMEOUT_NANOS} up.
     *
     * @param nowNanos {@link System#nanoTime()} of the check
     * @return true if it was given up: the editor wrote (the bell, the keys held), so the output wants a flush
     */
    boolean giveUpIfLate(long nowNanos) {
        if (startedNanos == 0 || !editor.completionPending() || nowNanos - startedNanos < TIMEOUT_NANOS) {
            return false;
        }
        // The completer is stuck: Tab gives up (bell), the keys held run, the completer is interrupted.
        LOG.debug("{}: completion took over {} ms, given up", remote, TIMEOUT_NANOS / 1_000_000);
        startedNanos = 0;
        awaiting = false;
        forReader = null;
        interruptPromptTask();
        if (readerThread != null) {
            output.interrupt(readerThread); // held back while it writes: a virtual thread's socket would close
            readerThread = null;
        }
        editor.completed(List.of());
        return true;
    }

    /** Under the lock: interrupts the task computing the prompt's candidates, if one runs (the input ended). */
    void interruptPromptTask() {
        if (promptThread != null) {
            output.interrupt(promptThread); // held back while it writes: a virtual thread's socket would close
            promptThread = null;
        }
    }

    /** Tab at a line being read: what to complete. */
    private record Request(long id, String line, int wordStart, int cursor) {
    }
}
