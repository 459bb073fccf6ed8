package io.github.telnetsrv;

import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.internal.command.CommandRegistry;
import io.github.telnetsrv.internal.command.HelpFormatter;
import io.github.telnetsrv.internal.session.SessionSchedule;
import io.github.telnetsrv.internal.session.SessionTerminal;
import io.github.telnetsrv.spi.ClientText;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base class of a Telnet command-line: subclass it, annotate methods with {@link Command}, serve it.
 *
 * <p>A server creates one instance per connection. Commands, the protected hooks ({@link #sessionStart()},
 * {@link #sessionEnd()}, {@link #commandFailed}) and the option methods ({@link #prompt()}, ...) run on the
 * session's handler thread, one at a time. {@link #writeMessage(String)} may be called from any thread; the
 * other output and input methods are for the handler thread (a command), and the console information
 * methods may be called from any thread.
 *
 * <pre>{@code
 * public class MyHandler extends TelnetHandler {
 *     @Override protected String welcome() { return "Welcome to my server."; }
 *
 *     @Command(value = {"echo", "copy", "repeat"}, help = """
 *         <text to echo>
 *         Echo text back to the console.
 *         """)
 *     void echo(List<String> params) { writeResult(String.join(" ", params)); }
 * }
 * }</pre>
 *
 * <p>The built-in commands {@code help}/{@code ?}, {@code exit}/{@code quit}/{@code bye}/{@code logout} and
 * {@code history} are ordinary commands of this class: a subclass command with the same name replaces the
 * built-in for that name.
 */
public abstract class TelnetHandler {

    /** Exit status: the command returned (or, for a shell channel, the session ended normally). */
    public static final int EXIT_OK = 0;
    /** Exit status: the command threw. */
    public static final int EXIT_FAILED = 1;
    /** Exit status: the command line could not be parsed (an unterminated quote). */
    public static final int EXIT_USAGE = 2;
    /** Exit status: no command of that name, as a POSIX shell reports it. */
    public static final int EXIT_UNKNOWN_COMMAND = 127;
    /** Exit status: the command was interrupted (128 + SIGINT, as a POSIX shell reports it). */
    public static final int EXIT_INTERRUPTED = 130;
    /**
     * Exit status: the session was ended from outside, by {@link TelnetSession#close()} or the server's
     * {@code close()}, before it could report a status of its own (128 + SIGTERM, as a POSIX shell reports a
     * command ended that way), so that {@code ssh host deploy && next} stops at a shutdown.
     */
    public static final int EXIT_ENDED = 143;

    private static final Logger LOG = LoggerFactory.getLogger(TelnetHandler.class);

    private SessionTerminal terminal;
    private SessionSchedule schedule;
    private volatile String username;
    private volatile String rawInput = "";
    private volatile boolean exitRequested;
    /** Set by {@link #setExitStatus(int)}; -1 while unset. */
    private volatile int exitStatus = -1;

    /** Creates a handler; a server creates one per connection. */
    protected TelnetHandler() {
    }

    // ---------------------------------------------------------------- options a subclass overrides

    /**
     * The command prompt, asked before each one. Default {@code "Telnet Server> "}.
     *
     * @return the prompt; {@code null} for none
     */
    protected String prompt() {
        return "Telnet Server> ";
    }

    /**
     * The prompt for continuation lines of a multi-line command. Default {@code "... "}.
     *
     * @return the prompt; {@code null} for none
     */
    protected String continuationPrompt() {
        return "... ";
    }

    /**
     * Shown after a successful connection (and login). Default {@code "You have connected to the telnet server."}.
     *
     * @return the welcome text; {@code null} for none
     */
    protected String welcome() {
        return "You have connected to the telnet server.";
    }

    /**
     * Shown before the login prompts (an {@code /etc/issue}-style banner), or before the welcome when there is
     * no login. Default: none.
     *
     * @return the banner; {@code null} for none
     */
    protected String issue() {
        return null;
    }

    /**
     * Checks logins.
     *
     * @return the authenticator; {@code null} (the default) means no login is asked
     */
    protected Authenticator authenticator() {
        return null;
    }

    /**
     * The authenticator a handler gives ({@link #authenticator()}), for a server that checks logins before any
     * session begins (an SSH server asks it for its password logins).
     *
     * @param handler a handler, which need not serve a session
     * @return its authenticator; {@code null} when it asks no login
     */
    public static Authenticator authenticatorOf(TelnetHandler handler) {
        return Objects.requireNonNull(handler, "handler").authenticator();
    }

    /**
     * Checks a handler class's command declarations, as every server does when it starts, so that a command
     * declared wrongly fails before the first client comes, with a message naming the method.
     *
     * @param handlerClass the class
     * @throws CommandDeclarationException if the class declares a command wrongly, or its commands cannot be called
     */
    public static void checkCommands(Class<? extends TelnetHandler> handlerClass) {
        io.github.telnetsrv.internal.command.CommandRegistry.of(Objects.requireNonNull(handlerClass, "handlerClass"));
    }

    /**
     * Whether a login asks for a username; used only with an {@link #authenticator()}.
     *
     * @return {@code true} (the default) to ask for a username
     */
    protected boolean askUsername() {
        return true;
    }

    /**
     * Whether a login asks for a password (never echoed); used only with an {@link #authenticator()}.
     *
     * @return {@code true} (the default) to ask for a password
     */
    protected boolean askPassword() {
        return true;
    }

    /**
     * The key bindings of the line editor, asked once when the session is created.
     *
     * @return the bindings; default {@link KeyMap#defaults()}
     */
    protected KeyMap keyMap() {
        return KeyMap.defaults();
    }

    /** Called after the welcome is shown, before the first prompt. */
    protected void sessionStart() {
    }

    /** Called exactly once when the session ends, whatever ends it: exit, disconnect, timeout, server close. */
    protected void sessionEnd() {
    }

    /**
     * Candidates for Tab completion of a command's argument (the command name itself is completed from the
     * registered commands), knowing where the word stands: the command, the argument's index, the option whose
     * value it is, the words before it, and what the command's declaration offers. Default: the declaration's
     * candidates (option names, an enum's constants, a completer named on the parameter) if there are any, else
     * {@link #completeArgument(String, String)}.
     *
     * <p>Runs on the handler's thread, never under the session's lock, so it may take its time (a lookup) or
     * write: at the prompt as a task of its own, in a command's {@code readLine} on that command's thread. Tab
     * gives up after 2 seconds (the bell rings, the thread is interrupted); keys typed meanwhile wait for it. One
     * completion runs per session at most: until a given-up completer has returned, Tab rings the bell at once.
     *
     * @param completion what is being completed
     * @return the full arguments that could complete {@link Completion#word()}
     */
    protected List<String> complete(Completion completion) {
        if (!completion.candidates().isEmpty()) {
            return completion.candidates();
        }
        return completeArgument(completion.command(), completion.word());
    }

    /**
     * Candidates for Tab completion of a command's argument, told only the command and the word; see
     * {@link #complete(Completion)}, which calls it when the declaration offers nothing. Default: none.
     *
     * <p>Runs on the handler's thread, never under the session's lock, so it may take its time (a lookup) or
     * write: at the prompt as a task of its own, in a command's {@code readLine} on that command's thread. Tab
     * gives up after 2 seconds (the bell rings, the thread is interrupted); keys typed meanwhile wait for it. One
     * completion runs per session at most: until a given-up completer has returned, Tab rings the bell at once.
     *
     * @param command the command name as typed
     * @param word the part of the argument before the cursor
     * @return the full arguments that could complete {@code word}
     */
    protected List<String> completeArgument(String command, String word) {
        return List.of();
    }

    /**
     * Called when a command throws: any exception, and any error but the JVM's own troubles ({@link
     * VirtualMachineError}s other than {@link StackOverflowError}, which end the session); also when a handler's
     * {@link Converter} fails with anything but an {@link IllegalArgumentException} (a bug, not the user's
     * mistake: the failure is an {@link IllegalStateException} naming the converter, its exception the cause). The
     * session then goes on, and over SSH the command's exit status is {@link #EXIT_FAILED}.
     *
     * <p>The default keeps internals from the client: when {@link #showsMessage} is false (any exception but a
     * {@link CommandException}) it logs the failure at ERROR with its stack trace and a reference, and writes one
     * line with the same reference, {@code Error in NAME: internal error (ref 7f3a2c)}, so that the user can quote
     * it and the operator find the log entry. Without an slf4j binding on the class path the log goes nowhere and
     * neither does the stack trace: add one ({@code slf4j-simple}, {@code logback-classic}) to see it. When
     * {@link #showsMessage} is true it writes {@code Error in NAME: } and the message's first line, and logs one
     * INFO line. Runs on the command's thread.
     *
     * @param command the command name as typed
     * @param failure what the command threw
     */
    protected void commandFailed(String command, Throwable failure) {
        String name = command.toUpperCase(java.util.Locale.ROOT);
        if (showsMessage(failure)) {
            String message = failure.getMessage();
            if (message == null || message.isBlank()) {
                message = failure.getClass().getSimpleName();
            }
            int newline = message.indexOf('\n');
            String line = newline < 0 ? message : message.substring(0, newline);
            LOG.info("{}: command {} failed: {}", remoteAddress(), ClientText.forLog(command), ClientText.forLog(line));
            writeError("Error in " + name + ": " + line);
            return;
        }
        String reference = FailureReference.next();
        LOG.error("{}: command {} failed (ref {})", remoteAddress(), ClientText.forLog(command), reference, failure);
        writeError("Error in " + name + ": internal error (ref " + reference + ")");
    }

    /**
     * Whether {@link #commandFailed} shows the user the message of what a command threw, rather than a generic
     * line with a reference to the log. Override to show the messages of exceptions of your own as well, and call
     * this method for the rest. Runs on the command's thread.
     *
     * @param failure what the command threw
     * @return {@code true} for a {@link CommandException} (the default)
     */
    protected boolean showsMessage(Throwable failure) {
        return failure instanceof CommandException;
    }

    /**
     * Called for a command name nobody registered. Default: an error line naming it.
     *
     * @param command the name as typed
     */
    protected void unknownCommand(String command) {
        writeError("Unknown command '" + command.toUpperCase(java.util.Locale.ROOT) + "'");
    }

    // ---------------------------------------------------------------- output

    /**
     * Writes text as it is; {@code "\n"} becomes CR LF on the wire.
     *
     * @param text the text
     */
    public void write(String text) {
        terminal().print(text);
    }

    /**
     * Writes text and a line end.
     *
     * @param text the text of the line
     */
    public void writeLine(String text) {
        terminal().print(text + "\n");
    }

    /**
     * Writes a line of a command's expected output. Override to decorate; call the base method to write.
     *
     * @param text the text of the line
     */
    public void writeResult(String text) {
        writeLine(text);
    }

    /**
     * Writes an error line. Override to decorate (for instance in red); call the base method to write. Over SSH
     * without a terminal (an exec channel, a shell without a PTY) error lines go to the channel's stderr, so that
     * {@code ssh host cmd 2>/dev/null} keeps only the output; on a terminal and over Telnet they come inline, in
     * order with the rest. The session's own error lines (an unknown command, a usage error) come here too.
     *
     * @param text the text of the line
     */
    public void writeError(String text) {
        terminal().printError(text + "\n");
    }

    /**
     * Writes an asynchronous message from any thread: it appears above the prompt, then the prompt, the text
     * the user had typed and the cursor position are redrawn. While a command runs (no prompt shown) it goes
     * after the output so far, on a line of its own. Override to decorate; call the base method.
     *
     * <p>From a thread that is not the session's own it never blocks, whatever the client does: the message is
     * written by a task of the session (a client too far behind is dropped, see
     * {@link SessionConfig#maxPendingOutput()}). From a command it writes as {@link #writeLine} does.
     *
     * @param text the message
     */
    public void writeMessage(String text) {
        terminal().message(text);
    }

    // ---------------------------------------------------------------- input

    /**
     * Reads a line with echo and history, for a command that asks the user something.
     *
     * @param prompt the prompt to show
     * @return the line; {@code null} when the user pressed Ctrl-D on an empty line (the session goes on) or
     *     the session is ending (the client left, the idle timeout passed: the command should return). Lines the
     *     client sent before it closed its side still answer, in order (a script piped in)
     * @throws InputInterruptedException if the user pressed Ctrl-C (IP, BRK); a command need not catch it
     * @throws IllegalStateException if called outside a command (no session, or another line is being read)
     */
    public String readLine(String prompt) {
        return readLine(prompt, true, true);
    }

    /**
     * Reads a line.
     *
     * @param prompt the prompt to show
     * @param echo {@code false} for secrets: nothing is echoed, stored in the history or logged
     * @param useHistory whether the line goes into the history and Up/Down browse it
     * @return the line; {@code null} on Ctrl-D on an empty line or when the session is ending (see
     *     {@link #readLine(String)})
     * @throws InputInterruptedException if the user pressed Ctrl-C (IP, BRK)
     * @throws IllegalStateException if called outside a command (no session, or another line is being read)
     */
    public String readLine(String prompt, boolean echo, boolean useHistory) {
        return terminal().lines().readLine(prompt, echo, echo && useHistory, 0L);
    }

    /**
     * Ends the session: after the running command returns when called from a command, and at once when the
     * session waits at its prompt (called from another thread, for instance by an administrator's "kick").
     * {@code sessionEnd()} then runs as for any other end. Any thread.
     */
    public void closeSession() {
        exitRequested = true;
        SessionTerminal t = terminal;
        if (t != null) {
            t.lines().endAtPrompt();
        }
    }

    /**
     * Sets the exit status the session reports when it ends, over a transport that carries one: an SSH exec
     * channel ({@code ssh host command} exits with it) or shell channel. Telnet has no exit status and ignores it.
     *
     * <p>Unset, an exec channel reports the status of its command: {@value #EXIT_OK} after it returned,
     * {@value #EXIT_FAILED} when it threw, {@value #EXIT_USAGE} for a command line that cannot be parsed,
     * {@value #EXIT_UNKNOWN_COMMAND} for an unknown command, {@value #EXIT_INTERRUPTED} when it was interrupted
     * (Ctrl-C, a break, the client gone); a shell channel reports {@value #EXIT_OK}. The last value set wins.
     * A session ended from outside ({@link TelnetSession#close()}, the server's {@code close()}) reports
     * {@value #EXIT_ENDED} whatever was set: it is cut before it ends. Any thread.
     *
     * @param status 0..255
     * @throws IllegalArgumentException if the status is out of range
     */
    public void setExitStatus(int status) {
        if (status < 0 || status > 255) {
            throw new IllegalArgumentException("exit status: " + status + " (expected: 0..255)");
        }
        exitStatus = status;
    }

    /**
     * Text in a style, for this client: the style's escape codes on a terminal, the plain text where they would
     * reach a program instead ({@link #isTerminal()} false: netcat, an SSH exec or a channel without a PTY, a
     * terminal of type {@code dumb}). Styles already in the text are dropped there too.
     *
     * <pre>{@code
     * writeLine(styled("FAILED", Style.BOLD.fg(Style.Color.RED)) + " 3 checks");
     * }</pre>
     *
     * @param text the text
     * @param style the style
     * @return the text to write
     */
    public String styled(String text, Style style) {
        return isTerminal() ? style.apply(text) : Style.strip(text);
    }

    /**
     * Writes a table, its columns aligned by display width and fitted to the client's width (cells cut with an
     * ellipsis when it is too narrow); its styles are kept on a terminal and dropped elsewhere.
     *
     * @param table the table
     */
    public void writeTable(Table table) {
        for (String line : table.render(width(), isTerminal())) {
            writeLine(line);
        }
    }

    /**
     * Shows a progress line below the command's output, to be rewritten in place: see {@link Progress}.
     *
     * @param text the first progress text, one line
     * @return the progress line, to update and end
     * @throws IllegalStateException if the handler is not serving a session yet
     */
    public Progress progress(String text) {
        return new Progress(terminal(), text);
    }

    /**
     * Whether the client shows the output on a terminal, where styles and cursor movement make sense: true for
     * Telnet and an SSH channel with a PTY; false for an SSH channel without one ({@code ssh -T}, an exec
     * channel). Any thread.
     *
     * @return true for a terminal
     */
    public boolean isTerminal() {
        return terminal().isTerminal();
    }

    // ---------------------------------------------------------------- scheduling

    /** A task scheduled with {@link #schedule}: cancel it, or ask whether it is over. Thread-safe. */
    public interface Scheduled {
        /**
         * Cancels the task: it does not run again (a run already under way finishes).
         *
         * @return true if this call cancelled it, false if it was already cancelled or over
         */
        boolean cancel();

        /**
         * Whether the task is over: cancelled, ended with the session, or (run once) run.
         *
         * @return true when it will not run again
         */
        boolean done();
    }

    /**
     * Runs {@code task} once after {@code delay}, on the runtime's threads that run commands (the threaded
     * runtime's handler thread, after any running command; a virtual thread otherwise), unless cancelled first.
     * The session's end cancels it. The task may write ({@link #writeMessage} shows above the prompt) but must not
     * read input. What it throws is logged and the session goes on. Any thread.
     *
     * @param delay the wait, zero or more
     * @param task what to run
     * @return the handle to cancel it
     * @throws IllegalStateException if the handler is not serving a session yet
     */
    public Scheduled schedule(Duration delay, Runnable task) {
        java.util.Objects.requireNonNull(task, "task");
        return schedule().schedule(SessionSchedule.nanos(delay, "delay", true), 0, task);
    }

    /**
     * Runs {@code task} after {@code initialDelay}, then every {@code period} (measured from the start of each
     * run; a run is skipped while the previous one has not finished), until cancelled or the session ends. Same
     * threads and rules as {@link #schedule(Duration, Runnable)}.
     *
     * @param initialDelay the wait before the first run, zero or more
     * @param period the time between runs, more than zero
     * @param task what to run
     * @return the handle to cancel it
     * @throws IllegalStateException if the handler is not serving a session yet
     */
    public Scheduled schedule(Duration initialDelay, Duration period, Runnable task) {
        java.util.Objects.requireNonNull(task, "task");
        return schedule().schedule(SessionSchedule.nanos(initialDelay, "initialDelay", true),
                SessionSchedule.nanos(period, "period", false), task);
    }

    private SessionSchedule schedule() {
        SessionSchedule s = schedule;
        if (s == null) {
            throw new IllegalStateException("handler is not serving a session yet");
        }
        return s;
    }

    // ---------------------------------------------------------------- console information

    /**
     * The terminal type the client reported (TTYPE; over SSH, TERM). The client is not authenticated when it says
     * it, so a type that is not 1 to 40 characters of printable ASCII without spaces (what RFC 1091 allows, with
     * lower case and {@code . + _}) is treated as none: whatever this returns is safe to print.
     *
     * @return the type as the client sent it, or {@code null} if it sent none or none that is printable
     */
    public String terminalType() {
        return terminal().terminalType();
    }

    /**
     * The terminal width (NAWS), kept current on resize.
     *
     * @return columns; 0 if the client did not say
     */
    public int width() {
        return terminal().width();
    }

    /**
     * The terminal height (NAWS), kept current on resize.
     *
     * @return rows; 0 if the client did not say
     */
    public int height() {
        return terminal().height();
    }

    /**
     * The name the user logged in with (over SSH, the SSH user), with each control character (C0, C1, DEL, line
     * separators, bidirectional controls) replaced by U+FFFD: safe to print. The authenticator was given the name
     * as typed.
     *
     * @return the name, or {@code null} without a login or a username prompt
     */
    public String username() {
        return username;
    }

    /**
     * The client's address.
     *
     * @return the address, or {@code null} when the transport has none
     */
    public SocketAddress remoteAddress() {
        SessionTerminal t = terminal;
        return t == null ? null : t.remoteAddress();
    }

    /**
     * The command history, oldest first: a live, mutable view (for instance {@code history().clear()}). Each
     * operation is atomic and safe from any thread; take a copy ({@code List.copyOf(history())}) to iterate
     * while the user may be entering lines.
     *
     * @return the history
     */
    public List<String> history() {
        return terminal().history();
    }

    /**
     * Environment variables the client sent (NEW-ENVIRON; over SSH, env requests): hints only, never proof of
     * identity. Each control character (C0, C1, DEL, line separators, bidirectional controls) in a name or a value
     * is replaced by U+FFFD: safe to print.
     *
     * @return an unmodifiable snapshot, empty when the client sent none
     */
    public Map<String, String> environment() {
        return terminal().environment();
    }

    /**
     * The raw text of the command being run, as typed.
     *
     * @return the line, continuation lines joined with {@code "\n"}
     */
    public String rawInput() {
        return rawInput;
    }

    // ---------------------------------------------------------------- built-in commands

    /**
     * The {@code help} built-in: the command list, or one command's details.
     *
     * @param params empty, or the name of the command to describe
     */
    @Command(value = {"help", "?"}, help = """
            [<command>]
            Display help
            Display either brief help on all commands, or detailed
            help on a single command passed as a parameter.
            """)
    protected void help(List<String> params) {
        CommandRegistry registry = CommandRegistry.of(getClass());
        List<String> lines = params.isEmpty()
                ? HelpFormatter.summary(registry)
                : HelpFormatter.detail(registry, params.get(0));
        for (String line : lines) {
            writeLine(line);
        }
    }

    /** The {@code exit} built-in: says goodbye and ends the session. */
    @Command(value = {"exit", "quit", "bye", "logout"}, help = """

            Exit the command shell
            """)
    protected void exit() {
        writeLine("Goodbye");
        closeSession();
    }

    /** The {@code history} built-in: the command history, numbered. */
    @Command(value = "history", help = """

            Display the command history
            """)
    protected void showHistory() {
        List<String> entries = List.copyOf(history());
        for (int i = 0; i < entries.size(); i++) {
            writeLine(String.format("%4d  %s", i + 1, entries.get(i)));
        }
    }

    // ---------------------------------------------------------------- session plumbing (package-private)

    final void attach(SessionTerminal terminal, SessionSchedule schedule) {
        if (this.terminal != null) {
            throw new IllegalStateException("handler already serves a session: " + getClass().getName()
                    + " (expected: a new instance per connection)");
        }
        this.terminal = terminal;
        this.schedule = schedule;
    }

    final void setUsername(String username) {
        this.username = username;
    }

    final void setRawInput(String raw) {
        this.rawInput = raw;
    }

    final void requestExit() {
        exitRequested = true;
    }

    final boolean exitRequested() {
        return exitRequested;
    }

    final int exitStatus() {
        return exitStatus;
    }

    private SessionTerminal terminal() {
        SessionTerminal t = terminal;
        if (t == null) {
            throw new IllegalStateException("handler is not serving a session yet");
        }
        return t;
    }
}
