package io.github.telnetsrv.examples;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The demo's handler: the original library's "Short Example" ({@code echo} with its aliases, {@code timer}), plus
 * {@code info} and errors in red.
 */
public class DemoHandler extends TelnetHandler {

    /** The user the demo's login accepts. */
    public static final String USER = "admin";
    /** The password the demo's login accepts. */
    public static final String PASSWORD = "secret";

    private static final String RED = "\u001b[91m";
    private static final String RESET = "\u001b[0m";

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
        return login ? DemoHandler::check : null;
    }

    /** Compares in constant time, and checks both fields whatever the first gives, so timing tells nothing. */
    private static boolean check(String username, String password) {
        boolean user = sameBytes(USER, username);
        boolean pass = sameBytes(PASSWORD, password);
        return user & pass;
    }

    private static boolean sameBytes(String expected, String given) {
        byte[] a = expected.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = (given == null ? "" : given).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.security.MessageDigest.isEqual(a, b);
    }

    /** Errors in red, on a terminal; plain where colour codes would reach a program (ssh -T, an exec). */
    @Override
    public void writeError(String text) {
        super.writeError(isTerminal() ? RED + text + RESET : text);
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
}
