package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An admin console's needs, served by the server itself: who is on, wall, kick. */
class ServerOperationsTest {

    private static final String PROMPT = "Telnet Server> ";

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void theServerListsItsSessionsBroadcastsAndEndsOne(String runtime) throws IOException {
        try (TelnetServer server = TelnetServer.builder().handler(DemoHandler::new).port(0).runtime(runtime)
                .negotiationWait(Duration.ofMillis(200)).threadNamePrefix("ops-" + runtime + "-").start();
                RawClient first = new RawClient(server.localAddress());
                RawClient second = new RawClient(server.localAddress())) {
            first.await(PROMPT);
            second.await(PROMPT);

            List<TelnetSession> sessions = server.sessions();
            assertEquals(2, sessions.size());
            Set<Integer> ports = sessions.stream()
                    .map(s -> ((InetSocketAddress) s.remoteAddress()).getPort()).collect(Collectors.toSet());
            assertEquals(Set.of(first.socket().getLocalPort(), second.socket().getLocalPort()), ports);
            assertTrue(sessions.get(0).startTime().compareTo(sessions.get(1).startTime()) <= 0, "oldest first");

            assertEquals(2, server.broadcast("System maintenance at noon"));
            first.await("System maintenance at noon\r\n" + PROMPT);
            second.await("System maintenance at noon\r\n" + PROMPT);

            TelnetSession kicked = sessions.stream()
                    .filter(s -> ((InetSocketAddress) s.remoteAddress()).getPort() == second.socket().getLocalPort())
                    .findFirst().orElseThrow();
            kicked.end("You have been disconnected by an administrator.");
            assertTrue(second.awaitClose().contains("You have been disconnected by an administrator.\r\n"));
            first.line("echo still here");
            assertEquals("still here\r\n", first.await(PROMPT));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.sessions().size() != 1 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertEquals(1, server.sessions().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void broadcastReturnsAtOnceWhileClientsThatNeverReadAreStuckAndTheyAreDroppedForTheBound(String runtime)
            throws Exception {
        // A write timeout no call here waits for: each call is bounded at 5 s.
        try (TelnetServer server = TelnetServer.builder().handler(DemoHandler::new).port(0).runtime(runtime)
                .negotiationWait(Duration.ofMillis(200)).writeTimeout(Duration.ofSeconds(30))
                .threadNamePrefix("wall-" + runtime + "-").start()) {
            List<Socket> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket socket = new Socket();
                    socket.setReceiveBufferSize(4096); // and never read: the server's writes soon block
                    socket.connect(server.localAddress());
                    stuck.add(socket);
                }
                awaitSessions(server, 2);
                String wall = "w".repeat(64 * 1024);
                // Until both are dropped: past the buffers their writes block, and past maxPendingOutput (256 KiB)
                // of messages behind a blocked write they are dropped; no call waits meanwhile.
                for (int i = 0; i < 400 && server.sessionCount() > 0; i++) {
                    CompletableFuture.supplyAsync(() -> server.broadcast(wall)).get(5, TimeUnit.SECONDS);
                }
                // A dropped session leaves the registry when its reader has seen the connection go: soon after the
                // last broadcast, not during it (the 30 s write timeout is far beyond this wait).
                awaitSessions(server, 0);
            } finally {
                for (Socket socket : stuck) {
                    socket.close();
                }
            }
            try (RawClient reader = new RawClient(server.localAddress())) {
                reader.await(PROMPT);
                assertEquals(1, CompletableFuture.supplyAsync(() -> server.broadcast("still served"))
                        .get(5, TimeUnit.SECONDS));
                reader.await("still served\r\n" + PROMPT);
            }
        }
    }

    private static void awaitSessions(TelnetServer server, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.sessionCount() != count && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polling with a deadline
        }
        assertEquals(count, server.sessionCount());
    }
}
