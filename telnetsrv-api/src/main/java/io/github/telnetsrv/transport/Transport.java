package io.github.telnetsrv.transport;

import java.util.Map;

/**
 * What a session needs from the protocol its client speaks: bytes in become characters and control events, text out
 * becomes bytes, and the facts the client told (terminal type, size, environment, whether the server is to echo).
 * Telnet is one implementation; an SSH channel and the test kit's in-memory terminal are others. No protocol type
 * appears in the session core. The package's documentation says how to write one.
 *
 * <p>Confined to one session: the session calls it on its own threads, one call at a time, and {@link Events} calls
 * made from {@link #receive} and {@link #start} are made on that thread too. A transport whose client acts outside
 * the byte stream (a window change, a break) hands the event to its session's {@link Inbound#submit}, or, for a
 * transport that reads a stream, may call {@link Events} from another thread: each such call then takes the
 * session's lock itself and never blocks. Its own state that the session reads ({@link #width()},
 * {@link #height()}) must then be safe to read from the session's threads.
 */
public interface Transport {

    /** Makes a session's transport, given where its events go: called once, when the session is made. */
    @FunctionalInterface
    interface Factory {
        /**
         * Makes the transport.
         *
         * @param events where the transport reports what its client sent
         * @return the transport, confined to the session
         */
        Transport open(Events events);
    }

    /**
     * What the transport tells the session core: under the session's lock from {@link #receive} and
     * {@link #start}; from any other thread, each call takes the lock itself.
     */
    interface Events {
        /**
         * Text the user typed, decoded; control characters included (Ctrl-C is 0x03, Enter is CR).
         *
         * @param chars the characters
         */
        void typed(CharSequence chars);

        /** An interrupt the protocol sent as a command (Telnet IP or BRK, an SSH break): like Ctrl-C. */
        void interrupt();

        /** The client asks whether the server is still there (Telnet AYT). */
        void areYouThere();

        /** The client asks to drop the output not yet sent (Telnet AO). */
        void abortOutput();

        /** Erase the last character typed (Telnet EC). */
        void eraseCharacter();

        /** Erase the line typed so far (Telnet EL). */
        void eraseLine();

        /**
         * Whether the server echoes what the user types changed (the client accepted or refused it).
         *
         * @param serverEcho true when the server echoes
         */
        void echoChanged(boolean serverEcho);

        /**
         * The window changed size.
         *
         * @param width columns, 0 if unknown
         * @param height rows, 0 if unknown
         */
        void resized(int width, int height);

        /**
         * Protocol bytes to send back, not data: they survive an {@link #abortOutput()}.
         *
         * @param buf the bytes
         * @param off the first byte
         * @param len the number of bytes
         */
        void reply(byte[] buf, int off, int len);

        /**
         * The client will send nothing more but still reads what the session writes (an SSH channel's EOF, a
         * half-close): the lines typed before still run, a command waiting for a line gets the end of input, nothing
         * is interrupted, and the session ends at its next top-level prompt. The connection's input is expected to
         * end later, when the client is gone.
         */
        void inputEnded();
    }

    /**
     * The user the transport authenticated before the session began (SSH): the session then asks for no login and
     * {@code username()} is this name.
     *
     * @return the user, or {@code null} when the session is to log in as usual (Telnet)
     */
    default String authenticatedUser() {
        return null;
    }

    /**
     * A command line to run instead of the interactive shell (an SSH exec request): no banner, no welcome, no
     * prompt; the session ends when the command returns, with its exit status.
     *
     * @return the command line, or {@code null} for an interactive session
     */
    default String execCommand() {
        return null;
    }

    /**
     * Whether the client shows what it is sent on a terminal (styles and cursor movement make sense): false for a
     * raw byte stream, an SSH channel without a PTY, an exec channel.
     *
     * @return true for a terminal
     */
    default boolean isTerminal() {
        return true;
    }

    /**
     * Where error text (a handler's {@code writeError}, an unknown command, a usage error) goes when the client keeps
     * errors apart from the output: an SSH channel without a terminal sends it as the channel's stderr. The session
     * writes it there in order with the rest, one writer at a time, as it writes the connection's output. Default:
     * none, error text goes inline.
     *
     * @return the error output, or {@code null} for inline
     */
    default java.io.OutputStream errorOutput() {
        return null;
    }

    /**
     * The session's exit status, told once, after its last output was written and before the connection is
     * closed; a transport that carries one (SSH) sends it. Default: nothing.
     *
     * @param status the status, 0..255
     */
    default void ended(int status) {
    }

    /**
     * The session has taken {@code bytes} more of the bytes handed to its {@link Inbound}: a transport with flow
     * control lets its client send as much more (an SSH channel adjusts its window). Called on a thread of the
     * session's, never under its lock. Default: nothing (a transport that reads a stream is held back by not being
     * read).
     *
     * @param bytes how many bytes were taken
     */
    default void inputTaken(int bytes) {
    }

    /** Sends what opens the session (Telnet: the opening negotiation) through {@link Events#reply}. */
    void start();

    /**
     * Whether the opening exchange is still going on: the session waits for it (at most the negotiation wait)
     * before its first output.
     *
     * @return true while answers are awaited
     */
    boolean settling();

    /**
     * Whether the server is to echo what the user types (the client lets it).
     *
     * @return true for server echo (character mode), false for a client that echoes itself (line mode)
     */
    boolean serverEcho();

    /**
     * Decodes bytes from the client into {@link Events} calls.
     *
     * @param buf the bytes
     * @param off the first byte
     * @param len the number of bytes
     */
    void receive(byte[] buf, int off, int len);

    /** The input ended: a character cut in half is dropped (or becomes U+FFFD). */
    void endOfInput();

    /**
     * Encodes text for the client, escaped for the protocol. A line end may come as {@code "\r\n"} or as a bare
     * {@code "\n"}: the transport ends lines as its client expects (Telnet: CR LF).
     *
     * @param text the text
     * @param out where the bytes go
     */
    void encode(String text, java.io.ByteArrayOutputStream out);

    /**
     * Writes what follows a prompt (Telnet: GA when the client did not suppress it), if anything.
     *
     * @param out where the bytes go
     */
    void afterPrompt(java.io.ByteArrayOutputStream out);

    /**
     * The terminal type the client reported.
     *
     * @return the type, or {@code null}
     */
    String terminalType();

    /**
     * The window width.
     *
     * @return columns, 0 if unknown
     */
    int width();

    /**
     * The window height.
     *
     * @return rows, 0 if unknown
     */
    int height();

    /**
     * The environment the client sent: hints only.
     *
     * @return an unmodifiable snapshot
     */
    Map<String, String> environment();
}
