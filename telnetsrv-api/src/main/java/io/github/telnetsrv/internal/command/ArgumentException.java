package io.github.telnetsrv.internal.command;

/**
 * The words typed after a typed command's name do not fit its parameters: a value that does not convert, a
 * missing or an unexpected argument, an unknown option. The message names the parameter, says what was expected
 * and what was given; it is meant for the user, with the command's usage, and is not a failure of the server.
 */
public final class ArgumentException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, for the user: for example {@code --times: expected an integer, got 'x'}
     */
    public ArgumentException(String message) {
        super(message, null, false, false);
    }
}
