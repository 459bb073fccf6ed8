package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.examples.RobustRig.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client that stopped reading (checklist section 2, item 11). The server must drop it soon after the write
 * timeout, keep serving the observer meanwhile, and be able to close while such a client is stuck. Both runtimes,
 * plain and TLS.
 */
class RobustStoppedReaderTest {

    private static final Duration ATTACK_LIMIT = Duration.ofSeconds(30);
    /** From the first byte sent: the negotiation wait, filling every buffer, the write timeout (1 s). */
    private static final Duration DROP_BOUND = Duration.ofSeconds(10);
    /** How long a write of the server must stay blocked for the server to count as stuck. */
    private static final Duration STALL = Duration.ofMillis(500);
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);
    private static final byte[] HELP = "help\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aClientAskingForHelpOverAndOverWithoutReadingIsDroppedSoonAfterTheWriteTimeout(String runtime,
            Transport transport) throws Exception {
        String attack = "a client asking for help over and over (700 bytes out for 6 in) and never reading";
        try (RobustRig rig = RobustRig.start(runtime, transport, DemoHandler::new, RobustStoppedReaderTest::quick)) {
            String failure = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (NonReader stuck = NonReader.open(rig, 4096)) {
                    stuck.keepWriting(HELP);
                    if (!RobustResources.poll(DROP_BOUND,
                            () -> rig.server().sessionCount() == rig.baseline().sessions())) {
                        return "expected the client that never reads dropped within " + DROP_BOUND + " (write timeout "
                                + "1 s), it was still a session after writing " + stuck.written() + " bytes; threads: "
                                + rig.serverThreads();
                    }
                    if (!stuck.awaitWriteFailure(DROP_BOUND)) {
                        return "expected the dropped client's connection ended (its writes failing with a reset) "
                                + "within " + DROP_BOUND + ", it was still open";
                    }
                    return null;
                }
            });
            assertTrue(failure == null, failure);
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void closeReturnsInTimeWhileTheServerIsStuckWritingToAClient(String runtime, Transport transport)
            throws Exception {
        String attack = "a client that never reads asking for 64 MiB";
        // A long write timeout: the server is still stuck writing when close() comes.
        try (RobustRig rig = RobustRig.start(runtime, transport, () -> new RobustHandler(false),
                b -> quick(b).writeTimeout(Duration.ofSeconds(60)))) {
            NonReader stuck = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                NonReader opened = NonReader.open(rig, 4096);
                try {
                    opened.write("flood 65536\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertTrue(awaitStuckWriting(rig), "expected a thread of the server blocked in a write to the "
                            + "client for " + STALL + ", saw none within " + ATTACK_LIMIT.dividedBy(2));
                    return opened;
                } catch (IOException | RuntimeException | Error e) {
                    opened.close();
                    throw e;
                }
            });
            boolean returned;
            List<String> threads;
            try {
                returned = rig.closeServerWithin(CLOSE_BOUND);
                threads = rig.serverThreads();
            } finally {
                stuck.close(); // a reset: it unblocks a server that could not close by itself
            }
            assertTrue(returned, "expected server.close() to return within " + CLOSE_BOUND + " while a write to a "
                    + "client that never reads is blocked (" + transport + "); threads still alive: " + threads);
        }
    }

    /** A short negotiation wait: the client that never reads never answers the negotiation either. */
    private static TelnetServerConfig.Builder quick(TelnetServerConfig.Builder builder) {
        return builder.negotiationWait(Duration.ofMillis(200));
    }

    /** Whether a thread of the server stays inside a socket write for {@link #STALL}, within half the limit. */
    private static boolean awaitStuckWriting(RobustRig rig) {
        long[] writingSince = {0};
        return RobustResources.poll(ATTACK_LIMIT.dividedBy(2), () -> {
            boolean writing = false;
            for (Map.Entry<String, String> thread : RobustResources.threadStacks(rig.prefix())) {
                writing |= thread.getValue().contains("NioSocketImpl.write(");
            }
            if (!writing) {
                writingSince[0] = 0;
                return false;
            }
            if (writingSince[0] == 0) {
                writingSince[0] = System.nanoTime();
            }
            return System.nanoTime() - writingSince[0] >= STALL.toNanos();
        });
    }

    /** A client with a small receive buffer that never reads; it may write on a thread of its own. */
    private static final class NonReader implements AutoCloseable {
        private final Socket socket;
        private final AtomicLong written = new AtomicLong();
        private Thread writer;
        private volatile boolean stop;
        private volatile boolean failed;

        private NonReader(Socket socket) {
            this.socket = socket;
        }

        static NonReader open(RobustRig rig, int receiveBuffer) throws IOException {
            return new NonReader(RobustClient.openSocket(rig.address(), rig.tls(), receiveBuffer));
        }

        long written() {
            return written.get();
        }

        void write(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            written.addAndGet(bytes.length);
        }

        /** Writes {@code bytes} over and over on a thread of its own, until a write fails or the client closes. */
        void keepWriting(byte[] bytes) {
            writer = Thread.ofVirtual().name("robust-non-reader").start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    while (!stop) {
                        out.write(bytes);
                        written.addAndGet(bytes.length);
                    }
                } catch (IOException e) {
                    failed = !stop;
                }
            });
        }

        /** Whether a write failed (the server closed or reset the connection) within the timeout. */
        boolean awaitWriteFailure(Duration timeout) {
            return RobustResources.poll(timeout, () -> failed);
        }

        /** Stops writing and resets the connection. */
        @Override
        public void close() throws IOException {
            stop = true;
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // already closed
            }
            socket.close();
            if (writer != null) {
                try {
                    writer.join(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
