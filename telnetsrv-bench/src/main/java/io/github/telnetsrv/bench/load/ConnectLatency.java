package io.github.telnetsrv.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Connect rate and time to prompt, with the clients in a separate JVM: starts a server ({@link Target}) in this JVM,
 * then a client JVM ({@link ConnectLatencyClients}) in which C workers each open a session, wait for its first
 * prompt, close it, and start over. Over Telnet the client negotiates as a terminal does (it answers DO TTYPE and
 * DO NAWS with WILL and sends its type and size, and DO ECHO and SGA), so the time includes the server's
 * negotiation; over SSH it includes the TCP connect, the key exchange, the login ({@code none}), the shell channel
 * with its PTY and the first prompt. After a warm-up, each session's connect-to-prompt time goes into an
 * HdrHistogram.
 *
 * <p>Prints one line: {@code runtime=R concurrency=C sessions/s=X p50us=.. p90us=.. p99us=.. p999us=.. maxus=..
 * meanus=.. count=.. seconds=.. failed=..} followed by the Java version in parentheses.
 *
 * <p>Usage: {@code ConnectLatency [--runtime virtual|threaded|jline|termd|bare|ssh|ssh-threaded] [--concurrency C]
 * [--warmup S] [--seconds S]}
 */
public final class ConnectLatency {

    private ConnectLatency() {
    }

    /**
     * Runs the measurement and prints one result line.
     *
     * @param args see the class documentation
     * @throws Exception if the server or the client JVM fails
     */
    public static void main(String[] args) throws Exception {
        run(args);
        Deadline.exit();
    }

    /** The measurement, without ending the process (for tests that run it in theirs). */
    static void run(String[] args) throws Exception {
        String runtime = "virtual";
        int concurrency = 8;
        int warmup = 3;
        int seconds = 10;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--runtime" -> runtime = value;
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + " (expected: --runtime, --concurrency, --warmup, --seconds)");
            }
        }
        Duration limit = Duration.ofSeconds(warmup + seconds + 90L);
        Deadline.start(limit.plusSeconds(30), "ConnectLatency");
        // Closed sessions may linger a moment on the server: room for many more than are open at once.
        Target server = Target.start(runtime, 1024, 10_000, Duration.ZERO);
        try {
            ClientJvm client = ClientJvm.start(ConnectLatencyClients.class, List.of(
                    server.localAddress().getAddress().getHostAddress(),
                    Integer.toString(server.localAddress().getPort()), Target.protocol(runtime),
                    Integer.toString(concurrency), Integer.toString(warmup), Integer.toString(seconds)));
            try {
                String result = client.awaitLine("RESULT ", limit).substring("RESULT ".length());
                System.out.printf(Locale.ROOT, "runtime=%s %s (java %s, %d cpus)%n", runtime, result,
                        Runtime.version(), Runtime.getRuntime().availableProcessors());
                System.out.flush();
            } finally {
                client.finish();
            }
        } finally {
            Deadline.closeWithin(server, Duration.ofSeconds(10));
        }
    }
}
