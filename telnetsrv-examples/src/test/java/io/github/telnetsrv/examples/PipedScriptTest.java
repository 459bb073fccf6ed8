package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.ssh.SshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A script of {@value #LINES} lines piped into the demo by real clients, {@code nc} over Telnet and {@code ssh -T}
 * over SSH, on both runtimes: every line runs, in order, whole, and the {@code bye} at its end ends the session (the
 * client then exits). The session reads the script far faster than it runs it: it must hold the client back (stop
 * reading) rather than drop what does not fit in its input queue.
 *
 * <p>A missing client skips these tests, except with {@code CI=true} (then they fail; {@code .ci/run} installs
 * them).
 */
class PipedScriptTest {

    static final int LINES = 100_000;
    private static final String HOST = "127.0.0.1";
    /** How long one client run may take before the test fails (a run takes a few seconds here). */
    private static final Duration WAIT = Duration.ofSeconds(240);
    /** What one script line's command prints: the demo's echo. */
    private static final Pattern RESULT = Pattern.compile("line-(\\d+)-end");

    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    /** The script: {@code echo line-N-end} for every N, then {@code bye}. */
    static Path script(Path dir) throws IOException {
        StringBuilder script = new StringBuilder(LINES * 24);
        for (int i = 0; i < LINES; i++) {
            script.append("echo line-").append(i).append("-end\n");
        }
        script.append("bye\n");
        Path file = dir.resolve("script.txt");
        Files.writeString(file, script, StandardCharsets.US_ASCII);
        return file;
    }

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void aHundredThousandLinesPipedThroughNetcatAllRunInOrder(String mode) throws Exception {
        Path nc = RealClientsTest.requireTool("nc.openbsd", "netcat-openbsd");
        TelnetServer server = DemoServer.start(new DemoOptions(0, HOST, mode, false, false));
        servers.add(server);
        Path out = run(List.of(nc.toString(), HOST, String.valueOf(server.port())), script(dir));
        assertEveryLineRanInOrder(Files.readString(out, StandardCharsets.ISO_8859_1), out);
    }

    @ParameterizedTest(name = "on the {0} runtime")
    @ValueSource(strings = {"virtual", "threaded"})
    void aHundredThousandLinesPipedThroughSshAllRunInOrder(String mode) throws Exception {
        Path ssh = RealClientsTest.requireTool("ssh", "openssh-client");
        SshServer server = DemoServer.startSsh(new DemoOptions(0, HOST, mode, false, false, 0,
                dir.resolve("hostkey").toString(), null));
        servers.add(server);
        Path askpass = dir.resolve("askpass.sh");
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' '" + DemoHandler.PASSWORD + "'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        List<String> command = List.of("env", "-u", "SSH_AUTH_SOCK", "-u", "DISPLAY", "SSH_ASKPASS=" + askpass,
                "SSH_ASKPASS_REQUIRE=force", ssh.toString(), "-T", "-F", "/dev/null", "-o", "LogLevel=ERROR", "-o",
                "ConnectTimeout=5", "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=" + dir.resolve("known_hosts"), "-o", "BatchMode=no", "-o",
                "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-p",
                String.valueOf(server.port()), DemoHandler.USER + "@" + HOST);
        Path out = run(command, script(dir));
        assertEveryLineRanInOrder(Files.readString(out, StandardCharsets.ISO_8859_1), out);
    }

    /** Runs the client with the script as its input to its end, at most {@link #WAIT}; returns its output file. */
    private Path run(List<String> command, Path input) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectInput(input.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("still running after " + WAIT.toSeconds() + " s: " + String.join(" ", command) + "; "
                    + results(Files.readString(out, StandardCharsets.ISO_8859_1)).size() + " results so far; stderr: "
                    + Files.readString(err));
        }
        assertEquals(0, process.exitValue(), () -> "exit status; stderr: " + readQuietly(err));
        return out;
    }

    private static void assertEveryLineRanInOrder(String output, Path file) {
        List<Integer> results = results(output);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) != i) {
                fail("result " + i + " is line-" + results.get(i) + "-end (a line lost, spliced or out of order); "
                        + results.size() + " results in " + file);
            }
        }
        assertEquals(LINES, results.size(), () -> "results in " + file);
        assertTrue(output.stripTrailing().endsWith("Goodbye"), () -> "bye ended the session: " + file);
    }

    /** The N of every {@code line-N-end} in the output, in order. */
    private static List<Integer> results(String output) {
        List<Integer> found = new ArrayList<>(LINES);
        Matcher m = RESULT.matcher(output);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
