package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.TelnetServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's main class run as its own process, with the JDK running these tests. */
class DemoServerTest {

    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+) \\((\\w+)\\)");

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void printsOneListeningLineServesAndClosesOnSigterm() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        process = demo(stderr, "--port", "0", "--mode", "threaded");
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));

        String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(30, TimeUnit.SECONDS);
        Matcher m = LISTENING.matcher(line == null ? "" : line);
        assertTrue(m.matches(), "first line: " + line);
        assertEquals("threaded", m.group(2));
        int port = Integer.parseInt(m.group(1));
        assertTrue(port > 0, "the bound port, not 0: " + line);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            assertTrue(readUntil(socket.getInputStream(), "Welcome to my server."), "no welcome");
        }

        // SIGTERM through the handle (Process.destroy() would also close our end of its output)
        assertTrue(process.toHandle().destroy());
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM");
        assertEquals(List.of(), readLines(stdout), "standard output after the first line");
        String log = Files.readString(stderr);
        assertTrue(log.contains("listening on 127.0.0.1:" + port + " (threaded"), log);
        assertTrue(log.contains("closed 127.0.0.1:" + port), "the shutdown hook closed the server:\n" + log);
    }

    @Test
    void aBadFlagPrintsTheErrorAndTheUsageOnStandardErrorAndExits2() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        process = demo(stderr, "--mode", "green");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(DemoServer.EXIT_USAGE, process.exitValue());
        assertEquals("", out);
        assertEquals("telnetsrv-demo: --mode: green (expected: virtual or threaded)\n\n" + DemoOptions.USAGE,
                Files.readString(stderr));
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        process = demo(stderr, "--help");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertEquals(DemoOptions.USAGE, out);
        assertEquals("", Files.readString(stderr));
    }

    @Test
    void aTakenPortExits1WithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path stderr = dir.resolve("stderr.txt");
            process = demo(stderr, "--port", String.valueOf(taken.getLocalPort()));
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(DemoServer.EXIT_START_FAILED, process.exitValue());
            assertEquals("", out);
            String err = Files.readString(stderr);
            assertTrue(err.startsWith("telnetsrv-demo: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (virtual): "), err);
        }
    }

    @Test
    void theListeningLineNamesTheBoundAddressPortAndRuntime() throws IOException {
        try (TelnetServer server = DemoServer.start(new DemoOptions(0, "127.0.0.1", "virtual", false, false))) {
            assertEquals("Listening on 127.0.0.1:" + server.port() + " (virtual)", DemoServer.listeningLine(server));
        }
    }

    /** Starts the demo's main class with the JDK running this test and the test class path. */
    private static Process demo(Path stderr, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                DemoServer.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readLines(BufferedReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static boolean readUntil(InputStream in, String text) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            seen.write(b);
            if (seen.toString(StandardCharsets.ISO_8859_1).contains(text)) {
                return true;
            }
        }
        fail("connection closed before '" + text + "'; got: " + seen.toString(StandardCharsets.ISO_8859_1));
        return false;
    }
}
