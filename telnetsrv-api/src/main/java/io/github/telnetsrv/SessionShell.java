package io.github.telnetsrv;

import static io.github.telnetsrv.TelnetHandler.EXIT_FAILED;
import static io.github.telnetsrv.TelnetHandler.EXIT_INTERRUPTED;
import static io.github.telnetsrv.TelnetHandler.EXIT_OK;
import static io.github.telnetsrv.TelnetHandler.EXIT_UNKNOWN_COMMAND;
import static io.github.telnetsrv.TelnetHandler.EXIT_USAGE;

import io.github.telnetsrv.internal.command.ArgumentException;
import io.github.telnetsrv.internal.command.CommandInfo;
import io.github.telnetsrv.internal.command.CommandLineParser;
import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult;
import io.github.telnetsrv.internal.command.CommandRegistry;
import io.github.telnetsrv.internal.command.Signature;
import io.github.telnetsrv.internal.session.ClientFacts;
import io.github.telnetsrv.internal.session.SessionTerminal;
import io.github.telnetsrv.spi.ClientText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell of a session, whatever its transport: the opening (banner, login with its limits, welcome,
 * {@code sessionStart()}), the command line (continuation lines, the bound on a command's length, parsing,
 * dispatch, failures) and Tab completion's candidates.
 *
 * <p>Every method runs handler code on the calling thread, a handler task of the session; none is called under
 * the terminal's lock. The session's lifecycle (which task runs what, and the end) is its owner's.
 */
final class SessionShell {

    private static final Logger LOG = LoggerFactory.getLogger(SessionShell.class);
    private static final long MAX_LOGIN_DELAY_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The delay grows to eight times the base at most: 1 s, 2 s, 4 s, then 8 s with the defaults. */
    private static final int MAX_DOUBLINGS = 3;
    private static final String TOO_MANY_FAILURES = "Too many failed logins; try again later.\n";

    private final TelnetHandler handler;
    /** Told when the login prompts begin. */
    private final SessionLifecycle lifecycle;
    private final SessionTerminal terminal;
    private final SessionConfig config;
    private final CommandRegistry registry;
    private final SocketAddress remote;
    private final long createdNanos;
    /** The name of the command running now, or null. */
    private volatile String runningCommand;

    /**
     * A shell.
     *
     * @param handler the handler
     * @param terminal the session's terminal
     * @param config the session's settings
     * @param createdNanos when the connection was made ({@link System#nanoTime()}): the login deadline counts from it
     * @param lifecycle the session's lifecycle, told when the login prompts begin
     */
    SessionShell(TelnetHandler handler, SessionTerminal terminal, SessionConfig config, long createdNanos,
            SessionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.handler = handler;
        this.terminal = terminal;
        this.config = config;
        this.registry = CommandRegistry.of(handler.getClass());
        this.remote = terminal.remoteAddress();
        this.createdNanos = createdNanos;
    }

    /**
     * The opening: waits for the negotiation, shows the banner, logs in, shows the welcome, runs
     * {@code sessionStart()}.
     *
     * @return false if the login failed (or the session ended during it): the session is to end
     * @throws InterruptedException if a login delay was interrupted (the session is ending)
     */
    boolean open() throws InterruptedException {
        return open(true);
    }

    /**
     * The opening of a session that runs one command line instead of the shell (an SSH exec channel): the login
     * its transport did, then {@code sessionStart()}; no banner and no welcome.
     *
     * @return false if the session ended during it
     * @throws InterruptedException if the session is ending
     */
    boolean openForCommand() throws InterruptedException {
        return open(false);
    }

    private boolean open(boolean interactive) throws InterruptedException {
        terminal.awaitNegotiation(config.negotiationWait().toNanos());
        if (interactive) {
            printBlock(handler.issue());
        }
        if (!login()) {
            return false;
        }
        terminal.limits().loggedIn();
        if (interactive) {
            printBlock(handler.welcome());
        }
        handler.sessionStart();
        return true;
    }

    /**
     * Runs one whole command line, with no continuation lines (an SSH exec request).
     *
     * @param line the command line
     * @return its exit status (see {@code TelnetHandler.setExitStatus})
     */
    int runOnce(String line) {
        if (line.length() > config.maxCommandLength()) {
            commandTooLong();
            return EXIT_USAGE;
        }
        ParseResult parsed = CommandLineParser.lines().add(line);
        if (parsed instanceof ParseResult.Incomplete) {
            handler.writeError("Incomplete command line (an unterminated quote or a trailing backslash): " + line);
            return EXIT_USAGE;
        }
        List<String> words = ((ParseResult.Complete) parsed).words();
        return words.isEmpty() ? EXIT_OK : dispatch(words, line);
    }

    /**
     * The prompt to show next, from the handler: {@code null} means none; a failure is logged and {@code "> "}
     * used.
     *
     * @return the prompt
     */
    String prompt() {
        return promptFrom(handler::prompt, "prompt()", "> ");
    }

    /**
     * The command running now.
     *
     * @return its name (upper case), or empty
     */
    Optional<String> runningCommand() {
        return Optional.ofNullable(runningCommand);
    }

    /**
     * Runs a command line entered at the prompt: reads its continuation lines, parses and dispatches it. A failure
     * of the command goes to the handler's {@code commandFailed}; the session goes on.
     *
     * @param firstLine the line entered
     */
    void execute(String firstLine) {
        int max = config.maxCommandLength();
        if (firstLine.length() > max) {
            commandTooLong();
            return;
        }
        StringBuilder raw = new StringBuilder(firstLine);
        CommandLineParser.Lines lines = CommandLineParser.lines();
        ParseResult parsed = lines.add(firstLine);
        while (parsed instanceof ParseResult.Incomplete) {
            String more;
            try {
                more = terminal.lines().readLine(
                        promptFrom(handler::continuationPrompt, "continuationPrompt()", "... "), true, false, 0L);
            } catch (InputInterruptedException e) {
                return; // Ctrl-C abandons the whole command
            }
            if (more == null) {
                return;
            }
            if (lines.length() + 1 + more.length() > max) {
                commandTooLong();
                return;
            }
            raw.append('\n').append(more);
            parsed = lines.add(more);
        }
        List<String> words = ((ParseResult.Complete) parsed).words();
        if (words.isEmpty()) {
            return;
        }
        dispatch(words, raw.toString());
    }

    /** Runs a parsed command line; returns its exit status. */
    private int dispatch(List<String> words, String raw) {
        String name = words.get(0);
        List<String> params = new ArrayList<>(words.subList(1, words.size()));
        Optional<CommandInfo> command = registry.find(name);
        handler.setRawInput(raw);
        if (command.isEmpty()) {
            try {
                handler.unknownCommand(name);
            } catch (RuntimeException e) {
                LOG.error("{}: unknownCommand() failed", remote, e);
            }
            return EXIT_UNKNOWN_COMMAND;
        }
        if (!terminal.tasks().commandStarted(Thread.currentThread())) {
            return EXIT_INTERRUPTED;
        }
        LOG.debug("{}: command {}", remote, command.get().name());
        runningCommand = name.toUpperCase(Locale.ROOT);
        int status = EXIT_OK;
        try {
            command.get().invoke(handler, params);
        } catch (ArgumentException e) {
            // The words do not fit the command's parameters: the user's mistake, not the server's.
            LOG.debug("{}: command {}: {}", remote, ClientText.forLog(name), ClientText.forLog(e.getMessage()));
            status = EXIT_USAGE;
            handler.writeError(name.toLowerCase(Locale.ROOT) + ": " + e.getMessage());
            terminal.printError("Usage: " + name.toLowerCase(Locale.ROOT) + " " + command.get().parameters() + "\n");
        } catch (InputInterruptedException | InterruptedException e) {
            LOG.debug("{}: command {} interrupted", remote, ClientText.forLog(name));
            status = EXIT_INTERRUPTED;
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            // Other errors (out of memory, internal JVM errors) end the session.
            Thread.interrupted();
            status = EXIT_FAILED;
            try {
                handler.commandFailed(name, e);
            } catch (RuntimeException hookFailure) {
                hookFailure.addSuppressed(e);
                LOG.error("{}: commandFailed() failed for {}", remote, ClientText.forLog(name), hookFailure);
            }
        } finally {
            runningCommand = null;
            terminal.tasks().commandEnded();
            Thread.interrupted();
        }
        return status;
    }

    /**
     * Tab completion: command names for the first word, the handler's hook for the others.
     *
     * @param line the whole line
     * @param wordStart where the word being completed starts
     * @param cursor the cursor
     * @return the candidates
     */
    List<String> complete(String line, int wordStart, int cursor) {
        String word = line.substring(wordStart, cursor);
        if (line.substring(0, wordStart).isBlank()) {
            String prefix = word.toLowerCase(Locale.ROOT);
            List<String> names = new ArrayList<>();
            for (String name : registry.visibleNames()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith(prefix)) {
                    names.add(lower);
                }
            }
            return names;
        }
        List<String> before = wordsOf(line.substring(0, wordStart));
        if (before.isEmpty()) {
            return List.of();
        }
        String command = before.get(0);
        List<String> arguments = before.subList(1, before.size());
        try {
            Signature.Candidates offered = new Signature.Candidates(null, List.of());
            Optional<CommandInfo> info = registry.find(command);
            if (info.isPresent() && info.get().signature().isPresent()) {
                offered = info.get().signature().get().complete(handler, arguments, word);
            }
            List<String> candidates = handler.complete(new Completion(command, arguments.size(), offered.option(),
                    arguments, word, offered.values()));
            return candidates == null ? List.of() : candidates;
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            LOG.warn("{}: completion failed", remote, e);
            return List.of();
        }
    }

    /** The words of a partial command line, as parsed; an unterminated quote keeps its words so far. */
    private static List<String> wordsOf(String text) {
        ParseResult parsed = CommandLineParser.lines().add(text);
        if (parsed instanceof ParseResult.Complete complete) {
            return complete.words();
        }
        return List.of(text.strip().split("\\s+"));
    }

    /** One error line for a command line over {@link SessionConfig#maxCommandLength()}; the session goes on. */
    private void commandTooLong() {
        LOG.info("{}: command line over {} characters, dropped", remote, config.maxCommandLength());
        handler.writeError("Command too long (over " + config.maxCommandLength() + " characters); ignored");
    }

    private boolean login() throws InterruptedException {
        String authenticated = terminal.authenticatedUser();
        if (authenticated != null) {
            // The transport logged the user in (SSH): no prompt, whatever the handler's authenticator.
            handler.setUsername(ClientFacts.username(authenticated)); // shown to operators: no control characters
            return true;
        }
        Authenticator authenticator = handler.authenticator();
        if (authenticator == null) {
            return true;
        }
        lifecycle.moveTo(TelnetSession.State.LOGIN);
        LoginThrottle throttle = config.loginThrottle();
        InetAddress address = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (throttle.isBlocked(address)) {
            LOG.warn("{}: login refused: too many failed logins from this address", remote);
            terminal.print(TOO_MANY_FAILURES);
            return false;
        }
        boolean askUsername = handler.askUsername();
        boolean askPassword = handler.askPassword();
        long deadline = createdNanos + config.loginTimeout().toNanos();
        long baseDelay = config.loginFailureDelay().toNanos();
        int failures = 0;
        while (true) {
            String username = null;
            String password = null;
            try {
                if (askUsername) {
                    username = terminal.lines().readLine("Username: ", true, false, deadline);
                    if (username == null) {
                        return loginEnded();
                    }
                }
                if (askPassword) {
                    password = terminal.lines().readLine("Password: ", false, false, deadline);
                    if (password == null) {
                        return loginEnded();
                    }
                }
            } catch (InputInterruptedException e) {
                continue; // Ctrl-C starts the attempt again; the deadline still runs
            }
            boolean accepted;
            try {
                accepted = authenticator.authenticate(username, password);
            } catch (Exception e) {
                LOG.warn("{}: authenticator failed", remote, e);
                accepted = false;
            }
            if (accepted) {
                handler.setUsername(ClientFacts.username(username)); // shown to operators: no control characters
                LOG.info("{}: logged in{}", remote, username == null ? "" : " as " + ClientText.forLog(username));
                return true;
            }
            failures++;
            int fromAddress = throttle.recordFailure(address);
            LOG.info("{}: login failed ({} of {}; {} from this address)", remote, failures,
                    config.maxLoginAttempts(), fromAddress);
            terminal.tasks().pause(Math.min(loginDelay(baseDelay, Math.max(failures, fromAddress)),
                    Math.max(0, deadline - System.nanoTime())));
            terminal.print("Login incorrect\n");
            if (throttle.isBlocked(address)) {
                LOG.warn("{}: too many failed logins from this address: refused for a while", remote);
                terminal.print(TOO_MANY_FAILURES);
                return false;
            }
            if (failures >= config.maxLoginAttempts()) {
                terminal.print("Too many failed login attempts\n");
                return false;
            }
            if (terminal.tasks().closed()) {
                return false;
            }
        }
    }

    /**
     * The delay after the n-th failure (counting the address's recent failures): the base, doubled for each
     * failure before, at most eight times the base (and a minute). Reconnecting does not start it over; past the
     * address's budget, refusal takes over from the delay.
     */
    private static long loginDelay(long baseNanos, int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS);
        return Math.min(baseNanos << doublings, MAX_LOGIN_DELAY_NANOS);
    }

    private boolean loginEnded() {
        if (terminal.tasks().timedOut() && !terminal.tasks().closed()) {
            terminal.print("Login timed out\n");
            LOG.info("{}: login timed out after {}", remote, config.loginTimeout());
        }
        return false;
    }

    private void printBlock(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        terminal.print(text.endsWith("\n") ? text : text + "\n");
    }

    /** A prompt from the handler: {@code null} means none; a failure is logged and {@code fallback} used. */
    private String promptFrom(Supplier<String> method, String name, String fallback) {
        try {
            String prompt = method.get();
            return prompt == null ? "" : prompt;
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed", remote, name, e);
            return fallback;
        }
    }
}
