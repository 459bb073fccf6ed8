package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo server in its own process under a low open-file limit ({@code ulimit -n}): connections are opened until
 * {@code accept()} fails for want of a descriptor ("Too many open files"), then closed; the server must warn without
 * flooding its log and serve the next connection.
 *
 * <p>The limit is the descriptors a probe process of the same command holds with one session open, plus
 * {@link #HEADROOM}, so about that many connections exhaust it whatever the JDK and class path open at start.
 * Linux only: bash sets the limit and the descriptors are counted in {@code /proc}.
 */
class DescriptorExhaustionTest {

    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+) \\((\\w+)\\)");
    private static final Pattern MAX_OPEN_FILES = Pattern.compile("^Max open files\\s+(\\d+)\\s", Pattern.MULTILINE);
    private static final String WELCOME = "Welcome to my server.\r\n";
    private static final String PROMPT = "Telnet Server> ";
    /** What the server logs when accept() fails. */
    private static final String ACCEPT_FAILED = "accept failed";
    /** The probe's limit: far above what an idle JVM holds. */
    private static final int PROBE_LIMIT = 1024;
    /** Descriptors left for connections above what the probe held. */
    private static final int HEADROOM = 40;
    /** Connections tried before giving up on exhausting the server. */
    private static final int MAX_CONNECTIONS = 4 * HEADROOM;
    /** Accept-failure lines that make a flood: a rate-limited warning logs far fewer during the test. */
    private static final int FLOOD = 4;
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration GREETING = Duration.ofSeconds(5);
    /** How long the server is kept out of descriptors, accepting in vain, before the connections close. */
    private static final Duration EXHAUSTED = Duration.ofSeconds(1);
    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final int LOG_LINES_KEPT = 200;

    private final List<Child> children = new ArrayList<>();
    private final List<RawClient> clients = new ArrayList<>();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        closeAll(clients);
        children.forEach(Child::destroy);
        readers.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void outOfDescriptorsTheServerWarnsWithoutFloodingAndServesAgainOnceConnectionsClose(String mode)
            throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "descriptors are counted in /proc (Linux)");
        int limit = probeDescriptors(mode) + HEADROOM;
        Child child = start(mode, limit);
        assertEquals(limit, child.openFileLimit(), "the server's open-file limit");

        boolean exhausted = false;
        while (!exhausted && clients.size() < MAX_CONNECTIONS) {
            RawClient client = new RawClient(child.address);
            clients.add(client);
            CompletableFuture<String> welcome = CompletableFuture.supplyAsync(() -> await(client, WELCOME), readers);
            try {
                CompletableFuture.anyOf(welcome, child.acceptFailed).get(GREETING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // not greeted: told apart below
            }
            exhausted = !welcome.isDone() || welcome.isCompletedExceptionally();
        }
        int connections = clients.size();
        assertTrue(exhausted, "every one of " + connections + " connections was greeted under ulimit -n " + limit);
        assertTrue(child.acceptFailed.isDone(), "connection " + connections + " was not greeted, yet no '"
                + ACCEPT_FAILED + "' in the log:\n" + child.log());

        assertFalse(child.flood.await(EXHAUSTED.toMillis(), TimeUnit.MILLISECONDS), FLOOD + " lines of '"
                + ACCEPT_FAILED + "' within " + EXHAUSTED.toMillis() + " ms (expected: rate-limited):\n" + child.log());
        closeAll(clients);

        RawClient fresh = new RawClient(child.address);
        clients.add(fresh);
        CompletableFuture<String> echo = CompletableFuture.supplyAsync(() -> {
            await(fresh, WELCOME + PROMPT);
            line(fresh, "echo hi");
            return await(fresh, PROMPT);
        }, readers);
        try {
            assertEquals("hi\r\n", echo.get(RECOVERY.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            fail("no welcome and echo within " + RECOVERY.toSeconds() + " s of closing the " + connections
                    + " connections that exhausted ulimit -n " + limit + ":\n" + child.log());
        }

        String failure = child.acceptFailed.getNow("");
        assertTrue(failure.contains(" WARN "), "the accept failure is a warning: " + failure);
        assertTrue(child.acceptFailures.get() < FLOOD, child.acceptFailures.get()
                + " lines of '" + ACCEPT_FAILED + "' (expected: fewer than " + FLOOD + ", rate-limited):\n"
                + child.log());
    }

    /** Descriptors the server holds with one session open, under a generous limit. */
    private int probeDescriptors(String mode) throws Exception {
        Child probe = start(mode, PROBE_LIMIT);
        try (RawClient client = new RawClient(probe.address)) {
            CompletableFuture.supplyAsync(() -> await(client, WELCOME + PROMPT), readers)
                    .get(START.toMillis(), TimeUnit.MILLISECONDS);
            try (Stream<Path> open = Files.list(Path.of("/proc", String.valueOf(probe.process.pid()), "fd"))) {
                return (int) open.count();
            }
        } finally {
            probe.destroy();
        }
    }

    /** Starts the demo's main class with this JDK and class path under {@code ulimit -n limit}. */
    private Child start(String mode, int limit) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of("bash", "-c", "ulimit -n \"$1\" && shift && exec \"$@\"", "bash",
                String.valueOf(limit), java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), DemoServer.class.getName(),
                "--port", "0", "--bind", "127.0.0.1", "--mode", mode);
        Child child = new Child(new ProcessBuilder(command).start());
        children.add(child);
        String line;
        try {
            line = child.listening.get(START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("no listening line under ulimit -n " + limit + ":\n" + child.log(), e);
        }
        Matcher m = LISTENING.matcher(line);
        assertTrue(m.matches() && m.group(2).equals(mode), "the listening line: " + line + "\n" + child.log());
        child.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
        return child;
    }

    private static String await(RawClient client, String text) {
        try {
            return client.await(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(RawClient client, String text) {
        try {
            client.line(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeAll(List<RawClient> open) {
        for (RawClient client : open) {
            try {
                client.close();
            } catch (IOException e) {
                // closed either way
            }
        }
    }

    /** The server process: its first stdout line, and its stderr (the log) read as it comes. */
    private static final class Child {

        final Process process;
        final CompletableFuture<String> listening = new CompletableFuture<>();
        final CompletableFuture<String> acceptFailed = new CompletableFuture<>();
        final AtomicInteger acceptFailures = new AtomicInteger();
        final CountDownLatch flood = new CountDownLatch(FLOOD);
        private final List<String> lines = new ArrayList<>();
        InetSocketAddress address;

        Child(Process process) {
            this.process = process;
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            drain(process.getInputStream(), "stdout", listening::complete);
            drain(process.getErrorStream(), "stderr", this::logged);
        }

        private void drain(InputStream in, String name, Consumer<String> each) {
            Thread.ofPlatform().daemon().name("demo-" + process.pid() + "-" + name).start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        each.accept(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
                listening.complete("");
            });
        }

        private void logged(String line) {
            synchronized (lines) {
                if (lines.size() < LOG_LINES_KEPT) {
                    lines.add(line);
                }
            }
            if (line.contains(ACCEPT_FAILED)) {
                acceptFailures.incrementAndGet();
                acceptFailed.complete(line);
                flood.countDown();
            }
        }

        String log() {
            synchronized (lines) {
                return String.join("\n", lines) + (lines.size() == LOG_LINES_KEPT ? "\n..." : "");
            }
        }

        int openFileLimit() throws IOException {
            String limits = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "limits"));
            Matcher m = MAX_OPEN_FILES.matcher(limits);
            assertTrue(m.find(), limits);
            return Integer.parseInt(m.group(1));
        }

        void destroy() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
