package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.TelnetServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo server (in this JVM, on an ephemeral port) used through real clients in a terminal: inetutils telnet,
 * netkit telnet (Debian's {@code telnet-ssl}), busybox telnet and OpenBSD netcat, each run in a tmux pane and
 * driven with {@code send-keys}, the screen read with {@code capture-pane}.
 *
 * <p>A missing tool skips these tests, except when the environment variable {@code CI} is {@code true}: CI must
 * run them, so there it fails ({@code .ci/run} installs {@code telnet telnet-ssl busybox netcat-openbsd tmux}).
 */
class RealClientsTest {

    private static final String PROMPT = "Telnet Server>";
    private static final String WELCOME = "Welcome to my server.";
    private static final String PACKAGES = "telnet telnet-ssl busybox netcat-openbsd tmux";
    /** The error line of a bad argument to greet, and the usage line after it. */
    private static final String GREET_ERROR = "greet: --times: expected an integer, got 'x'";
    private static final String GREET_USAGE = "Usage: greet [--times N] [--loud] NAME";
    /** What {@code help greet} prints: the generated usage, the long text, the parameters and the options. */
    private static final List<String> GREET_HELP = List.of("GREET [--times N] [--loud] NAME", "",
            "Prints \"Hello, NAME!\" N times, in capitals with --loud.", "", "Arguments:",
            "  NAME           who to greet", "", "Options:", "  -t, --times N  how many times, 1 to 100 (default: 1)",
            "  -l, --loud     shout");
    /** Bright red, as tmux writes it in a styled capture. */
    private static final String RED = "\u001b[91m";

    /** The Telnet clients, each by its own binary so that all of them can be installed side by side. */
    enum Client {
        /** GNU inetutils telnet (Debian package {@code inetutils-telnet}, pulled in by {@code telnet}). */
        INETUTILS("inetutils-telnet", ""),
        /** netkit telnet as Debian ships it today, with SSL support (package {@code telnet-ssl}). */
        NETKIT("telnet-ssl", ""),
        /** busybox's telnet applet (package {@code busybox}). */
        BUSYBOX("busybox", "telnet ");

        private final String binary;
        private final String subcommand;

        Client(String binary, String subcommand) {
            this.binary = binary;
            this.subcommand = subcommand;
        }

        String command(Path executable, int port) {
            return executable + " " + subcommand + "127.0.0.1 " + port;
        }
    }

    @TempDir
    Path dir;

    private Tmux tmux;
    private TelnetServer server;

    @AfterEach
    void stop() {
        if (tmux != null) {
            tmux.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> telnetClients() {
        List<Arguments> all = new ArrayList<>();
        for (Client client : Client.values()) {
            for (String mode : List.of("virtual", "threaded")) {
                all.add(Arguments.of(client, mode));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} on the {1} runtime")
    @MethodSource("telnetClients")
    void telnetClientEditsRecallsSeesMessagesAboveItsLineAndIsClosedByBye(Client client, String mode)
            throws IOException {
        startTelnet(client, mode);

        tmux.awaitTail(WELCOME, PROMPT);

        tmux.type("echo hi");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo hi", "hi", PROMPT);

        // Left arrow, then insert in the middle of the line.
        tmux.type("echo ac");
        tmux.press("Left");
        tmux.type("b");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo abc", "abc", PROMPT);

        // Delete (ESC [ 3 ~) removes the character under the cursor.
        tmux.type("echo fooXd");
        tmux.press("Left", "Left", "DC");
        tmux.awaitTail("abc", PROMPT + " echo food");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo food", "food", PROMPT);

        // Up recalls the previous command, with the cursor at its end; Enter runs it again.
        tmux.press("Up");
        List<String> recalled = tmux.awaitTail("food", PROMPT + " echo food");
        assertCursorAtEndOfLastRow(recalled);
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo food", "food", PROMPT + " echo food", "food", PROMPT);

        // A message from another thread prints above the prompt and redraws the partly typed line.
        tmux.type("timer 1 hi");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " timer 1 hi", "Waiting 1 seconds...", PROMPT);
        tmux.type("echo par");
        tmux.awaitTail("Waiting 1 seconds...", PROMPT + " echo par");
        List<String> redrawn = tmux.awaitTail("Waiting 1 seconds...", "hi", PROMPT + " echo par");
        assertCursorAtEndOfLastRow(redrawn);
        tmux.press("Enter");
        tmux.awaitTail("hi", PROMPT + " echo par", "par", PROMPT);

        // Everything written before the close reaches the client: the echoed line end, then "Goodbye".
        tmux.type("bye");
        tmux.press("Enter");
        tmux.awaitRows(PROMPT + " bye", "Goodbye");
        tmux.awaitExit();
        awaitNoSessions();
    }

    @ParameterizedTest(name = "{0} on the {1} runtime")
    @MethodSource("telnetClients")
    void tabCompletesATypedCommandsOptionAndItsEnumValues(Client client, String mode) throws IOException {
        startTelnet(client, mode);
        tmux.awaitTail(WELCOME, PROMPT);

        // An option's name, with the space after it: the cursor is one past "--loud".
        tmux.type("greet --l");
        tmux.press("Tab");
        List<String> screen = tmux.awaitTail(WELCOME, PROMPT + " greet --loud");
        awaitCursor((PROMPT + " greet --loud ").length(), screen.size() - 1);
        tmux.type("bob");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " greet --loud bob", "HELLO, BOB!", PROMPT);

        // An option's name, then a value of its enum; the reminder's message comes above a fresh prompt.
        tmux.type("remind --le");
        tmux.press("Tab");
        screen = tmux.awaitTail("HELLO, BOB!", PROMPT + " remind --level");
        awaitCursor((PROMPT + " remind --level ").length(), screen.size() - 1);
        tmux.type("w");
        tmux.press("Tab");
        screen = tmux.awaitTail("HELLO, BOB!", PROMPT + " remind --level warn");
        awaitCursor((PROMPT + " remind --level warn ").length(), screen.size() - 1);
        tmux.type("tea");
        tmux.press("Enter");
        screen = tmux.awaitTail(PROMPT + " remind --level warn tea", "Reminding in 0 seconds.", "WARN: tea", PROMPT);
        awaitCursor(PROMPT.length() + 1, screen.size() - 1);
    }

    @ParameterizedTest(name = "{0} on the {1} runtime")
    @MethodSource("telnetClients")
    void aBadArgumentGetsARedErrorLineAndTheUsageAndHelpShowsTheOptions(Client client, String mode)
            throws IOException {
        startTelnet(client, mode);
        tmux.awaitTail(WELCOME, PROMPT);

        // One error line naming the option and the word, in red, then the usage, then a prompt.
        tmux.type("greet --times x bob");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " greet --times x bob", GREET_ERROR, GREET_USAGE, PROMPT);
        assertRedErrorThenPlainUsage();

        // The session goes on.
        tmux.type("greet -t 2 ann");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " greet -t 2 ann", "Hello, ann!", "Hello, ann!", PROMPT);

        // help: the generated usage, the long text, the arguments and the options.
        tmux.type("help greet");
        tmux.press("Enter");
        List<String> help = new ArrayList<>();
        help.add(PROMPT + " help greet");
        help.addAll(GREET_HELP);
        help.add(PROMPT);
        tmux.awaitTail(help.toArray(String[]::new));
    }

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void netcatGetsALineModeSessionWithoutServerEcho(String mode) throws IOException {
        Path nc = requireTool("nc.openbsd", "netcat-openbsd");
        start(mode, false, port -> nc + " 127.0.0.1 " + port);

        // netcat never negotiates: after the negotiation wait the session starts in line mode. The server's
        // opening negotiation reaches the terminal as raw bytes, so the welcome row has a prefix.
        tmux.await("a row ending with '" + WELCOME + "' and then the prompt", s -> s.size() >= 2
                && s.get(s.size() - 2).endsWith(WELCOME) && s.get(s.size() - 1).equals(PROMPT));

        // The terminal echoes the line once (the server must not echo it a second time).
        tmux.type("echo hi");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo hi", "hi", PROMPT);

        // The message prints above a fresh prompt; the line typed meanwhile is still the terminal's to send.
        tmux.type("timer 1 hi");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " timer 1 hi", "Waiting 1 seconds...", PROMPT);
        tmux.type("echo par");
        tmux.awaitTail("Waiting 1 seconds...", PROMPT + " echo par");
        tmux.awaitTail("Waiting 1 seconds...", "hi", PROMPT);
        tmux.press("Enter");
        tmux.awaitTail("hi", PROMPT, "par", PROMPT);

        tmux.type("bye");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " bye", "Goodbye");
        awaitNoSessions();
        // netcat notices the closed connection only when it next writes to it: one more Enter ends it.
        tmux.press("Enter");
        tmux.awaitExit();
    }

    @Test
    void loginThroughInetutilsTelnetNeverShowsThePassword() throws IOException {
        Path telnet = requireTool(Client.INETUTILS.binary, "inetutils-telnet");
        start("virtual", true, port -> Client.INETUTILS.command(telnet, port));

        tmux.awaitTail("Username:");
        tmux.type(DemoHandler.USER);
        tmux.press("Enter");
        tmux.awaitTail("Username: " + DemoHandler.USER, "Password:");
        tmux.type(DemoHandler.PASSWORD);
        tmux.press("Enter");
        List<String> screen = tmux.awaitTail("Username: " + DemoHandler.USER, "Password:", WELCOME, PROMPT);
        assertTrue(screen.stream().noneMatch(row -> row.contains(DemoHandler.PASSWORD)), "the password was shown");

        tmux.type("info");
        tmux.press("Enter");
        // The server knows the user, the window size the client reported (NAWS) and the client's address.
        tmux.await("info rows for user admin, size 100x40 and a loopback remote address", s -> {
            int at = s.indexOf(PROMPT + " info");
            return at >= 0 && s.size() > at + 4 && s.get(at + 1).equals("user: " + DemoHandler.USER)
                    && s.get(at + 3).equals("size: 100x40") && s.get(at + 4).startsWith("remote: 127.0.0.1:");
        });
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Starts the demo server, then the client command made for the server's port. */
    private void start(String mode, boolean login, IntFunction<String> clientCommand) throws IOException {
        requireTool("tmux", "tmux");
        server = DemoServer.start(new DemoOptions(0, "127.0.0.1", mode, login, false));
        assertEquals(mode, server.runtime());
        tmux = new Tmux(dir);
        tmux.start(100, 40, clientCommand.apply(server.port()));
    }

    /** Starts the demo server and this Telnet client, skipping when the client is missing. */
    private void startTelnet(Client client, String mode) throws IOException {
        Path executable = requireTool(client.binary, client.binary);
        if (client == Client.BUSYBOX) {
            requireBusyboxTelnet(executable);
        }
        start(mode, false, port -> client.command(executable, port));
    }

    /** Waits until the cursor is at {@code column}, {@code row} (zero-based). */
    private void awaitCursor(int column, int row) {
        int[] expected = {column, row};
        long deadline = System.nanoTime() + Tmux.WAIT.toNanos();
        int[] cursor = tmux.cursor();
        while (!Arrays.equals(expected, cursor)) {
            if (System.nanoTime() - deadline > 0) {
                assertArrayEquals(expected, cursor, "cursor {column, row}; screen:\n"
                        + String.join("\n", tmux.screen()));
            }
            sleep(Duration.ofMillis(25));
            cursor = tmux.cursor();
        }
    }

    /** The terminal shows greet's error row in bright red, and the usage row after it in the default colour. */
    private void assertRedErrorThenPlainUsage() {
        List<String> styled = tmux.styledScreen();
        String rows = String.join("\n", styled).replace("\u001b", "ESC");
        int at = -1;
        for (int i = 0; i < styled.size(); i++) {
            if (styled.get(i).contains(GREET_ERROR)) {
                at = i;
            }
        }
        assertTrue(at >= 0 && at + 1 < styled.size(), () -> "no error row then a usage row in:\n" + rows);
        assertEquals(RED + GREET_ERROR, styled.get(at), () -> "the error row is not red:\n" + rows);
        assertTrue(styled.get(at + 1).endsWith(GREET_USAGE) && !styled.get(at + 1).contains(RED),
                () -> "the usage row is not in the default colour:\n" + rows);
    }

    private void assertCursorAtEndOfLastRow(List<String> screen) {
        int[] expected = {screen.get(screen.size() - 1).length(), screen.size() - 1};
        assertArrayEquals(expected, tmux.cursor(), "cursor {column, row}; screen:\n" + String.join("\n", screen));
    }

    private void awaitNoSessions() {
        long deadline = System.nanoTime() + Tmux.WAIT.toNanos();
        while (server.sessionCount() != 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("the server still has " + server.sessionCount() + " session(s) open after " + Tmux.WAIT);
            }
            sleep(Duration.ofMillis(25));
        }
    }

    /**
     * Finds a tool on the PATH; skips the test when it is missing, or fails when {@code CI=true}.
     *
     * @param name the executable's name
     * @param debianPackage the package that provides it, for the message
     */
    static Path requireTool(String name, String debianPackage) {
        Optional<Path> found = findOnPath(name);
        if (found.isEmpty()) {
            missing(name + " is not on the PATH (Debian package " + debianPackage + "; all of them: apt-get install "
                    + PACKAGES + ")");
        }
        return found.orElseThrow();
    }

    private static void requireBusyboxTelnet(Path busybox) {
        try {
            Process list = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
            String applets = new String(list.getInputStream().readAllBytes());
            list.waitFor(10, TimeUnit.SECONDS);
            if (!applets.lines().anyMatch("telnet"::equals)) {
                missing(busybox + " has no telnet applet");
            }
        } catch (IOException e) {
            missing("cannot list the applets of " + busybox + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " -- CI=true, so the real-client tests must run");
        }
        Assumptions.abort(why);
    }

    private static Optional<Path> findOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
