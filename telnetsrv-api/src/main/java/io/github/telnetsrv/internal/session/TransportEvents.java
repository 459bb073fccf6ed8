package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.internal.editor.LineEditor;
import io.github.telnetsrv.transport.Transport;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a session's transport reports, applied to its terminal: under the session's lock when it comes from
 * {@link TerminalInput#received} or the opening; from another thread (an in-memory terminal resized by a test, a
 * transport that reads a stream and acts outside it), each call takes the lock, then flushes the output and
 * delivers the owner's events once it has released it, as the reader does. Such a thread never blocks: the output
 * it causes (the redrawn line) is handed to a writer task, and the events only start tasks. A transport that is
 * handed its bytes ({@link io.github.telnetsrv.transport.Inbound}) makes these calls on the session's drain task.
 */
final class TransportEvents implements Transport.Events {

    private final ReentrantLock lock;
    private final Condition changed;
    // Set once by bind(), before the transport is first called.
    private Transport transport;
    private LineEditor editor;
    private SessionOutput output;
    private OwnerEvents events;
    private LineHandOver lines;
    private Runnable areYouThere;

    TransportEvents(ReentrantLock lock, Condition changed) {
        this.lock = lock;
        this.changed = changed;
    }

    /** The parts of the terminal the events change, made after the transport (which is given this object). */
    void bind(Transport transport, LineEditor editor, SessionOutput output, OwnerEvents events, LineHandOver lines,
            Runnable areYouThere) {
        this.transport = transport;
        this.editor = editor;
        this.output = output;
        this.events = events;
        this.lines = lines;
        this.areYouThere = areYouThere;
    }

    @Override
    public void typed(CharSequence chars) {
        locked(() -> editor.receive(chars));
    }

    @Override
    public void interrupt() {
        locked(editor::interrupt);
    }

    @Override
    public void areYouThere() {
        locked(areYouThere);
    }

    @Override
    public void abortOutput() {
        locked(output::discardPending); // drop what the client has not been sent yet
    }

    @Override
    public void eraseCharacter() {
        locked(editor::eraseCharacter);
    }

    @Override
    public void eraseLine() {
        locked(editor::eraseLine);
    }

    @Override
    public void echoChanged(boolean serverEcho) {
        locked(() -> editor.setServerEcho(serverEcho));
    }

    @Override
    public void resized(int width, int height) {
        locked(() -> editor.setWidth(width));
    }

    @Override
    public void reply(byte[] buf, int off, int len) {
        locked(() -> output.writeReply(buf, off, len));
    }

    @Override
    public void inputEnded() {
        locked(() -> {
            transport.endOfInput();
            lines.endInput(false);
        });
    }

    /** Runs a change under the lock: at once if this thread holds it, else taking it (see the class). */
    private void locked(Runnable change) {
        if (lock.isHeldByCurrentThread()) {
            change.run();
            return;
        }
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
    }
}
