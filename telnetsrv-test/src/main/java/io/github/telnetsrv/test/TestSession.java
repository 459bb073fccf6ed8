package io.github.telnetsrv.test;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.protocol.TelnetCommand;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * A handler served over an in-memory connection, driven from a test as a user at a terminal would drive it: no
 * socket, no sleeping.
 *
 * <pre>{@code
 * try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
 *     session.awaitLine("Welcome to my server.");
 *     assertEquals(List.of("1 2    3 4 5"), session.command("echo 1  \"2    3\" 4\\ 5"));
 *     session.type("echo hx").press(Key.BACKSPACE).type("i");
 *     session.awaitCursorLine("Telnet Server> echo hi");
 * }
 * }</pre>
 *
 * <p><b>The client.</b> By default the session runs over an in-memory terminal ({@link Transport#MEMORY}): no
 * Telnet on the wire, keys go as the bytes an xterm sends ({@link Key}), text in the session's charset, and the
 * configured terminal type, window size and environment are known to the session from the start ({@link #resize}
 * and {@link #send(TelnetCommand)} reach it as events). With {@link Transport#TELNET} the kit plays a
 * character-mode Telnet client instead: it lets the session echo and suppress go-ahead, reports the terminal type
 * (TTYPE), window size (NAWS, again on {@link #resize}) and environment (NEW-ENVIRON), which exercises the
 * protocol as a real client would. The session runs on the chosen
 * {@linkplain Runtime runtime}'s kind of threads, exactly as a server would run it, with the given
 * {@link SessionConfig}.
 *
 * <p><b>Reading the output.</b> What the session writes is kept as {@linkplain #output() plain text} (Telnet
 * commands, terminal control sequences and bells removed), as {@linkplain #lines() finished lines} rendered as
 * they look (backspaces and erasing applied), and on a {@linkplain #screen() virtual screen} of the session's size.
 *
 * <p><b>Waiting.</b> Each {@code await...} method waits until what it expects has arrived, at most the
 * {@linkplain Builder#timeout default timeout} or the timeout it is given, and otherwise fails with an
 * {@link AssertionError} that names what was expected and shows the output since the previous await and the
 * screen. Waiting is on a condition signalled by every write of the session. The awaits that look for text
 * ({@link #awaitText}, {@link #awaitMatch}, {@link #awaitLine}, {@link #awaitPrompt}, {@link #command}) consume
 * the output: each searches from where the previous one's match ended, and moves that mark past its own match,
 * so a test walks forward through the output as a reader would (like {@code expect}). The screen awaits do not
 * move the mark.
 *
 * <p><b>Ending.</b> {@link #close()} hangs up as a client closing its connection would, and waits (bounded) for
 * the session to end: {@code sessionEnd()} has run and the session's threads are gone.
 *
 * <p>Thread-safe; meant for the test's thread, while the session runs on threads of its own. A handler method
 * a test calls directly (for instance {@code session.handler().writeMessage(...)}) runs on the calling thread.
 *
 * @param <H> the handler's class
 */
public final class TestSession<H extends TelnetHandler> implements AutoCloseable {

    /** The prompt awaited unless the builder says otherwise: {@code TelnetHandler}'s default prompt. */
    public static final String DEFAULT_PROMPT = "Telnet Server> ";
    /** How long each await waits unless the builder or the call says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The prompts of the session's login ({@code TelnetHandler.authenticator()}). */
    private static final String USERNAME_PROMPT = "Username: ";
    private static final String PASSWORD_PROMPT = "Password: ";

    /** The threads a session runs on, as the runtime modules run a served connection. */
    public enum Runtime {
        /** As {@code telnetsrv-virtual}: a virtual thread reads, and each handler task gets a new virtual thread. */
        VIRTUAL,
        /** As {@code telnetsrv-threaded}: a platform thread reads, and one platform thread runs the handler. */
        THREADED
    }

    /** What the session and the kit's client speak over the in-memory connection. */
    public enum Transport {
        /**
         * An in-memory terminal: the bytes are the text typed, in the session's charset, and nothing else; the
         * terminal type, size and environment are given to the session directly, a resize and the commands of
         * {@link TestSession#send(TelnetCommand)} reach it as events. Fast and simple to read; the default.
         */
        MEMORY,
        /**
         * Telnet, as a character-mode client speaks it: the opening negotiation, TTYPE, NAWS, NEW-ENVIRON,
         * IAC-escaped data. Exercises the protocol as a real client would.
         */
        TELNET
    }

    private final H handler;
    private final Runtime runtime;
    private final Transport transport;
    private final String prompt;
    private final Duration timeout;
    /** The screen and the output: what the user sees, and what the awaits wait on. */
    private final ClientTerminal client;
    /** The keys, resizes, commands and hang-up: what the user does. */
    private final ClientInput input;
    private final SessionRun run;
    private final AtomicBoolean closed = new AtomicBoolean();

    TestSession(H handler, SessionSettings settings) {
        this.handler = handler;
        this.runtime = settings.runtime();
        this.transport = settings.transport();
        this.prompt = ControlParser.strip(settings.prompt());
        this.timeout = settings.timeout();
        Charset charset = settings.config().charset();
        Pipe toSession = new Pipe();
        boolean telnet = transport == Transport.TELNET;
        this.client = new ClientTerminal(toSession, charset, settings.columns(), settings.rows(),
                settings.terminalType(), settings.environment(), telnet);
        MemoryTransport memory = telnet ? null : new MemoryTransport(charset, settings.terminalType(),
                settings.environment(), settings.columns(), settings.rows());
        this.input = new ClientInput(toSession, client, memory, charset, timeout);
        this.run = SessionRun.start(handler, settings, toSession, client, memory);
    }

    /**
     * A builder for sessions of handlers made by a supplier (a new handler for each session it starts).
     *
     * @param handlers makes the handler, for example {@code MyHandler::new}
     * @param <H> the handler's class
     * @return the builder, with the defaults: virtual threads, the in-memory terminal, 80x24, {@code "xterm"}, no
     *     environment
     */
    public static <H extends TelnetHandler> Builder<H> builder(Supplier<? extends H> handlers) {
        return new Builder<>(Objects.requireNonNull(handlers, "handlers"));
    }

    /**
     * A builder for a session of one handler instance, for a handler a test has set up itself (a handler serves
     * one session: the builder can start one). {@link #builder(Supplier)} is the same for a supplier; the two have
     * different names because a method reference such as {@code MyHandler::new} would fit both.
     *
     * @param handler a new handler
     * @param <H> the handler's class
     * @return the builder, with the defaults
     */
    public static <H extends TelnetHandler> Builder<H> forHandler(H handler) {
        Objects.requireNonNull(handler, "handler");
        return new Builder<>(() -> handler);
    }

    /**
     * Starts a session with the defaults: virtual threads, an in-memory 80x24 {@code "xterm"}, no environment, the
     * default {@link SessionConfig}.
     *
     * @param handlers makes the handler, for example {@code MyHandler::new}
     * @param <H> the handler's class
     * @return the running session
     */
    public static <H extends TelnetHandler> TestSession<H> start(Supplier<? extends H> handlers) {
        return TestSession.<H>builder(handlers).start();
    }

    /**
     * Settings for test sessions: the runtime, the transport, the client's terminal (size, type, environment), the
     * session's
     * {@link SessionConfig}, and what the kit waits for (the prompt, the default timeout). Not thread-safe; each
     * {@link #start()} makes a session with the settings of that moment.
     *
     * @param <H> the handler's class
     */
    public static final class Builder<H extends TelnetHandler> {

        private static final AtomicLong IDS = new AtomicLong();

        private final Supplier<? extends H> handlers;
        private Runtime runtime = Runtime.VIRTUAL;
        private Transport transport = Transport.MEMORY;
        private int columns = 80;
        private int rows = 24;
        private String terminalType = "xterm";
        private Map<String, String> environment = Map.of();
        private SessionConfig config;
        private String prompt = DEFAULT_PROMPT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private SocketAddress remoteAddress;

        private Builder(Supplier<? extends H> handlers) {
            this.handlers = handlers;
        }

        /**
         * The threads the session runs on (default {@link Runtime#VIRTUAL}).
         *
         * @param runtime the runtime
         * @return this builder
         */
        public Builder<H> runtime(Runtime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /**
         * What the session and the client speak (default {@link Transport#MEMORY}, an in-memory terminal;
         * {@link Transport#TELNET} to test over the protocol).
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder<H> transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * The terminal's window size (default 80x24), reported with NAWS over Telnet.
         *
         * @param columns the width, {@code 1..1000}
         * @param rows the height, {@code 1..1000}
         * @return this builder
         */
        public Builder<H> size(int columns, int rows) {
            SessionSettings.checkSize(columns, rows);
            this.columns = columns;
            this.rows = rows;
            return this;
        }

        /**
         * The terminal type (default {@code "xterm"}), reported with TTYPE over Telnet; the handler's
         * {@code terminalType()} gives it as sent.
         *
         * @param terminalType 1 to 40 printable ASCII characters
         * @return this builder
         */
        public Builder<H> terminalType(String terminalType) {
            this.terminalType = SessionSettings.checkTerminalType(Objects.requireNonNull(terminalType, "terminalType"));
            return this;
        }

        /**
         * The terminal's environment variables (default none); the handler's {@code environment()} gives them.
         * Over Telnet the client sends them with NEW-ENVIRON: {@code USER}, {@code DISPLAY} and the other names of
         * RFC 1572 as VARs, others as USERVARs.
         *
         * @param environment names and values
         * @return this builder
         */
        public Builder<H> environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * The session's settings (default: {@code SessionConfig.builder().build()} for each session, so each has a
         * login throttle of its own). A config given here is used as it is: sessions started with one config share
         * its login throttle, which counts failed logins per remote address across them.
         *
         * @param config the settings
         * @return this builder
         */
        public Builder<H> config(SessionConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The handler's prompt, which {@link TestSession#awaitPrompt()} and {@link TestSession#command} wait for
         * (default {@value TestSession#DEFAULT_PROMPT}, {@code TelnetHandler}'s). Colour sequences in it are
         * ignored, as in the plain output.
         *
         * @param prompt the prompt as the handler's {@code prompt()} returns it
         * @return this builder
         */
        public Builder<H> prompt(String prompt) {
            Objects.requireNonNull(prompt, "prompt");
            if (ControlParser.strip(prompt).isEmpty()) {
                throw new IllegalArgumentException("prompt: " + Quoting.quote(prompt)
                        + " (expected: some visible text to wait for)");
            }
            this.prompt = prompt;
            return this;
        }

        /**
         * How long each await waits unless given a timeout of its own (default
         * {@link TestSession#DEFAULT_TIMEOUT}); also what {@link TestSession#close()} gives the session to end.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder<H> timeout(Duration timeout) {
            this.timeout = checkTimeout(timeout);
            return this;
        }

        /**
         * The client's address, as the handler's {@code remoteAddress()} and the login throttle see it (default: a
         * loopback address with a port of its own for each session).
         *
         * @param remoteAddress the address
         * @return this builder
         */
        public Builder<H> remoteAddress(SocketAddress remoteAddress) {
            this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
            return this;
        }

        /**
         * Starts a session: makes the handler, and runs the session on the runtime's threads. Returns at once; the
         * session negotiates, then shows its banner, login or prompt.
         *
         * @return the running session
         * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
         *     (the message names the method)
         * @throws IllegalStateException if the handler already serves a session
         */
        public TestSession<H> start() {
            H handler = Objects.requireNonNull(handlers.get(), "the handler supplier returned null");
            long id = IDS.incrementAndGet();
            SocketAddress address = remoteAddress != null ? remoteAddress
                    : new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            49152 + (int) (id % 16384));
            SessionConfig sessionConfig = config != null ? config : SessionConfig.builder().build();
            return new TestSession<>(handler, new SessionSettings(id, runtime, transport, columns, rows,
                    terminalType, environment, sessionConfig, prompt, timeout, address));
        }
    }

    // ------------------------------------------------------------------ typing

    /**
     * Types text: each character as the terminal sends it, in the session's charset. {@code "\n"} and
     * {@code "\r"} are Enter; other control characters and escape sequences go as they are.
     *
     * @param text the text
     * @return this session
     * @throws AssertionError if the session has closed the connection
     */
    public TestSession<H> type(String text) {
        input.type(text);
        return this;
    }

    /**
     * Presses keys, one after the other. After {@link Key#ESCAPE} it waits until the session has taken the lone
     * ESC as the Escape key (which takes the session's escape timeout) before sending more.
     *
     * @param keys the keys
     * @return this session
     * @throws AssertionError if the session has closed the connection
     */
    public TestSession<H> press(Key... keys) {
        input.press(keys);
        return this;
    }

    /**
     * Types a line and presses Enter.
     *
     * @param text the line
     * @return this session
     * @throws AssertionError if the session has closed the connection
     */
    public TestSession<H> line(String text) {
        input.line(text);
        return this;
    }

    /**
     * Logs in: waits for the session's {@code "Username: "} and answers it, then its {@code "Password: "}.
     *
     * @param username the name to give, or {@code null} when the handler asks for none
     *     ({@code askUsername()} is false)
     * @param password the password to give, or {@code null} when the handler asks for none
     * @return this session
     * @throws AssertionError if a question does not come within the timeout
     */
    public TestSession<H> login(String username, String password) {
        if (username != null) {
            awaitText(USERNAME_PROMPT).line(username);
        }
        if (password != null) {
            awaitText(PASSWORD_PROMPT).line(password);
        }
        return this;
    }

    /**
     * Resizes the terminal window: the screen takes the new size at once (rows are cut, not reflowed) and the
     * session learns the new size before anything typed afterwards (over Telnet, a NAWS; over the in-memory
     * terminal, once the session has read what was typed before).
     *
     * @param columns the new width, {@code 1..1000}
     * @param rows the new height, {@code 1..1000}
     * @return this session
     */
    public TestSession<H> resize(int columns, int rows) {
        SessionSettings.checkSize(columns, rows);
        input.resize(columns, rows);
        return this;
    }

    /**
     * Sends a Telnet command, as a client's {@code send ip} or {@code send ayt} does. Over the in-memory terminal
     * the session gets, once it has read what was typed before, the event the command stands for: IP and BRK
     * interrupt (as Ctrl-C does), AYT asks whether the session is there, AO drops the output not yet sent, EC and
     * EL erase; NOP, DM and GA do nothing.
     *
     * @param command NOP, DM, BRK, IP, AO, AYT, EC, EL or GA
     * @return this session
     * @throws IllegalArgumentException for a command that is not complete on its own (SB, WILL, IAC...)
     * @throws AssertionError if the session has closed the connection
     */
    public TestSession<H> send(TelnetCommand command) {
        input.send(command);
        return this;
    }

    /**
     * Sends bytes exactly as given: over Telnet for protocol-level tests (an IAC in them is a Telnet command, not
     * data); over the in-memory terminal they are text in the session's charset.
     *
     * @param bytes the bytes
     * @return this session
     */
    public TestSession<H> sendBytes(byte... bytes) {
        input.sendBytes(bytes.clone());
        return this;
    }

    /**
     * Hangs up as a client closing its connection: the session reads the end of its input (what was sent before
     * is still read), interrupts a running command, and ends. Returns at once; {@link #awaitClosed()} waits for
     * the end. From then on the client answers nothing: over Telnet, a session that had not finished negotiating
     * (before its first prompt) goes on in line mode, without echo, as with {@code printf 'echo hi
' | nc -N host port}.
     */
    public void hangUp() {
        input.hangUp();
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Waits for text in the output after the mark (see the class description); the mark moves past it.
     *
     * @param text the text, as the plain output has it (no control sequences; a line break is {@code "\r\n"})
     * @return this session
     * @throws AssertionError if it does not come within the timeout, or the session closes first
     */
    public TestSession<H> awaitText(String text) {
        return awaitText(text, timeout);
    }

    /**
     * Waits for text in the output after the mark, at most the given time.
     *
     * @param text the text
     * @param timeout how long to wait at most
     * @return this session
     * @throws AssertionError if it does not come in time, or the session closes first
     */
    public TestSession<H> awaitText(String text, Duration timeout) {
        Objects.requireNonNull(text, "text");
        client.awaitText(text, checkTimeout(timeout));
        return this;
    }

    /**
     * Waits for a match of a regular expression in the plain output after the mark (the first match found as
     * the output arrives, as {@code expect} does); the mark moves past it.
     *
     * @param pattern the expression; {@code ^} and {@code $} see the whole output
     * @return the match, with its groups
     * @throws AssertionError if none comes within the timeout, or the session closes first
     */
    public MatchResult awaitMatch(Pattern pattern) {
        return awaitMatch(pattern, timeout);
    }

    /**
     * Waits for a match of a regular expression after the mark, at most the given time.
     *
     * @param pattern the expression
     * @param timeout how long to wait at most
     * @return the match, with its groups
     * @throws AssertionError if none comes in time, or the session closes first
     */
    public MatchResult awaitMatch(Pattern pattern, Duration timeout) {
        Objects.requireNonNull(pattern, "pattern");
        return client.awaitMatch(pattern, checkTimeout(timeout));
    }

    /**
     * Waits for a finished line (ended by a line break after the mark) that reads exactly {@code line} once
     * rendered, as in {@link #lines()}; the mark moves past its line break.
     *
     * @param line the whole line, without its line break or trailing blanks
     * @return this session
     * @throws AssertionError if it does not come within the timeout, or the session closes first
     */
    public TestSession<H> awaitLine(String line) {
        return awaitLine(line, timeout);
    }

    /**
     * Waits for a finished line that reads exactly {@code line}, at most the given time.
     *
     * @param line the whole line
     * @param timeout how long to wait at most
     * @return this session
     * @throws AssertionError if it does not come in time, or the session closes first
     */
    public TestSession<H> awaitLine(String line, Duration timeout) {
        Objects.requireNonNull(line, "line");
        client.awaitLine(line, checkTimeout(timeout));
        return this;
    }

    /**
     * Waits for the prompt ({@link Builder#prompt}, {@value #DEFAULT_PROMPT} by default) after the mark; the mark
     * moves past it. A prompt redrawn under an asynchronous message counts too.
     *
     * @return the lines finished between the mark and the prompt (after a command: its own line, then its output)
     * @throws AssertionError if it does not come within the timeout, or the session closes first
     */
    public List<String> awaitPrompt() {
        return awaitPrompt(timeout);
    }

    /**
     * Waits for the prompt after the mark, at most the given time.
     *
     * @param timeout how long to wait at most
     * @return the lines finished between the mark and the prompt
     * @throws AssertionError if it does not come in time, or the session closes first
     */
    public List<String> awaitPrompt(Duration timeout) {
        return client.awaitPrompt(prompt, checkTimeout(timeout));
    }

    /**
     * Runs a command as a user would: waits until the session shows its prompt with nothing typed after it,
     * types the line and Enter, and waits for the next prompt. The mark moves past that prompt.
     *
     * <p>Keys {@link #type typed} just before are judged by their echo: when another of the session's threads is
     * writing, the echo of keys the session has already read can still be on its way, so await it (for instance
     * with {@link #awaitCursorLine}) before calling this when the line must not be there.
     *
     * @param line the command line
     * @return the lines the command printed (between the line it was typed on and the next prompt)
     * @throws AssertionError if the prompt does not come, before or after, within the timeout (the whole
     *     exchange has one timeout), or the session closes first
     */
    public List<String> command(String line) {
        return command(line, timeout);
    }

    /**
     * Runs a command as a user would, at most the given time for the whole exchange.
     *
     * @param line the command line
     * @param timeout how long to wait at most
     * @return the lines the command printed
     * @throws AssertionError if the prompt does not come in time, or the session closes first
     */
    public List<String> command(String line, Duration timeout) {
        Objects.requireNonNull(line, "line");
        return client.command(line, input.commandBytes(line), prompt, checkTimeout(timeout));
    }

    /**
     * Waits until the screen satisfies a condition (checked after each write of the session). Does not move the
     * mark.
     *
     * @param condition the condition
     * @return the first screen that satisfied it
     * @throws AssertionError if none does within the timeout, or the session closes first
     */
    public Screen awaitScreen(Predicate<Screen> condition) {
        return awaitScreen(condition, timeout);
    }

    /**
     * Waits until the screen satisfies a condition, at most the given time.
     *
     * @param condition the condition
     * @param timeout how long to wait at most
     * @return the first screen that satisfied it
     * @throws AssertionError if none does in time, or the session closes first
     */
    public Screen awaitScreen(Predicate<Screen> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        return client.awaitScreen("the screen to satisfy the condition", condition, checkTimeout(timeout));
    }

    /**
     * Waits until the cursor's row reads exactly {@code text}, trailing blanks aside on both sides (so
     * {@code awaitCursorLine(DEFAULT_PROMPT)} waits for the prompt with nothing typed): the prompt and the line as
     * edited so far, while the session reads a line. Does not move the mark.
     *
     * @param text the row's text
     * @return the screen that showed it
     * @throws AssertionError if it does not show within the timeout, or the session closes first
     */
    public Screen awaitCursorLine(String text) {
        return awaitCursorLine(text, timeout);
    }

    /**
     * Waits until the cursor's row reads exactly {@code text}, at most the given time.
     *
     * @param text the row's text
     * @param timeout how long to wait at most
     * @return the screen that showed it
     * @throws AssertionError if it does not show in time, or the session closes first
     */
    public Screen awaitCursorLine(String text, Duration timeout) {
        Objects.requireNonNull(text, "text");
        String row = text.stripTrailing();
        return client.awaitScreen("the cursor's row to read " + Quoting.quote(row),
                screen -> screen.cursorLine().equals(row), checkTimeout(timeout));
    }

    /**
     * Waits until the session has ended: it closed the connection, {@code sessionEnd()} has run and its threads
     * are gone.
     *
     * @throws AssertionError if it does not end within the timeout
     */
    public void awaitClosed() {
        awaitClosed(timeout);
    }

    /**
     * Waits until the session has ended, at most the given time.
     *
     * @param timeout how long to wait at most
     * @throws AssertionError if it does not end in time
     */
    public void awaitClosed(Duration timeout) {
        client.awaitEnded(checkTimeout(timeout));
    }

    // ------------------------------------------------------------------ reading

    /**
     * Everything the session wrote so far as plain text: Telnet commands, terminal control sequences (cursor
     * moves, erasing, colours), bells and NULs removed; CR, LF, backspace and tab kept as written (a line break
     * is {@code "\r\n"}).
     *
     * @return the plain output
     */
    public String output() {
        return client.plain();
    }

    /**
     * Everything the session wrote so far, decoded, with only the Telnet commands removed: control sequences
     * included.
     *
     * @return the raw output
     */
    public String rawOutput() {
        return client.raw();
    }

    /**
     * The plain output after the mark: what arrived after the previous await's match.
     *
     * @return the plain output after the mark
     */
    public String outputSinceLastAwait() {
        return client.sinceMark();
    }

    /**
     * The lines finished so far (each ended by a line break), as they look once rendered: backspaces, erasing and
     * carriage returns within a line applied, colours removed, trailing blanks left out. A line the session
     * redrew (an edited command line, a message printed over the prompt) reads as it finally looked.
     *
     * @return the lines, oldest first
     */
    public List<String> lines() {
        return client.lines();
    }

    /**
     * The finished lines and the line being written, joined with {@code "\n"}: the whole conversation as it
     * would read in a terminal with endless scrollback.
     *
     * @return the transcript
     */
    public String transcript() {
        return client.transcriptText();
    }

    /**
     * What the terminal shows now.
     *
     * @return a snapshot of the screen
     */
    public Screen screen() {
        return client.screen();
    }

    /**
     * Whether the session has closed its connection (its {@code sessionEnd()} has run; its threads may still be
     * finishing: {@link #awaitClosed()} waits for them).
     *
     * @return true once the session has closed the connection
     */
    public boolean closed() {
        return client.disconnectedNow();
    }

    /**
     * The handler the session serves.
     *
     * @return the handler
     */
    public H handler() {
        return handler;
    }

    /**
     * What the session and the kit's client speak.
     *
     * @return the transport
     */
    public Transport transport() {
        return transport;
    }

    /**
     * The threads the session runs on.
     *
     * @return the runtime
     */
    public Runtime runtime() {
        return runtime;
    }

    /**
     * Hangs up (unless done already) and waits for the session to end: {@code sessionEnd()} has run and its threads
     * are gone. If it has not ended within the timeout the session is closed from the server's side and given as
     * long again. Idempotent.
     *
     * @throws AssertionError if the session does not end, or {@link TelnetSession#run()} threw
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        hangUp();
        run.awaitEnd(timeout);
    }

    @Override
    public String toString() {
        return "TestSession[" + handler.getClass().getName() + ", " + runtime + ", " + transport
                + (closed() ? ", closed" : "") + "]";
    }

    // ------------------------------------------------------------------ internals

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: zero or more)");
        }
        return timeout;
    }
}
