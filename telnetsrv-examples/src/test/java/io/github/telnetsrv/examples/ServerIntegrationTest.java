package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.threaded.ThreadedTelnetServer;
import io.github.telnetsrv.virtual.VirtualTelnetServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The integration suite: the demo and test handlers served by each runtime over loopback, driven by a raw socket
 * client in line mode (it refuses every option, so nothing is echoed and the text is exactly what the server
 * wrote).
 */
class ServerIntegrationTest {

    private static final String PROMPT = "Telnet Server> ";
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final List<TelnetServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(TelnetServer::close);
    }

    private TelnetServer start(String runtime, Supplier<? extends TelnetHandler> handler) throws IOException {
        return start(runtime, TelnetServer.builder().handler(handler));
    }

    private TelnetServer start(String runtime, TelnetServerConfig.Builder builder) throws IOException {
        TelnetServer server = builder.port(0).runtime(runtime)
                .negotiationWait(Duration.ofSeconds(2))
                .threadNamePrefix("it-" + SERVERS.incrementAndGet() + "-")
                .start();
        servers.add(server);
        return server;
    }

    private static RawClient connect(TelnetServer server) throws IOException {
        return new RawClient(server.localAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void theSeedPageExamplesWorkEndToEnd(String runtime) throws IOException {
        TelnetServer server = start(runtime, DemoHandler::new);
        assertEquals(runtime, server.runtime());
        try (RawClient client = connect(server)) {
            client.await("Welcome to my server.\r\n" + PROMPT);
            client.line("echo hello world");
            assertEquals("hello world\r\n", client.await(PROMPT));
            client.line("copy a");
            assertEquals("a\r\n", client.await(PROMPT));
            client.line("repeat b");
            assertEquals("b\r\n", client.await(PROMPT));
            client.line("echo 1  \"2    3\"");
            assertEquals("1 2    3\r\n", client.await(PROMPT));
            client.line("echo 1 \\");
            client.await("... ");
            client.line("2 \"3");
            client.await("... ");
            client.line("4\"  \"5\\");
            client.await("... ");
            client.line("6\"");
            assertEquals("1 2 3\r\n4 56\r\n", client.await(PROMPT));
            client.line("echo 1\\ 2");
            assertEquals("1 2\r\n", client.await(PROMPT));
            client.line("help");
            assertEquals("""
                    ? [<command>] - Display help\r
                    BYE - Exit the command shell\r
                    COPY <text to echo> - Echo text back to the console.\r
                    ECHO <text to echo> - Echo text back to the console.\r
                    ENV - Show the environment the client sent.\r
                    EXIT - Exit the command shell\r
                    GREET [--times N] [--loud] NAME - Greet someone.\r
                    HELP [<command>] - Display help\r
                    HISTORY - Display the command history\r
                    INFO - Show what the server knows about this console.\r
                    LOGOUT - Exit the command shell\r
                    QUIT - Exit the command shell\r
                    REMIND [--in DELAY] [--level info|warn|alert] [TEXT...] - Remind me of something later.\r
                    REPEAT <text to echo> - Echo text back to the console.\r
                    TIMER <time> <message> - In <time> seconds, display <message>.\r
                    """, client.await(PROMPT));
            client.line("help timer");
            assertEquals("""
                    TIMER <time> <message>\r
                    \r
                    Send a message after a delay.\r
                    <time> is in seconds.\r
                    If <message> is more than one word, quotes are required.\r
                    example:\r
                    > TIMER 5 "hello world!"\r
                    """, client.await(PROMPT));
            client.line("timer 1 \"hello world!\"");
            assertEquals("Waiting 1 seconds...\r\n", client.await(PROMPT));
            client.await("hello world!\r\n");
            client.await(PROMPT);
            client.line("timer soon");
            assertEquals("\u001b[91mNeed both a time and a message\u001b[0m\r\n", client.await(PROMPT));
            client.line("bye");
            assertEquals("Goodbye\r\n", client.awaitClose());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aLoginAcceptsTheRightPasswordAndRefusesAWrongOne(String runtime) throws IOException {
        TelnetServer server = start(runtime, () -> new DemoHandler(true));
        try (RawClient client = connect(server)) {
            client.await("Username: ");
            client.line("admin");
            client.await("Password: ");
            client.line("wrong");
            client.await("Login incorrect\r\n");
            client.await("Username: ");
            client.line("admin");
            client.await("Password: ");
            client.line("secret");
            client.await("Welcome to my server.\r\n" + PROMPT);
            client.line("info");
            assertTrue(client.await(PROMPT).startsWith("user: admin\r\n"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void twoHundredConcurrentClientsEachGetTwentyCommandsAnsweredCorrectly(String runtime) throws Exception {
        TelnetServer server = start(runtime, DemoHandler::new);
        int clients = 200;
        int commands = 20;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CountDownLatch allConnected = new CountDownLatch(clients);
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                Callable<Integer> client = () -> {
                    try (RawClient raw = connect(server)) {
                        raw.await(PROMPT);
                        allConnected.countDown();
                        allConnected.await(RawClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                        int answered = 0;
                        for (int i = 0; i < commands; i++) {
                            String word = "client" + id + "-command" + i;
                            raw.line("echo " + word);
                            if (raw.await(PROMPT).equals(word + "\r\n")) {
                                answered++;
                            }
                        }
                        return answered;
                    }
                };
                results.add(pool.submit(client));
            }
            int answered = 0;
            for (Future<Integer> result : results) {
                answered += result.get(60, TimeUnit.SECONDS);
            }
            assertEquals(clients * commands, answered);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts sessionEnd() calls and signals each. */
    static final class EndCounter extends TelnetHandler {
        static final AtomicInteger ENDS = new AtomicInteger();
        static volatile CountDownLatch ended = new CountDownLatch(1);
        static volatile CountDownLatch commandStarted = new CountDownLatch(1);

        @Override
        protected void sessionEnd() {
            ENDS.incrementAndGet();
            ended.countDown();
        }

        @Command(value = "wait", help = """

                Block until interrupted.
                """)
        void waitForever() throws InterruptedException {
            commandStarted.countDown();
            new CountDownLatch(1).await();
        }

        @Command(value = "flood", help = """
                <kib>
                Write this many KiB of text.
                """)
        void flood(List<String> params) {
            String line = "x".repeat(1023);
            int kib = Integer.parseInt(params.get(0));
            for (int i = 0; i < kib; i++) {
                writeLine(line);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void sessionEndRunsOnceWhenTheClientDisconnectsAtThePromptOrDuringACommand(String runtime) throws Exception {
        TelnetServer server = start(runtime, EndCounter::new);
        EndCounter.ENDS.set(0);
        EndCounter.ended = new CountDownLatch(1);
        try (RawClient client = connect(server)) {
            client.await(PROMPT);
        }
        assertTrue(EndCounter.ended.await(10, TimeUnit.SECONDS), "sessionEnd after a disconnect at the prompt");

        EndCounter.ended = new CountDownLatch(1);
        EndCounter.commandStarted = new CountDownLatch(1);
        try (RawClient client = connect(server)) {
            client.await(PROMPT);
            client.line("wait");
            assertTrue(EndCounter.commandStarted.await(10, TimeUnit.SECONDS));
        }
        assertTrue(EndCounter.ended.await(10, TimeUnit.SECONDS), "sessionEnd after a disconnect during a command");
        server.close(); // joins every session's thread: the count below is final
        assertEquals(0, server.sessionCount());
        assertEquals(2, EndCounter.ENDS.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void linesPipedInBeforeAHalfCloseAllRunAndTheirOutputArrivesBeforeTheClose(String runtime) throws IOException {
        TelnetServer server = start(runtime, DemoHandler::new);
        try (RawClient client = connect(server)) {
            client.await("Welcome to my server.\r\n" + PROMPT);
            client.line("echo one");
            client.line("echo two");
            client.line("timer 5 never");
            client.socket().shutdownOutput();
            assertEquals("one\r\n", client.await(PROMPT));
            assertEquals("two\r\n", client.await(PROMPT));
            assertEquals("Waiting 5 seconds...\r\n", client.await(PROMPT));
            assertEquals("", client.awaitClose(), "after the last prompt, the close");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void closeEndsEverySessionAndLeavesNoThreadOfTheServer(String runtime, @TempDir Path dir) throws Exception {
        TelnetServer server = start(runtime, EndCounter::new);
        String prefix = server.config().threadNamePrefix();
        EndCounter.ENDS.set(0);
        EndCounter.commandStarted = new CountDownLatch(1);
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                RawClient client = connect(server);
                client.await(PROMPT);
                clients.add(client);
            }
            clients.get(0).line("wait");
            assertTrue(EndCounter.commandStarted.await(10, TimeUnit.SECONDS));
            assertTrue(threadNames(dir).stream().anyMatch(n -> n.startsWith(prefix)), "server threads while open");

            server.close();

            assertEquals(5, EndCounter.ENDS.get(), "sessionEnd for every session");
            assertEquals(0, server.sessionCount());
            List<String> left = threadNames(dir).stream().filter(n -> n.startsWith(prefix)).toList();
            assertEquals(List.of(), left, "threads of the server after close()");
            for (RawClient client : clients) {
                client.awaitClose();
            }
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aConnectionBeyondMaxSessionsGetsAPoliteLineAndIsClosed(String runtime) throws IOException {
        TelnetServer server = start(runtime, TelnetServer.builder().handler(DemoHandler::new).maxSessions(1));
        try (RawClient first = connect(server); RawClient second = connect(server)) {
            first.await(PROMPT);
            assertEquals("Too many sessions; please try again later.\r\n", second.awaitClose());
            first.line("echo still here");
            assertEquals("still here\r\n", first.await(PROMPT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aSocketTheApplicationAcceptedIsServedLikeAnyOther(String runtime) throws IOException {
        TelnetServer server = start(runtime, DemoHandler::new);
        try (ServerSocket own = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                RawClient client = new RawClient((InetSocketAddress) own.getLocalSocketAddress())) {
            Socket accepted = own.accept();
            server.serve(accepted);
            assertTrue(accepted.getTcpNoDelay(), "TCP_NODELAY");
            assertTrue(accepted.getOOBInline(), "OOBINLINE: Telnet's urgent byte arrives inline");
            client.await("Welcome to my server.\r\n" + PROMPT);
            client.line("echo mine");
            assertEquals("mine\r\n", client.await(PROMPT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aClientThatStopsReadingIsDroppedAfterTheWriteTimeoutWhileOthersGoOn(String runtime) throws Exception {
        TelnetServer server = start(runtime, TelnetServer.builder().handler(EndCounter::new)
                .writeTimeout(Duration.ofMillis(500)));
        EndCounter.ENDS.set(0);
        EndCounter.ended = new CountDownLatch(1);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(server.localAddress());
            // Say nothing and read nothing: no negotiation answer, then a command whose output fills every buffer.
            stuck.getOutputStream().write("flood 65536\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (RawClient other = connect(server)) {
                other.await(PROMPT);
                assertTrue(EndCounter.ended.await(20, TimeUnit.SECONDS), "the stuck client was dropped");
                other.line("flood 1");
                other.await(PROMPT);
            }
            InputStream in = stuck.getInputStream();
            stuck.setSoTimeout(10_000);
            byte[] drain = new byte[65536];
            boolean closed = false;
            try {
                for (int i = 0; i < 100_000 && !closed; i++) {
                    closed = in.read(drain) < 0;
                }
            } catch (IOException reset) {
                closed = true;
            }
            assertTrue(closed, "the server closed the stuck connection");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void telnetOverTlsMakesARoundTrip(String runtime, @TempDir Path dir) throws Exception {
        SSLContext context = selfSignedContext(dir);
        TelnetServer server = start(runtime, TelnetServer.builder().handler(DemoHandler::new).sslContext(context));
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(server.localAddress(), 10_000);
        try (RawClient client = new RawClient(socket)) {
            client.await("Welcome to my server.\r\n" + PROMPT);
            client.line("echo over tls");
            assertEquals("over tls\r\n", client.await(PROMPT));
            assertFalse(socket.getSession().getProtocol().isEmpty());
        }
    }

    @Test
    void theBuilderFindsTheRuntimesOnTheClassPathAndPrefersVirtualThreads() throws IOException {
        TelnetServer chosen = start(null, DemoHandler::new);
        assertInstanceOf(VirtualTelnetServer.class, chosen);
        assertInstanceOf(ThreadedTelnetServer.class, start("threaded", DemoHandler::new));
        IllegalStateException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> TelnetServer.builder().handler(DemoHandler::new).runtime("carrier-pigeon").start());
        assertTrue(missing.getMessage().contains("carrier-pigeon"), missing.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    /** Names of every live thread, virtual ones included (from a JDK thread dump). */
    private static List<String> threadNames(Path dir) throws IOException {
        Path dump = dir.resolve("threads-" + System.nanoTime() + ".txt");
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(dump)) {
            // Lines look like: #123 "name" virtual
            int open = line.indexOf('"');
            int close = line.lastIndexOf('"');
            if (line.startsWith("#") && open >= 0 && close > open) {
                names.add(line.substring(open + 1, close));
            }
        }
        return names;
    }

    /** A TLS context with a fresh self-signed certificate made by the running JDK's keytool. */
    private static SSLContext selfSignedContext(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path keytool = Path.of(java).resolveSibling("keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit", "-ext", "SAN=ip:127.0.0.1")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
