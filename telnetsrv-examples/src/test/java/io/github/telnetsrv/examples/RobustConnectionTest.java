package io.github.telnetsrv.examples;

import static io.github.telnetsrv.examples.RobustClient.PROMPT;
import static io.github.telnetsrv.examples.RobustHostileInputTest.prompted;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.examples.RobustClient.Answers;
import io.github.telnetsrv.examples.RobustRig.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connections that end badly (checklist section 2, items 12 and 13): half-closes and resets at every stage of a
 * session, and churn (thousands of connections, many reset in the middle of the negotiation). Each on both
 * runtimes, plain and over TLS, with an observer session answered throughout and the server back at its baseline
 * afterwards.
 */
class RobustConnectionTest {

    private static final Duration ATTACK_LIMIT = Duration.ofSeconds(40);
    /** How long the server may take to finish a session whose input ended. */
    private static final Duration END_BOUND = Duration.ofSeconds(5);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final int TTYPE = 24;
    private static final int NAWS = 31;
    /** The kinds of connection the churn cycles through; the last one is a full session. */
    private static final int CHURN_MODES = 6;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aHalfCloseAtAnyStageGetsWhatWasAskedThenTheClose(String runtime, Transport transport) throws Exception {
        String attack = "half-closes: during the negotiation, after a command, mid-line, mid-SB, after 50 commands";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient client = rig.connect(Answers.SILENT)) {
                    client.shutdownOutput();
                    assertEnds(client, "a half-close before answering the negotiation");
                }
                try (RobustClient client = prompted(rig.connect())) {
                    client.line("echo last-words");
                    client.shutdownOutput();
                    assertEquals("last-words\r\n", client.await(PROMPT, ANSWER_BOUND),
                            "the answer to a command sent just before a half-close");
                    assertEnds(client, "a half-close after a command");
                }
                try (RobustClient client = prompted(rig.connect())) {
                    client.send("echo unfinished".getBytes(StandardCharsets.US_ASCII));
                    client.shutdownOutput();
                    assertEnds(client, "a half-close mid-line");
                }
                try (RobustClient client = prompted(rig.connect())) {
                    client.sendBytes(IAC, SB, NAWS, 0);
                    client.shutdownOutput();
                    assertEnds(client, "a half-close mid-subnegotiation");
                }
                try (RobustClient client = prompted(rig.connect())) {
                    client.send("help\r\n".repeat(50).getBytes(StandardCharsets.US_ASCII));
                    client.shutdownOutput();
                    for (int i = 0; i < 50; i++) {
                        String answer = client.await(PROMPT, ANSWER_BOUND);
                        assertTrue(answer.contains("HELP [<command>] - Display help"),
                                "expected help #" + i + " answered after the half-close, saw "
                                        + RobustClient.quote(answer));
                    }
                    assertEnds(client, "a half-close after 50 commands");
                }
                return null;
            });
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aResetAtAnyStageLeavesNothingBehind(String runtime, Transport transport) throws Exception {
        String attack = "resets: during the negotiation, at the prompt, mid-line, mid-SB, while the server writes";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient client = rig.connect(Answers.SILENT)) {
                    client.reset();
                }
                try (RobustClient client = prompted(rig.connect())) {
                    client.reset();
                }
                try (RobustClient client = prompted(rig.connect())) {
                    client.send("echo unfinished".getBytes(StandardCharsets.US_ASCII));
                    client.reset();
                }
                try (RobustClient client = prompted(rig.connect())) {
                    client.sendBytes(IAC, SB, TTYPE, 0, 'a', 'b', 'c');
                    client.reset();
                }
                try (Socket socket = rig.socket()) {
                    // Lots of output, not read: the server is writing when the reset comes.
                    socket.setReceiveBufferSize(4096);
                    socket.getOutputStream().write("help\r\n".repeat(2000).getBytes(StandardCharsets.US_ASCII));
                    socket.setSoLinger(true, 0);
                }
                return null;
            });
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void connectionChurnLeavesNothingBehind(String runtime, Transport transport) throws Exception {
        int connections = transport == Transport.PLAIN ? 2000 : 200;
        int workers = 8;
        String attack = connections + " connections, " + workers + " at a time, most ended abruptly";
        byte[] hello = RobustTls.clientHello();
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            int full = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                List<Future<Integer>> results = new ArrayList<>();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int w = 0; w < workers; w++) {
                        int first = w;
                        results.add(pool.submit(() -> {
                            int answered = 0;
                            for (int i = first; i < connections; i += workers) {
                                answered += churn(rig, i, hello);
                            }
                            return answered;
                        }));
                    }
                    int answered = 0;
                    for (Future<Integer> result : results) {
                        answered += result.get(ATTACK_LIMIT.toSeconds(), TimeUnit.SECONDS);
                    }
                    return answered;
                }
            });
            long sessions = IntStream.range(0, connections).filter(i -> i % CHURN_MODES == CHURN_MODES - 1).count();
            assertEquals(sessions, full, "expected every full session among the churn answered");
            rig.assertBackToBaseline(attack);
        }
    }

    /**
     * One connection of the churn; what it does depends on {@code i}.
     *
     * @return 1 for a full session that was answered, else 0
     */
    private static int churn(RobustRig rig, int i, byte[] hello) throws IOException {
        boolean tls = rig.transport() == Transport.TLS;
        switch (i % CHURN_MODES) {
            case 0 -> {
                // Reset at once (for TLS, before the handshake).
                try (Socket socket = new Socket()) {
                    socket.connect(rig.address(), 10_000);
                    socket.setSoLinger(true, 0);
                }
            }
            case 1 -> {
                // Reset once the negotiation (for TLS, the handshake) has begun.
                try (Socket socket = tls ? new Socket() : rig.socket()) {
                    if (tls) {
                        socket.connect(rig.address(), 10_000);
                        socket.getOutputStream().write(hello);
                    }
                    readSome(socket);
                    socket.setSoLinger(true, 0);
                }
            }
            case 2 -> {
                // Reset in the middle of a subnegotiation.
                try (Socket socket = rig.socket()) {
                    socket.getOutputStream().write(new byte[] {(byte) IAC, (byte) SB, (byte) TTYPE});
                    socket.setSoLinger(true, 0);
                }
            }
            case 3 -> {
                // Close politely at once.
                try (Socket socket = rig.socket()) {
                    socket.shutdownOutput();
                }
            }
            case 4 -> {
                // Reset after the server's first bytes, without answering them.
                try (Socket socket = rig.socket()) {
                    readSome(socket);
                    socket.setSoLinger(true, 0);
                }
            }
            default -> {
                // A full session.
                try (RobustClient client = prompted(rig.connect())) {
                    String answer = client.command("echo churn-" + i, ANSWER_BOUND);
                    return answer.equals("churn-" + i + "\r\n") ? 1 : 0;
                }
            }
        }
        return 0;
    }

    private static void readSome(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        if (in.read() < 0) {
            throw new IOException("closed by the server before its first byte");
        }
    }

    private static void assertEnds(RobustClient client, String what) {
        assertTrue(client.awaitEnd(END_BOUND), "expected the server to close the connection within " + END_BOUND
                + " after " + what);
    }
}
