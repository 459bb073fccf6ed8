package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.ssh.SshServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's SSH server (in this JVM, on an ephemeral port) used through the OpenSSH client: an interactive shell
 * with a PTY in a tmux pane (driven with {@code send-keys}, read with {@code capture-pane}), and {@code ssh -T},
 * exec requests, logins and host keys through {@link ProcessBuilder}, each on both runtimes.
 *
 * <p>The client never reads a user's configuration ({@code -F /dev/null}), an agent ({@code SSH_AUTH_SOCK} removed)
 * or the user's known hosts (its own file in the test's directory). Passwords come from an {@code SSH_ASKPASS}
 * script ({@code SSH_ASKPASS_REQUIRE=force}, OpenSSH 8.4 and later), except in tmux, where the test types it at the
 * client's prompt as a user would.
 *
 * <p>A missing tool skips these tests, except when the environment variable {@code CI} is {@code true}: CI must run
 * them, so there it fails ({@code .ci/run} installs {@code openssh-client tmux}).
 */
class RealSshClientTest {

    private static final String PROMPT = "Telnet Server>";
    private static final String WELCOME = "Welcome to my server.";
    private static final String HOST = "127.0.0.1";
    private static final String PASSWORD_PROMPT = DemoHandler.USER + "@" + HOST + "'s password:";
    /** What the PTY request says the terminal is (the client sends its own TERM). */
    private static final String TERM = "xterm-256color";
    /** How long one ssh run may take before the test fails. */
    private static final Duration SSH_WAIT = Duration.ofSeconds(15);
    private static final String PACKAGES = "openssh-client tmux";
    private static final String ESC = "\u001b";
    /** Bright red, as tmux writes it in a styled capture. */
    private static final String RED = ESC + "[91m";
    /** The error line of a bad argument to greet, and the usage line after it. */
    private static final String GREET_ERROR = "greet: --times: expected an integer, got 'x'";
    private static final String GREET_USAGE = "Usage: greet [--times N] [--loud] NAME";
    /** What {@code help greet} prints: the generated usage, the long text, the parameters and the options. */
    private static final List<String> GREET_HELP = List.of("GREET [--times N] [--loud] NAME", "",
            "Prints \"Hello, NAME!\" N times, in capitals with --loud.", "", "Arguments:",
            "  NAME           who to greet", "", "Options:", "  -t, --times N  how many times, 1 to 100 (default: 1)",
            "  -l, --loud     shout");

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path dir;

    private Tmux tmux;
    private final List<SshServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        if (tmux != null) {
            tmux.close();
        }
        for (SshServer server : servers) {
            server.close();
        }
    }

    // ------------------------------------------------------------------------------------------ 1. shell with a PTY

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void interactiveShellEditsRecallsCompletesResizesInterruptsShowsMessagesAndExitsOnBye(String mode)
            throws IOException {
        SshServer server = start(mode, dir.resolve("hostkey"), null);

        // The client's own password prompt; the password is not shown.
        List<String> screen = openShell(server);
        assertTrue(screen.stream().noneMatch(row -> row.contains(DemoHandler.PASSWORD)), "the password was shown");
        awaitCursor(PROMPT.length() + 1, screen.size() - 1);

        // Typed text is echoed once, by the server (the PTY is raw: the client's terminal does not echo).
        tmux.type("echo hi");
        screen = tmux.awaitTail(WELCOME, PROMPT + " echo hi");
        awaitCursorAtEnd(screen);
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo hi", "hi", PROMPT);

        // Left arrow, then insert in the middle of the line.
        tmux.type("echo ac");
        tmux.press("Left");
        tmux.type("b");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo abc", "abc", PROMPT);

        // Up recalls the previous command, with the cursor at its end; Enter runs it again.
        tmux.press("Up");
        screen = tmux.awaitTail("abc", PROMPT + " echo abc");
        awaitCursorAtEnd(screen);
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo abc", "abc", PROMPT + " echo abc", "abc", PROMPT);

        // Ctrl-C abandons the typed line: ^C, a fresh prompt, and the line never runs.
        tmux.type("echo never");
        tmux.awaitTail("abc", PROMPT + " echo never");
        tmux.press("C-c");
        tmux.awaitTail("abc", PROMPT + " echo never^C", PROMPT);
        tmux.type("echo after");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " echo never^C", PROMPT + " echo after", "after", PROMPT);

        // Tab completes a command name, with the space after it (the cursor is one past "info").
        tmux.type("inf");
        tmux.press("Tab");
        screen = tmux.awaitTail("after", PROMPT + " info");
        awaitCursor((PROMPT + " info ").length(), screen.size() - 1);
        tmux.press("Enter");
        awaitInfo("100x40");

        // The terminal is resized: the client sends a window-change, and info reports the new size. Typing waits
        // until the server has the new size, so that the keys cannot overtake the window-change.
        tmux.resize(80, 24);
        awaitWindow(server, 80, 24);
        tmux.type("info");
        tmux.press("Enter");
        awaitInfo("80x24");

        // A message from another thread prints above the prompt and redraws the partly typed line. The timer
        // leaves two seconds to see the typed line before the message comes.
        tmux.type("timer 2 ding");
        tmux.press("Enter");
        tmux.awaitTail(PROMPT + " timer 2 ding", "Waiting 2 seconds...", PROMPT);
        tmux.type("echo par");
        tmux.awaitTail("Waiting 2 seconds...", PROMPT + " echo par");
        screen = tmux.awaitTail("Waiting 2 seconds...", "ding", PROMPT + " echo par");
        awaitCursorAtEnd(screen);
        tmux.press("Enter");
        tmux.awaitTail("ding", PROMPT + " echo par", "par", PROMPT);

        // bye: Goodbye, the server closes the channel, and ssh exits with status 0.
        tmux.type("bye");
        tmux.press("Enter");
        tmux.awaitRows(PROMPT + " bye", "Goodbye", "EXIT=0");
        tmux.awaitExit();
        awaitNoSessions(server);
    }

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void tabCompletesATypedCommandsOptionAndItsEnumValues(String mode) throws IOException {
        SshServer server = start(mode, dir.resolve("hostkey"), null);
        openShell(server);

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

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void aBadArgumentGetsARedErrorLineAndTheUsageAndHelpShowsTheOptions(String mode) throws IOException {
        SshServer server = start(mode, dir.resolve("hostkey"), null);
        openShell(server);

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

    // ------------------------------------------------------------------------------------------ 2. ssh -T, a script

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void pipedScriptWithoutAPtyRunsInLineModeWithPlainLfOutput(String mode) throws IOException {
        requireTool("ssh");
        SshServer server = start(mode, dir.resolve("hostkey"), null);

        List<String> args = new ArrayList<>(List.of("-T"));
        args.addAll(clientOptions(server, dir.resolve("known_hosts"), "no"));
        args.addAll(passwordOnly());
        args.add(DemoHandler.USER + "@" + HOST);
        Run run = ssh(askpass(DemoHandler.PASSWORD), "echo one\ninfo\nbye\n", args);

        assertEquals(0, run.status(), run::describe);
        assertPlain(run.out(), run);
        List<String> lines = run.out().lines().toList();
        // No echo: each result follows the prompt the client saw before it sent its line.
        assertEquals(WELCOME, lines.get(0), run::describe);
        assertTrue(lines.contains(PROMPT + " one"), run::describe);
        assertTrue(lines.contains(PROMPT + " user: " + DemoHandler.USER), run::describe);
        assertTrue(lines.contains("history: 2 [echo one, info]"), run::describe);
        assertEquals(PROMPT + " Goodbye", lines.get(lines.size() - 1), run::describe);
        assertTrue(run.out().endsWith("\n"), run::describe);
        assertEquals("", run.err(), run::describe);
        awaitNoSessions(server);
    }

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void pipedScriptWithoutByeEndsAtTheEndOfItsInput(String mode) throws IOException {
        requireTool("ssh");
        SshServer server = start(mode, dir.resolve("hostkey"), null);

        List<String> args = new ArrayList<>(List.of("-T"));
        args.addAll(clientOptions(server, dir.resolve("known_hosts"), "no"));
        args.addAll(passwordOnly());
        args.add(DemoHandler.USER + "@" + HOST);
        Run run = ssh(askpass(DemoHandler.PASSWORD), "echo one\necho two\n", args);

        assertEquals(0, run.status(), run::describe);
        assertPlain(run.out(), run);
        // The last prompt, shown before the server saw the end of the input, stays without a line end.
        assertEquals(WELCOME + "\n" + PROMPT + " one\n" + PROMPT + " two\n" + PROMPT + " ", run.out(),
                run::describe);
        awaitNoSessions(server);
    }

    // ------------------------------------------------------------------------------------------ 3. exec

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void execRunsOneCommandAndExitsWithItsStatus(String mode) throws IOException {
        requireTool("ssh");
        SshServer server = start(mode, dir.resolve("hostkey"), null);
        Path askpass = askpass(DemoHandler.PASSWORD);

        // Both ways a script runs a remote command without input: stdin at EOF, and -n.
        for (boolean dashN : new boolean[] {false, true}) {
            List<String> base = new ArrayList<>();
            if (dashN) {
                base.add("-n");
            }
            base.addAll(clientOptions(server, dir.resolve("known_hosts"), "no"));
            base.addAll(passwordOnly());
            base.add(DemoHandler.USER + "@" + HOST);

            // Success: the result only, no welcome, no prompt, status 0.
            Run ok = ssh(askpass, null, with(base, "echo hi there"));
            assertEquals(0, ok.status(), ok::describe);
            assertEquals("hi there\n", ok.out(), ok::describe);
            assertEquals("", ok.err(), ok::describe);

            // An unknown command: status 127 and one plain error line, on stderr (2>/dev/null leaves nothing).
            Run unknown = ssh(askpass, null, with(base, "nosuch"));
            assertEquals(127, unknown.status(), unknown::describe);
            assertEquals("", unknown.out(), unknown::describe);
            assertPlain(unknown.err(), unknown);
            assertEquals(1, unknown.err().lines().count(), unknown::describe);
            assertTrue(unknown.err().startsWith("Unknown command"), unknown::describe);
            assertTrue(unknown.err().toLowerCase(Locale.ROOT).contains("nosuch"), unknown::describe);
            assertTrue(unknown.err().endsWith("\n"), unknown::describe);

            // A line that cannot be parsed: status 2 and one plain error line, on stderr.
            Run unparsable = ssh(askpass, null, with(base, "echo \"unterminated"));
            assertEquals(2, unparsable.status(), unparsable::describe);
            assertEquals("", unparsable.out(), unparsable::describe);
            assertPlain(unparsable.err(), unparsable);
            assertEquals(1, unparsable.err().lines().count(), unparsable::describe);
            assertTrue(unparsable.err().contains("unterminated quote"), unparsable::describe);
        }
        awaitNoSessions(server);
    }

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void execOfATypedCommandExitsWithTwoOnABadArgumentAndZeroOnGoodOnes(String mode) throws IOException {
        requireTool("ssh");
        SshServer server = start(mode, dir.resolve("hostkey"), null);
        Path askpass = askpass(DemoHandler.PASSWORD);
        List<String> base = new ArrayList<>(clientOptions(server, dir.resolve("known_hosts"), "no"));
        base.addAll(passwordOnly());
        base.add(DemoHandler.USER + "@" + HOST);

        // A bad argument: status 2, the error line and the usage on stderr, plain (no red for a program).
        Run bad = ssh(askpass, null, with(base, "greet --times x bob"));
        assertEquals(2, bad.status(), bad::describe);
        assertPlain(bad.err(), bad);
        assertEquals(GREET_ERROR + "\n" + GREET_USAGE + "\n", bad.err(), bad::describe);
        assertEquals("", bad.out(), bad::describe);

        // Options before the name, a short one with its value and a flag: status 0.
        Run ok = ssh(askpass, null, with(base, "greet -t 2 --loud bob"));
        assertEquals(0, ok.status(), ok::describe);
        assertEquals("HELLO, BOB!\nHELLO, BOB!\n", ok.out(), ok::describe);
        assertEquals("", ok.err(), ok::describe);
        awaitNoSessions(server);
    }

    // ------------------------------------------------------------------------------------------ 4. wrong password

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void wrongPasswordIsRefused(String mode) throws IOException {
        requireTool("ssh");
        SshServer server = start(mode, dir.resolve("hostkey"), null);

        List<String> args = new ArrayList<>(clientOptions(server, dir.resolve("known_hosts"), "no"));
        args.addAll(passwordOnly());
        args.addAll(List.of("-o", "NumberOfPasswordPrompts=1", DemoHandler.USER + "@" + HOST, "echo in"));
        Run run = ssh(askpass("not-" + DemoHandler.PASSWORD), null, args);

        assertEquals(255, run.status(), run::describe);
        assertTrue(run.err().contains("Permission denied"), run::describe);
        assertEquals("", run.out(), run::describe);
        assertEquals(0, server.sessionCount());
    }

    // ------------------------------------------------------------------------------------------ 5. keys

    /**
     * The key types tried, each on both runtimes. Ed25519 is OpenSSH's usual user key (ssh-keygen's default since
     * OpenSSH 9.5).
     */
    static Stream<Arguments> keyTypes() {
        List<Arguments> all = new ArrayList<>();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            for (String mode : List.of("virtual", "threaded")) {
                all.add(Arguments.of(type, mode));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} keys on the {1} runtime")
    @MethodSource("keyTypes")
    void aKeyOfTheAuthorizedKeysFileLogsInAndAnotherKeyIsRefused(String type, String mode) throws IOException {
        requireTool("ssh");
        Path keygen = requireTool("ssh-keygen");
        Path accepted = keygen(keygen, type, "accepted");
        Path refused = keygen(keygen, type, "refused");
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.copy(Path.of(accepted + ".pub"), authorizedKeys);
        SshServer server = start(mode, dir.resolve("hostkey"), authorizedKeys);

        Run in = ssh(null, null, keyArgs(server, accepted, "echo key ok"));
        assertEquals(0, in.status(), in::describe);
        assertEquals("key ok\n", in.out(), in::describe);

        Run out = ssh(null, null, keyArgs(server, refused, "echo key ok"));
        assertEquals(255, out.status(), out::describe);
        assertTrue(out.err().contains("Permission denied"), out::describe);
        assertEquals("", out.out(), out::describe);
        awaitNoSessions(server);
    }

    // ------------------------------------------------------------------------------------------ 6. host key

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void hostKeyIsTheSameAfterARestart(String mode) throws IOException {
        requireTool("ssh");
        Path keygen = requireTool("ssh-keygen");
        Path hostKey = dir.resolve("hostkey");
        Path knownHosts = dir.resolve("kh");
        Path askpass = askpass(DemoHandler.PASSWORD);
        assertFalse(Files.exists(hostKey));

        // First start: the key is generated and saved; the client learns it (accept-new).
        SshServer first = start(mode, hostKey, null);
        assertTrue(Files.isRegularFile(hostKey), "the host key was not saved");
        String fingerprint = first.hostKeyFingerprint();
        Run learn = ssh(askpass, null, hostKeyArgs(first, knownHosts, "accept-new", "echo first"));
        assertEquals(0, learn.status(), learn::describe);
        assertEquals("first\n", learn.out(), learn::describe);
        // The key the client saved is the one the server reports.
        Run listed = run(List.of(keygen.toString(), "-l", "-f", knownHosts.toString()), null, Map.of());
        assertEquals(0, listed.status(), listed::describe);
        assertTrue(listed.out().contains(fingerprint), () -> "server says " + fingerprint + "; " + listed.describe());
        first.close();
        servers.remove(first);

        // Restart with the same file: the same key, which the client checks strictly. The known hosts entry
        // names the host by an alias, so that the new server may listen on another free port.
        SshServer second = start(mode, hostKey, null);
        assertEquals(fingerprint, second.hostKeyFingerprint());
        Run strict = ssh(askpass, null, hostKeyArgs(second, knownHosts, "yes", "echo second"));
        assertEquals(0, strict.status(), strict::describe);
        assertEquals("second\n", strict.out(), strict::describe);
        second.close();
        servers.remove(second);

        // Control: a server with another key is refused by the same check.
        SshServer other = start(mode, dir.resolve("other-hostkey"), null);
        assertNotEquals(fingerprint, other.hostKeyFingerprint());
        Run refused = ssh(askpass, null, hostKeyArgs(other, knownHosts, "yes", "echo third"));
        assertEquals(255, refused.status(), refused::describe);
        assertTrue(refused.err().contains("Host key verification failed"), refused::describe);
        assertEquals("", refused.out(), refused::describe);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Starts the demo's SSH server on any free port of the loopback address. */
    private SshServer start(String mode, Path hostKey, Path authorizedKeys) throws IOException {
        SshServer server = DemoServer.startSsh(new DemoOptions(0, HOST, mode, false, false, 0, hostKey.toString(),
                authorizedKeys == null ? null : authorizedKeys.toString()));
        servers.add(server);
        assertEquals(mode, server.runtime());
        return server;
    }

    /**
     * Starts ssh in a tmux pane (a PTY, TERM {@value #TERM}, a 100x40 window) and logs in with the password typed at
     * the client's prompt, as a user would.
     *
     * @return the screen showing the welcome and the first prompt
     */
    private List<String> openShell(SshServer server) throws IOException {
        Path ssh = requireTool("ssh");
        requireTool("tmux");
        // The client runs from a script, so that its exit status shows whatever the user's login shell is.
        List<String> command = new ArrayList<>(List.of("env", "-u", "SSH_AUTH_SOCK", "-u", "SSH_ASKPASS", "-u",
                "SSH_ASKPASS_REQUIRE", "TERM=" + TERM, ssh.toString()));
        command.addAll(clientOptions(server, dir.resolve("known_hosts"), "no"));
        command.addAll(passwordOnly());
        command.add(DemoHandler.USER + "@" + HOST);
        Path script = dir.resolve("shell.sh");
        Files.writeString(script, "#!/bin/sh\n" + shellLine(command) + "\necho EXIT=$?\n");
        tmux = new Tmux(dir);
        tmux.start(100, 40, "/bin/sh " + quote(script.toString()));

        tmux.awaitTail(PASSWORD_PROMPT);
        tmux.type(DemoHandler.PASSWORD);
        tmux.press("Enter");
        return tmux.awaitTail(PASSWORD_PROMPT, WELCOME, PROMPT);
    }

    /** Options every run uses: no user or system configuration, this server, these known hosts. */
    private static List<String> clientOptions(SshServer server, Path knownHosts, String strictHostKeyChecking) {
        return List.of("-F", "/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5", "-o",
                "StrictHostKeyChecking=" + strictHostKeyChecking, "-o", "UserKnownHostsFile=" + knownHosts, "-p",
                String.valueOf(server.port()));
    }

    /** Password only, asked from the user (at the terminal or through SSH_ASKPASS). */
    private static List<String> passwordOnly() {
        return List.of("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no", "-o",
                "PreferredAuthentications=password");
    }

    private List<String> keyArgs(SshServer server, Path identity, String command) {
        List<String> args = new ArrayList<>(clientOptions(server, dir.resolve("known_hosts"), "no"));
        args.addAll(List.of("-n", "-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o",
                "PubkeyAuthentication=yes", "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
                "-o", "BatchMode=yes", DemoHandler.USER + "@" + HOST, command));
        return args;
    }

    private static List<String> hostKeyArgs(SshServer server, Path knownHosts, String strict, String command) {
        List<String> args = new ArrayList<>(clientOptions(server, knownHosts, strict));
        args.addAll(List.of("-o", "HostKeyAlias=telnetsrv-demo"));
        args.addAll(passwordOnly());
        args.addAll(List.of("-n", DemoHandler.USER + "@" + HOST, command));
        return args;
    }

    private static List<String> with(List<String> args, String last) {
        List<String> all = new ArrayList<>(args);
        all.add(last);
        return all;
    }

    /** A new key pair without a passphrase; returns the private key's file ({@code .pub} beside it). */
    private Path keygen(Path keygen, String type, String name) throws IOException {
        Path key = dir.resolve(name + "-" + type);
        Run run = run(List.of(keygen.toString(), "-t", type, "-N", "", "-C", name + "@telnetsrv-test", "-f",
                key.toString(), "-q"), null, Map.of());
        assertEquals(0, run.status(), run::describe);
        return key;
    }

    /** A script for SSH_ASKPASS that answers with {@code password}. */
    private Path askpass(String password) throws IOException {
        Path script = dir.resolve("askpass-" + RUNS.incrementAndGet() + ".sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' " + quote(password) + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /**
     * Runs ssh with these arguments.
     *
     * @param askpass the SSH_ASKPASS program, or {@code null} for none
     * @param input what to write to its standard input, then close it; {@code null} for /dev/null
     */
    private Run ssh(Path askpass, String input, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(requireTool("ssh").toString());
        command.addAll(args);
        return run(command, input, askpass == null ? Map.of()
                : Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force"));
    }

    /** Runs a program to its end (at most {@link #SSH_WAIT}), its output in files; never an agent or a display. */
    private Run run(List<String> command, String input, Map<String, String> env) throws IOException {
        int n = RUNS.incrementAndGet();
        Path out = dir.resolve("run-" + n + ".out");
        Path err = dir.resolve("run-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(List.of("SSH_AUTH_SOCK", "SSH_ASKPASS", "SSH_ASKPASS_REQUIRE",
                "DISPLAY"));
        builder.environment().putAll(env);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process = builder.start();
        if (input != null) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        boolean ended;
        try {
            ended = process.waitFor(SSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
        if (!ended) {
            process.destroyForcibly();
            fail("still running after " + SSH_WAIT.toSeconds() + " s: " + String.join(" ", command) + "\nstdout:\n"
                    + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        return new Run(command, process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** One program's run. */
    private record Run(List<String> command, int status, String out, String err) {
        String describe() {
            return String.join(" ", command) + "\nexit status " + status + "\nstdout:\n" + out + "[end of stdout]"
                    + "\nstderr:\n" + err + "[end of stderr]";
        }
    }

    /** Output for a program: no carriage returns, no escape sequences. */
    private static void assertPlain(String text, Run run) {
        assertFalse(text.contains("\r"), () -> "a carriage return in the output; " + run.describe());
        assertFalse(text.contains(ESC), () -> "an escape sequence in the output; " + run.describe());
    }

    /** The terminal shows greet's error row in bright red, and the usage row after it in the default colour. */
    private void assertRedErrorThenPlainUsage() {
        List<String> styled = tmux.styledScreen();
        String rows = String.join("\n", styled).replace(ESC, "ESC");
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

    /** Waits for info's rows after the last {@code info} command line, with this size. */
    private void awaitInfo(String size) {
        tmux.await("info's rows (user admin, terminal " + TERM + ", size " + size + ", a loopback remote), then the "
                + "prompt", s -> {
                    int at = s.lastIndexOf(PROMPT + " info");
                    return at >= 0 && s.size() == at + 7 && s.get(at + 1).equals("user: " + DemoHandler.USER)
                            && s.get(at + 2).equals("terminal: " + TERM) && s.get(at + 3).equals("size: " + size)
                            && s.get(at + 4).startsWith("remote: " + HOST + ":") && s.get(at + 5).startsWith(
                                    "history: ") && s.get(at + 6).equals(PROMPT);
                });
    }

    /** Waits until the server's only session has this window size. */
    private static void awaitWindow(SshServer server, int width, int height) {
        long deadline = System.nanoTime() + Tmux.WAIT.toNanos();
        while (true) {
            List<TelnetSession> sessions = server.sessions();
            if (sessions.size() == 1 && sessions.get(0).handler().width() == width
                    && sessions.get(0).handler().height() == height) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("after " + Tmux.WAIT.toSeconds() + " s the server does not have the window size " + width + "x"
                        + height + ": " + sessions.stream().map(s -> s.handler().width() + "x" + s.handler().height())
                                .collect(Collectors.joining(", ", "[", "]")));
            }
            pause();
        }
    }

    private void awaitCursorAtEnd(List<String> screen) {
        awaitCursor(screen.get(screen.size() - 1).length(), screen.size() - 1);
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
            pause();
            cursor = tmux.cursor();
        }
    }

    private static void awaitNoSessions(SshServer server) {
        long deadline = System.nanoTime() + Tmux.WAIT.toNanos();
        while (server.sessionCount() != 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("the server still has " + server.sessionCount() + " session(s) open after " + Tmux.WAIT);
            }
            pause();
        }
    }

    /** A command line for /bin/sh. */
    private static String shellLine(List<String> words) {
        return words.stream().map(RealSshClientTest::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Finds a tool on the PATH; skips the test when it is missing, or fails when {@code CI=true}.
     *
     * @param name the executable's name
     */
    private static Path requireTool(String name) {
        Optional<Path> found = findOnPath(name);
        if (found.isEmpty()) {
            String why = name + " is not on the PATH (apt-get install " + PACKAGES + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " -- CI=true, so the real-client tests must run");
            }
            Assumptions.abort(why);
        }
        return found.orElseThrow();
    }

    private static Optional<Path> findOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin:/bin";
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The polling interval of a bounded wait. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
