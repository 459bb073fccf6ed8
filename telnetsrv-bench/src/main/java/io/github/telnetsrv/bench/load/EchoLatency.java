package io.github.telnetsrv.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Echo round trips with the load generator in a separate JVM: starts a server ({@link Target}) in this JVM, then a
 * client JVM ({@link EchoLatencyClients}) whose N concurrent clients each type {@code echo <n>} and wait for the
 * answer and the next prompt, in a loop (a closed loop: each client has one command in flight). After a warm-up, each
 * round trip of the measured period goes into an HdrHistogram. Unlike {@link EchoThroughput}, the clients' own CPU
 * is not spent in the measured JVM (they still share the machine's cores).
 *
 * <p>Prints one line: {@code runtime=R clients=N commands/s=X p50us=.. p90us=.. p99us=.. p999us=.. maxus=..
 * meanus=.. count=.. seconds=.. failed=..} followed by the Java version in parentheses.
 *
 * <p>Usage: {@code EchoLatency [--runtime virtual|threaded|jline|termd|ssh|ssh-threaded] [--clients N] [--warmup S]
 * [--seconds S] [--connect-seconds S]}; {@code --connect-seconds} bounds the time the clients may take to connect and
 * reach their first prompt (default 120).
 */
public final class EchoLatency {

    private EchoLatency() {
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
        int clients = 100;
        int warmup = 5;
        int seconds = 10;
        int connectSeconds = 120;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--runtime" -> runtime = value;
                case "--clients" -> clients = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--connect-seconds" -> connectSeconds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + " (expected: --runtime, --clients, --warmup, --seconds, --connect-seconds)");
            }
        }
        if (runtime.equals("bare")) {
            throw new IllegalArgumentException("runtime: bare answers no commands (expected: virtual, threaded, "
                    + "jline, termd, ssh, ssh-threaded)");
        }
        Duration limit = Duration.ofSeconds(connectSeconds + warmup + seconds + 60L);
        Deadline.start(limit.plusSeconds(30), "EchoLatency");
        Target server = Target.start(runtime, 1024, clients + 16, Duration.ZERO);
        try {
            ClientJvm client = ClientJvm.start(EchoLatencyClients.class, List.of(
                    server.localAddress().getAddress().getHostAddress(),
                    Integer.toString(server.localAddress().getPort()), Target.protocol(runtime),
                    Integer.toString(clients), Integer.toString(warmup), Integer.toString(seconds),
                    Integer.toString(connectSeconds)));
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
