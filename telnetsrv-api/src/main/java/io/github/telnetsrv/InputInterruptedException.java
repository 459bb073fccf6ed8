package io.github.telnetsrv;

/**
 * Thrown by {@link TelnetHandler#readLine} when the user abandons the input: Ctrl-C, or a Telnet
 * Interrupt Process or Break, while a command waits for a line; also when the command's thread is
 * interrupted while it waits.
 *
 * <p>A command need not catch it: the session treats it as the end of the command and shows a new prompt.
 */
public final class InputInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public InputInterruptedException() {
        super("input interrupted", null, false, false);
    }
}
