package io.github.telnetsrv.internal.editor;

/**
 * The effects of line editing: what a {@link LineEditor} asks its session to do.
 *
 * <p>Every method is called synchronously on the thread that called into the editor (the session's thread,
 * holding the session's lock), in the order the effects happen. An implementation may call back into the
 * editor (for example {@link LineEditor#readLine} from {@link #lineAccepted}).
 */
public interface EditorOutput {

    /**
     * Text for the terminal: printable text, {@code "\r\n"}, {@code "\b"} and ESC sequences
     * ({@code ESC[K}, {@code ESC[C}, {@code ESC[nC}, {@code ESC[nD}, {@code ESC[H ESC[2J}). The session
     * encodes it (charset and Telnet escaping). Never contains a bare {@code "\n"}; the editor adds no
     * control characters but CR, LF, BS and ESC (prompts and messages pass through as given). The output
     * of one call into the editor comes as one piece, split only around the other callbacks, which keep
     * their order.
     *
     * @param text the text to send, never empty
     */
    void write(String text);

    /** Ring the bell: the session writes 0x07. */
    void bell();

    /**
     * The user accepted a line (Enter); {@code "\r\n"} was already written (when the server echoes). The
     * editor is idle afterwards until {@link LineEditor#readLine} is called again.
     *
     * @param line the text of the line, without the line end
     */
    void lineAccepted(String line);

    /**
     * Ctrl-C (or telnet IP/BRK) at the prompt: the line was abandoned, {@code "^C\r\n"} was already written;
     * the editor is idle.
     */
    void interrupted();

    /**
     * Ctrl-D on an empty line: end of input; {@code "\r\n"} was already written (when the server echoes) so
     * what follows starts on a fresh line. The editor is idle.
     */
    void endOfInput();

    /**
     * Ctrl-C (or telnet IP/BRK) arrived while no line was being read, typically while a command runs: the
     * session interrupts that command. Nothing was written; type-ahead was discarded; the editor stays
     * idle. Does nothing by default.
     */
    default void interruptedWhileIdle() {
    }

    /**
     * Type-ahead was taken from the editor's queue by something other than {@link LineEditor#receive} (a line
     * started and consumed it, a completion's keys ran, an interrupt discarded it): a session that stopped reading
     * its connection while the queue was long may read again ({@link LineEditor#queuedInput()} says how long it
     * is now). Does nothing by default.
     */
    default void inputTaken() {
    }
}
