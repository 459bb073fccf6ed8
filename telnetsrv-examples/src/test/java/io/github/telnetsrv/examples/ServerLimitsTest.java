package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's limits hold under concurrency: the session limit is taken atomically, one address has a cap of its
 * own, and a socket the server cannot serve is closed, not leaked.
 */
class ServerLimitsTest {

    private static final String PROMPT = "Telnet Server> ";
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final List<TelnetServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(TelnetServer::close);
    }

    private TelnetServer start(String runtime, TelnetServerConfig.Builder builder) throws IOException {
        TelnetServer server = builder.port(0).runtime(runtime).negotiationWait(Duration.ofMillis(200))
                .threadNamePrefix("limits-" + SERVERS.incrementAndGet() + "-").start();
        servers.add(server);
        return server;
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void oneAddressGetsAPoliteLineBeyondItsCapWhileItsOtherSessionsGoOn(String runtime) throws IOException {
        TelnetServer server = start(runtime, TelnetServer.builder().handler(DemoHandler::new)
                .maxSessionsPerAddress(2));
        try (RawClient first = new RawClient(server.localAddress());
                RawClient second = new RawClient(server.localAddress())) {
            first.await(PROMPT);
            second.await(PROMPT);
            try (RawClient third = new RawClient(server.localAddress())) {
                assertEquals("Too many sessions from your address; please try again later.\r\n", third.awaitClose());
            }
            second.line("echo still here");
            assertEquals("still here\r\n", second.await(PROMPT));
        }
        // Both ended: the address's slots are given back.
        awaitSessionCount(server, 0);
        try (RawClient again = new RawClient(server.localAddress())) {
            again.await(PROMPT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void concurrentServeCallsNeverPassTheSessionLimit(String runtime) throws Exception {
        int limit = 3;
        int attempts = 40;
        TelnetServer server = start(runtime, TelnetServer.builder().handler(DemoHandler::new).maxSessions(limit));
        List<Socket> clients = new ArrayList<>();
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket own = new ServerSocket(0, attempts, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < attempts; i++) {
                Socket client = new Socket();
                client.connect(own.getLocalSocketAddress(), 5000);
                clients.add(client);
                accepted.add(own.accept());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            for (Socket socket : accepted) {
                callers.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        server.serve(socket);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            go.countDown();
            for (Thread caller : callers) {
                caller.join(20_000);
            }
            int greeted = 0;
            int refused = 0;
            for (Socket client : clients) {
                try (RawClient raw = new RawClient(client)) {
                    String first = raw.awaitAny("Too many sessions; please try again later.\r\n", PROMPT);
                    if (first.endsWith(PROMPT)) {
                        greeted++;
                    } else {
                        refused++;
                    }
                }
            }
            assertEquals(limit, greeted, "sessions admitted");
            assertEquals(attempts - limit, refused, "connections refused");
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aSocketTheServerCannotServeIsClosed(String runtime) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean();
        TelnetServer server = start(runtime, TelnetServer.builder().handler(() -> {
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("simulated: the handler cannot be made");
            }
            return new DemoHandler();
        }));
        fail.set(true);
        try (ServerSocket own = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket()) {
            client.connect(own.getLocalSocketAddress(), 5000);
            Socket accepted = own.accept();
            assertThrows(IllegalStateException.class, () -> server.serve(accepted));
            assertTrue(accepted.isClosed(), "the socket was closed, not leaked");
            assertEquals(-1, client.getInputStream().read(), "the client sees the end");
        }
        assertEquals(0, server.sessionCount());
        try (RawClient next = new RawClient(server.localAddress())) {
            next.await(PROMPT);
        }
    }

    private static void awaitSessionCount(TelnetServer server, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.sessionCount() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sessions: " + server.sessionCount() + " (expected: " + count + ")");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
