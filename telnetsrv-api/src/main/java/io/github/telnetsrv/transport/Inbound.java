package io.github.telnetsrv.transport;

/**
 * Where a transport that is handed its client's bytes (push: an SSH channel's data callbacks, a WebSocket's messages)
 * gives them to a session: {@link io.github.telnetsrv.TelnetSession#start(Runnable)} returns it.
 *
 * <p>No method blocks or writes: each keeps what it is given, in order, and the session takes it on a thread of
 * its own, one burst at a time (the bytes go through {@link Transport#receive}, then the line editor, whose echo is
 * written by that thread). The calling thread (an I/O thread of the transport's library) returns at once.
 *
 * <p>Flow control: the session tells {@link Transport#inputTaken(int)} how many of the bytes handed here it has
 * taken; while its input queue is full (type-ahead behind a running command) it takes none. A transport with flow
 * control (an SSH channel's window) lets its client send only as much more as was taken, which bounds what waits
 * here; a transport without it must bound what it hands over by other means (a test's feed).
 *
 * <p>Thread-safe; calls from one thread are kept in the order made.
 */
public interface Inbound {

    /**
     * Hands over bytes the client sent. The bytes are copied; the array may be reused when this returns.
     *
     * @param buf the bytes
     * @param off the first byte
     * @param len the number of bytes
     */
    void receive(byte[] buf, int off, int len);

    /**
     * Hands over an event the client sent outside the byte stream (a window change, a break): {@code event} runs on
     * the session's thread, in order with the bytes handed over before and after it, and may call the
     * {@link Transport.Events} the transport was given.
     *
     * @param event the change to make
     */
    void submit(Runnable event);

    /**
     * The client will send nothing more but still reads (an SSH channel's EOF): after the bytes handed over before,
     * the session is told {@link Transport.Events#inputEnded()}.
     */
    void endOfInput();

    /**
     * The connection is gone: the session's input ends (after the bytes handed over before are taken) and the session
     * ends as when a socket's input ends.
     */
    void closed();
}
