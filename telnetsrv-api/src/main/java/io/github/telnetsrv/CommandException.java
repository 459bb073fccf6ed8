package io.github.telnetsrv;

/**
 * A command's failure whose message is meant for the user: throw it (from the command or anything it calls) to end
 * the command with {@code Error in NAME: message} (the message's first line). Any other exception is taken for a
 * bug: the user sees only {@code Error in NAME: internal error (ref 7f3a2c)} and the details go to the log (see
 * {@link TelnetHandler#commandFailed}).
 *
 * <pre>{@code
 * @Command(value = "restart", help = "SERVICE\nRestart a service")
 * void restart(List<String> params) {
 *     if (!services.containsKey(params.get(0))) {
 *         throw new CommandException("no service named " + params.get(0));
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>The command then ends with exit status {@link TelnetHandler#EXIT_FAILED} (over SSH) and the session goes
 * on; the log gets one INFO line, without a stack trace. The message must not hold what the user may not see.
 * A handler can make other exceptions' messages shown too by overriding
 * {@link TelnetHandler#showsMessage(Throwable)}. Not final, so that a handler can give its user-facing failures
 * types of their own.
 */
public class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for the user
     */
    public CommandException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it (which the user does not see).
     *
     * @param message what went wrong, for the user
     * @param cause what caused it
     */
    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
