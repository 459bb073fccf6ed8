package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.examples.RobustRig.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow-loris on the TLS handshake (checklist section 2, item 10, for TLS): a ClientHello trickled one byte at a
 * time must be cut at an absolute handshake deadline, many of them must not keep other clients out, and a TLS port
 * at its session limit must not spend a thread on each connection it refuses, nor let a refused client trickle its
 * handshake past the deadline or hold {@code close()}. The deadline is the server's {@code handshakeTimeout}, 2 s
 * here.
 */
class RobustTlsHandshakeTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    /** Beyond the deadline: the server's timer and a drip interval. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final Duration DRIP_INTERVAL = Duration.ofMillis(300);
    private static final Duration ATTACK_LIMIT = Duration.ofSeconds(40);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    void aClientHelloTrickledOneBytePerIntervalIsCutAtTheHandshakeDeadline(String runtime) throws Exception {
        Duration deadline = HANDSHAKE_TIMEOUT;
        String attack = "a ClientHello sent one byte every " + DRIP_INTERVAL.toMillis() + " ms";
        try (RobustRig rig = RobustRig.start(runtime, Transport.TLS, DemoHandler::new, withHandshakeTimeout())) {
            Duration cut = rig.underAttack(attack, ATTACK_LIMIT, () -> drip(rig, deadline.plus(MARGIN)));
            assertTrue(cut != null, "expected the connection cut at the handshake deadline (" + deadline + "), it was "
                    + "still open after " + deadline.plus(MARGIN));
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    void manySlowHandshakesAtOnceDoNotKeepOtherClientsOut(String runtime) throws Exception {
        Duration deadline = HANDSHAKE_TIMEOUT;
        int slow = 50;
        String attack = slow + " ClientHellos sent one byte every " + DRIP_INTERVAL.toMillis() + " ms";
        try (RobustRig rig = RobustRig.start(runtime, Transport.TLS, DemoHandler::new, withHandshakeTimeout())) {
            int[] seen = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    CountDownLatch started = new CountDownLatch(slow);
                    List<Future<Duration>> drips = new ArrayList<>();
                    for (int i = 0; i < slow; i++) {
                        drips.add(pool.submit(() -> {
                            started.countDown();
                            return drip(rig, deadline.plus(MARGIN));
                        }));
                    }
                    assertTrue(started.await(10, TimeUnit.SECONDS), "expected the slow clients started");
                    // While they trickle: a new client gets its prompt within the deadline.
                    long start = System.nanoTime();
                    try (RobustClient fresh = rig.connect()) {
                        fresh.await(RobustClient.PROMPT, deadline);
                    } catch (IOException | AssertionError e) {
                        throw new AssertionError("expected a new TLS client to get its prompt within " + deadline
                                + " while " + attack + ", but after "
                                + Duration.ofNanos(System.nanoTime() - start) + ": " + e.getMessage(), e);
                    }
                    int cut = 0;
                    for (Future<Duration> drip : drips) {
                        if (drip.get() != null) {
                            cut++;
                        }
                    }
                    return new int[] {cut};
                }
            });
            assertEquals(slow, seen[0], "expected every slow handshake cut at the deadline (" + deadline + ")");
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    @SuppressWarnings("try") // the second client only holds a session open while the attack runs
    void aTlsPortAtItsSessionLimitSpendsNoThreadOnEachRefusedConnection(String runtime) throws Exception {
        Duration deadline = HANDSHAKE_TIMEOUT;
        int refused = 300;
        String attack = refused + " silent connections to a TLS port at its session limit";
        UnaryOperator<TelnetServerConfig.Builder> settings = b -> withHandshakeTimeout().apply(b.maxSessions(2));
        try (RobustRig rig = RobustRig.start(runtime, Transport.TLS, DemoHandler::new, settings)) {
            int[] seen = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                List<Socket> sockets = new ArrayList<>();
                try (RobustClient second = RobustHostileInputTest.prompted(rig.connect());
                        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    // Observer and this client: the limit is reached.
                    List<String> before = rig.serverThreads();
                    CountDownLatch ended = new CountDownLatch(refused);
                    for (int i = 0; i < refused; i++) {
                        Socket socket = new Socket();
                        sockets.add(socket);
                        try {
                            socket.connect(rig.address(), 10_000);
                        } catch (IOException e) {
                            ended.countDown(); // reset by the server before the connect returned: refused
                            continue;
                        }
                        pool.submit(() -> awaitEnd(socket, deadline.plus(MARGIN), ended));
                    }
                    AtomicInteger most = new AtomicInteger();
                    RobustResources.poll(deadline.plus(MARGIN), () -> {
                        most.accumulateAndGet(RobustResources.extra(before, rig.serverThreads()).size(), Math::max);
                        return ended.getCount() == 0;
                    });
                    return new int[] {most.get(), (int) (refused - ended.getCount())};
                } finally {
                    for (Socket socket : sockets) {
                        socket.close();
                    }
                }
            });
            assertTrue(seen[0] <= 16, "expected at most 16 threads of the server beyond those of its 2 sessions "
                    + "while " + attack + " are refused, saw " + seen[0]);
            assertEquals(refused, seen[1], "expected every refused connection closed by the server within "
                    + deadline.plus(MARGIN));
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    void aRefusedClientTricklingItsClientHelloIsCutAtTheHandshakeDeadline(String runtime) throws Exception {
        Duration deadline = HANDSHAKE_TIMEOUT;
        String attack = "a refused client sending its ClientHello one byte every " + DRIP_INTERVAL.toMillis() + " ms";
        // The observer holds the only session: every other connection is refused, over TLS.
        UnaryOperator<TelnetServerConfig.Builder> full = b -> withHandshakeTimeout().apply(b.maxSessions(1));
        try (RobustRig rig = RobustRig.start(runtime, Transport.TLS, DemoHandler::new, full)) {
            Duration cut = rig.underAttack(attack, ATTACK_LIMIT, () -> drip(rig, deadline.plus(MARGIN)));
            assertTrue(cut != null, "expected the refusal cut at the handshake deadline (" + deadline + "), it was "
                    + "still going after " + deadline.plus(MARGIN));
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    void closeResetsARefusalInProgressInsteadOfWaitingForIt(String runtime) throws Exception {
        // A long deadline: only close() can end the refusal in time.
        Duration deadline = Duration.ofMinutes(2);
        Duration patience = Duration.ofSeconds(60);
        UnaryOperator<TelnetServerConfig.Builder> full = b -> b.maxSessions(1).handshakeTimeout(deadline);
        try (RobustRig rig = RobustRig.start(runtime, Transport.TLS, DemoHandler::new, full);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Duration> drip = pool.submit(() -> drip(rig, patience));
            String refusing = rig.prefix() + "reject";
            assertTrue(RobustResources.poll(RobustRig.SETTLE,
                    () -> rig.serverThreads().stream().anyMatch(name -> name.startsWith(refusing))),
                    "expected a thread answering the refusal (" + refusing + "), saw " + rig.serverThreads());
            boolean returned = rig.closeServerWithin(RobustRig.CLOSE_BOUND);
            assertTrue(returned, "expected server.close() to return within " + RobustRig.CLOSE_BOUND + " while a "
                    + "refused client trickles its ClientHello; threads still alive: " + rig.serverThreads());
            assertTrue(drip.get(patience.toSeconds() + 10, TimeUnit.SECONDS) != null,
                    "expected the refused client's connection ended by close(), it was still open after " + patience);
        }
    }

    /**
     * Connects to the TLS port with a plain socket and sends a ClientHello one byte per interval, reading between
     * the bytes, until the server ends the connection (or sends an alert) or {@code patience} has passed.
     *
     * @return how long the server let it go on, or {@code null} if it was still open after {@code patience}
     */
    private static Duration drip(RobustRig rig, Duration patience) throws Exception {
        byte[] hello = RobustTls.clientHello();
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(rig.address(), 10_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(RobustClient.millis(DRIP_INTERVAL));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < hello.length && System.nanoTime() - start < patience.toNanos(); i++) {
                try {
                    out.write(hello[i]);
                    in.read(); // the end, or an alert before it: the server gave up on the handshake
                    return Duration.ofNanos(System.nanoTime() - start);
                } catch (SocketTimeoutException e) {
                    // the interval passed: the next byte
                } catch (IOException e) {
                    return Duration.ofNanos(System.nanoTime() - start); // reset by the server
                }
            }
            return null;
        }
    }

    /** Reads a socket until the server ends it; counts the end down. */
    private static Void awaitEnd(Socket socket, Duration timeout, CountDownLatch ended) {
        try {
            socket.setSoTimeout(RobustClient.millis(timeout));
            byte[] buf = new byte[1024];
            while (socket.getInputStream().read(buf) >= 0) {
                // a polite refusal, perhaps: keep reading to its end
            }
            ended.countDown();
        } catch (SocketTimeoutException e) {
            // not ended in time: not counted
        } catch (IOException e) {
            ended.countDown(); // reset
        }
        return null;
    }

    /** Sets the handshake deadline this suite holds the server to. */
    private static UnaryOperator<TelnetServerConfig.Builder> withHandshakeTimeout() {
        return b -> b.handshakeTimeout(HANDSHAKE_TIMEOUT);
    }
}
