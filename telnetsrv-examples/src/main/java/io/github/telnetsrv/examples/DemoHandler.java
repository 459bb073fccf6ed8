package io.github.telnetsrv.examples;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.Command;
import io.github.telnetsrv.Converter;
import io.github.telnetsrv.Option;
import io.github.telnetsrv.Param;
import io.github.telnetsrv.Style;
import io.github.telnetsrv.Table;
import io.github.telnetsrv.TelnetHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The demo's handler: the original library's "Short Example" ({@code echo} with its aliases, {@code timer}), plus
 * {@code info}, {@code env} (a table), errors in red, and two typed commands: {@code greet} (options and a positional parameter) and
 * {@code remind} (an enum option with completion, a rest parameter, a converter of the handler's own).
 */
public class DemoHandler extends TelnetHandler {

    /** The user the demo's login accepts. */
    public static final String USER = "admin";
    /** The password the demo's login accepts. */
    public static final String PASSWORD = "secret";
    /**
     * The logins the demo accepts, over Telnet ({@code --login}) and SSH: {@value #USER} with the hash of
     * {@value #PASSWORD}, made by {@code PasswordHash.create("secret".toCharArray())}; checked in constant time.
     */
    public static final Authenticator LOGINS = Authenticator.ofHashes(Map.of(USER,
            "pbkdf2-sha256$600000$Hiqf6YWJ8ujch152FiLDjQ$twc2DjdUVB10kpYXRodRmPePu+jqhL8sRGrUDCilCu8"));

    private static final Style ERROR = Style.plain().fg(Style.Color.BRIGHT_RED);

    private final boolean login;

    /** A handler without login. */
    public DemoHandler() {
        this(false);
    }

    /**
     * A handler.
     *
     * @param login whether to ask a username and password (accepting {@value #USER} / {@value #PASSWORD})
     */
    public DemoHandler(boolean login) {
        this.login = login;
    }

    @Override
    protected String welcome() {
        return "Welcome to my server.";
    }

    @Override
    protected Authenticator authenticator() {
        return login ? LOGINS : null;
    }

    /** Errors in red, on a terminal; plain where colour codes would reach a program (netcat, ssh -T, an exec). */
    @Override
    public void writeError(String text) {
        super.writeError(styled(text, ERROR));
    }

    @Command(value = {"echo", "copy", "repeat"}, help = """
            <text to echo>
            Echo text back to the console.

            """)
    void echo(List<String> params) {
        writeResult(String.join(" ", params));
    }

    @Command(value = "timer", help = """
            <time> <message>
            In <time> seconds, display <message>.
            Send a message after a delay.
            <time> is in seconds.
            If <message> is more than one word, quotes are required.
            example:
            > TIMER 5 "hello world!"
            """)
    void timer(List<String> params) {
        int time;
        String message;
        try {
            time = Integer.parseInt(params.get(0));
            message = params.get(1);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            writeError("Need both a time and a message");
            return;
        }
        if (time < 0 || time > 86_400) {
            writeError("Need a time from 0 to 86400 seconds");
            return;
        }
        writeResult("Waiting " + time + " seconds...");
        // Cancelled by the session's end: nothing outlives the session.
        schedule(Duration.ofSeconds(time), () -> writeMessage(message));
    }

    @Command(value = "info", help = """

            Show what the server knows about this console.
            """)
    void info() {
        writeResult("user: " + (username() == null ? "(none)" : username()));
        writeResult("terminal: " + (terminalType() == null ? "(unknown)" : terminalType()));
        writeResult("size: " + width() + "x" + height());
        writeResult("remote: " + (remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(remoteAddress())));
        List<String> history = List.copyOf(history());
        writeResult("history: " + history.size() + (history.isEmpty() ? "" : " " + history));
    }

    @Command(value = "env", help = """

            Show the environment the client sent.
            A table of the variables the client sent (TERM, LANG, USER...), fitted to the window.
            """)
    void env() {
        Map<String, String> environment = new TreeMap<>(environment());
        if (environment.isEmpty()) {
            writeResult("(the client sent no environment)");
            return;
        }
        Table table = Table.of("VARIABLE", "VALUE").headerStyle(Style.BOLD);
        environment.forEach((name, value) -> table.row(name, value));
        writeTable(table);
    }

    @Command(value = "greet", help = """

            Greet someone.
            Prints "Hello, NAME!" N times, in capitals with --loud.
            """)
    void greet(@Option(value = {"-t", "--times"}, defaultValue = "1", description = "how many times, 1 to 100")
            int times,
            @Option(value = {"-l", "--loud"}, description = "shout") boolean loud,
            @Param(name = "NAME", description = "who to greet") String name) {
        if (times < 1 || times > 100) {
            writeError("greet: --times: expected 1 to 100, got " + times);
            setExitStatus(EXIT_USAGE);
            return;
        }
        String line = "Hello, " + name + "!";
        for (int i = 0; i < times; i++) {
            writeResult(loud ? line.toUpperCase(Locale.ROOT) : line);
        }
    }

    /** How urgent a reminder is. */
    public enum Level {
        /** Plain. */
        INFO,
        /** In yellow. */
        WARN,
        /** In bold red. */
        ALERT
    }

    /**
     * A delay the demo's own converter reads: {@code 30s}, {@code 2m}, or minutes and seconds as {@code 1:30}.
     *
     * @param duration the delay
     */
    public record Delay(Duration duration) {
    }

    @Command(value = "remind", help = """

            Remind me of something later.
            Shows TEXT as a message after the delay (at once without --in); the line being typed is redrawn.
            example:
            > REMIND --in 1:30 --level warn tea is ready
            """)
    void remind(@Option(value = "--in", valueName = "DELAY", description = "30s, 2m or 1:30 (minutes:seconds)")
            Optional<Delay> in,
            @Option(value = "--level", defaultValue = "info", description = "info, warn or alert")
            Level level,
            @Param(name = "TEXT", description = "what to remind of") List<String> text) {
        if (text.isEmpty()) {
            writeError("remind: missing TEXT");
            setExitStatus(EXIT_USAGE);
            return;
        }
        String words = String.join(" ", text);
        String message = switch (level) {
            case INFO -> words;
            case WARN -> styled("WARN: " + words, Style.plain().fg(Style.Color.YELLOW));
            case ALERT -> styled("ALERT: " + words, Style.BOLD.fg(Style.Color.BRIGHT_RED));
        };
        Duration delay = in.map(Delay::duration).orElse(Duration.ZERO);
        writeResult("Reminding in " + delay.toSeconds() + " seconds.");
        schedule(delay, () -> writeMessage(message));
    }

    /**
     * The demo's own converter, for {@link Delay}: a word that is not a delay is the user's mistake
     * ({@link IllegalArgumentException}), whatever in it does not parse or overflows.
     *
     * @param text {@code 30s}, {@code 2m} or {@code 1:30}
     * @return the delay, at most a day
     * @throws IllegalArgumentException if the text is not a delay of at most a day
     */
    @Converter("a delay such as 30s, 2m or 1:30")
    static Delay delay(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.length() > 20) {
            throw new IllegalArgumentException("too long: " + t.length() + " characters");
        }
        Duration duration;
        try {
            int colon = t.indexOf(':');
            if (colon > 0) {
                duration = Duration.ofMinutes(Long.parseLong(t.substring(0, colon)))
                        .plusSeconds(Integer.parseInt(t.substring(colon + 1)));
            } else if (t.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                throw new IllegalArgumentException(text);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(text, e); // more minutes than a Duration holds
        }
        if (duration.isNegative() || duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(text);
        }
        return new Delay(duration);
    }
}
