package io.github.telnetsrv;

/**
 * Thrown when a handler class declares its commands wrongly: a command without a short help line,
 * a name claimed by two methods, a method with a signature a command cannot have.
 *
 * <p>Raised when the handler class is first registered, never at the first keystroke of a session.
 * The message names the offending method ({@code com.example.MyHandler.echo(List)}) and says what was
 * expected.
 */
public final class CommandDeclarationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the method, and what was expected
     */
    public CommandDeclarationException(String message) {
        super(message);
    }
}
