package io.github.telnetsrv.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load harnesses still run, in a few seconds: a round trip to each kind of target, and the SSH variants of
 * {@link IdleSessions} (client processes included) and {@link EchoThroughput} at a handful of sessions. No figures
 * are checked, only that every session arrived and answered.
 */
class LoadHarnessSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "ssh", "ssh-threaded"})
    @Timeout(30)
    void echoesOverTheTargetsProtocol(String runtime) throws Exception {
        try (Target server = Target.start(runtime, 16, 4, Duration.ZERO);
                LoadClients clients = LoadClients.of(Target.protocol(runtime));
                LoadClient client = clients.open(server.localAddress())) {
            client.awaitPrompt();
            client.send("echo hello");
            String answer = client.awaitPrompt();
            assertTrue(answer.endsWith("hello\r\n"), runtime + " answered: " + answer);
            assertEquals(1, server.sessionCount());
        }
    }

    @Test
    @Timeout(60)
    void idleSessionsOpensEverySshSessionFromTwoProcesses() throws Exception {
        String line = run(() -> IdleSessions.run(new String[] {"--runtime", "ssh", "--sessions", "4",
            "--per-process", "2", "--concurrency", "2", "--idle-seconds", "1"}));
        assertTrue(line.startsWith("runtime=ssh sessions=4 ready=4 "), line);
    }

    @Test
    @Timeout(60)
    void echoThroughputCountsRoundTripsOverSsh() throws Exception {
        String line = run(() -> EchoThroughput.main(new String[] {"--runtime", "ssh", "--clients", "2",
            "--warmup", "0", "--seconds", "1"}));
        Matcher m = Pattern.compile("runtime=ssh clients=2 commands/s=\\d+ \\((\\d+) in ").matcher(line);
        assertTrue(m.lookingAt(), line);
        assertTrue(Long.parseLong(m.group(1)) > 0, line);
    }

    /** A harness's main method, with what it prints to standard output returned instead. */
    private static String run(Harness harness) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            harness.run();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }

    @FunctionalInterface
    private interface Harness {
        void run() throws Exception;
    }
}
