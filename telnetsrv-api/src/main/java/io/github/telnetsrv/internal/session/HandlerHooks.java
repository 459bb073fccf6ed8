package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.Authenticator;
import java.util.List;

/**
 * What the session core calls on a handler: its options, hooks and the state it keeps. The API package adapts a
 * {@code TelnetHandler} to it (the hooks are protected there); the core never sees the handler class itself, only
 * {@link #target()} to run its commands on.
 *
 * <p>Each method runs the handler's code on the calling thread, which the {@link Shell} chooses (a handler task).
 */
public interface HandlerHooks {

    /**
     * The object the commands run on.
     *
     * @return the handler
     */
    Object target();

    /**
     * The prompt, asked before each command.
     *
     * @return the prompt, {@code null} for none
     */
    String prompt();

    /**
     * The prompt of continuation lines.
     *
     * @return the prompt, {@code null} for none
     */
    String continuationPrompt();

    /**
     * The banner before the login.
     *
     * @return the text, {@code null} for none
     */
    String issue();

    /**
     * The welcome after the login.
     *
     * @return the text, {@code null} for none
     */
    String welcome();

    /**
     * What checks logins.
     *
     * @return the authenticator, {@code null} for no login
     */
    Authenticator authenticator();

    /**
     * Whether a login asks for a username.
     *
     * @return true to ask
     */
    boolean askUsername();

    /**
     * Whether a login asks for a password.
     *
     * @return true to ask
     */
    boolean askPassword();

    /** The session started: after the welcome, before the first prompt. */
    void sessionStart();

    /** The session ended; called once. */
    void sessionEnd();

    /**
     * Candidates for the argument being completed.
     *
     * @param completion what is being completed
     * @return the candidates, possibly {@code null}
     */
    List<String> complete(io.github.telnetsrv.Completion completion);

    /**
     * A command threw.
     *
     * @param command the command as typed
     * @param failure what it threw
     */
    void commandFailed(String command, Throwable failure);

    /**
     * Nobody registered this command name.
     *
     * @param command the name as typed
     */
    void unknownCommand(String command);

    /**
     * Writes an error line, decorated as the handler decorates errors.
     *
     * @param text the line
     */
    void writeError(String text);

    /**
     * The user logged in.
     *
     * @param username the name, {@code null} when none was asked
     */
    void loggedIn(String username);

    /**
     * The raw text of the command about to run.
     *
     * @param raw the text, continuation lines joined with {@code "\n"}
     */
    void rawInput(String raw);

    /**
     * Whether the handler asked to end the session.
     *
     * @return true once asked
     */
    boolean exitRequested();

    /**
     * The exit status the handler set.
     *
     * @return 0..255, or -1 when it set none
     */
    int exitStatus();
}
