package io.github.telnetsrv.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The client JVM of {@link ConnectLatency}: C workers on virtual threads, each in a loop: open a session (Telnet:
 * a socket whose client answers the negotiation like a terminal, {@link TelnetLoadClient}; SSH: a session of one
 * MINA SSHD client with a shell channel and a PTY), read up to the first prompt, close it. The warm-up's sessions
 * are dropped; the connect-to-prompt times of the measured period are recorded in nanoseconds in an HdrHistogram.
 * A worker whose session fails counts it and goes on; after 1,000 failures all stop.
 *
 * <p>Prints {@code RESULT concurrency=C sessions/s=.. p50us=.. p90us=.. p99us=.. p999us=.. maxus=.. meanus=..
 * count=.. seconds=.. failed=..}. Exits when its standard input ends (the harness died).
 *
 * <p>Usage: {@code ConnectLatencyClients HOST PORT telnet|ssh CONCURRENCY WARMUP_S SECONDS}
 */
public final class ConnectLatencyClients {

    private static final int MAX_FAILURES = 1_000;

    private ConnectLatencyClients() {
    }

    /**
     * Runs the clients; see the class documentation.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        ClientJvm.exitWhenParentEnds();
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("ConnectLatencyClients: " + e);
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().halt(0); // a session stuck on the server is not waited for
    }

    private static void run(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        String protocol = args[2];
        int concurrency = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        Deadline.start(java.time.Duration.ofSeconds(warmup + seconds + 90L), "ConnectLatencyClients");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failed = new AtomicInteger();
        Recorder recorder = new Recorder(3);
        List<Thread> workers = new ArrayList<>();
        try (LoadClients connector = LoadClients.of(protocol)) {
            for (int w = 0; w < concurrency; w++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        try (LoadClient client = connector.open(server)) {
                            client.awaitPrompt();
                            recorder.recordValue(System.nanoTime() - start);
                        } catch (IOException | RuntimeException e) {
                            int failures = failed.incrementAndGet();
                            if (failures <= 5) {
                                System.err.println("session failed: " + e);
                            }
                            if (failures >= MAX_FAILURES) {
                                stop.set(true);
                            }
                        }
                    }
                }));
            }
            Thread.sleep(warmup * 1000L);
            recorder.getIntervalHistogram(); // drops the warm-up
            int failedBefore = failed.get();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            Histogram measured = recorder.getIntervalHistogram();
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            long total = measured.getTotalCount();
            System.out.printf(Locale.ROOT, "RESULT concurrency=%d sessions/s=%.1f p50us=%.1f p90us=%.1f "
                            + "p99us=%.1f p999us=%.1f maxus=%.1f meanus=%.1f count=%d seconds=%.2f failed=%d%n",
                    concurrency, total / elapsed, measured.getValueAtPercentile(50) / 1e3,
                    measured.getValueAtPercentile(90) / 1e3, measured.getValueAtPercentile(99) / 1e3,
                    measured.getValueAtPercentile(99.9) / 1e3, measured.getMaxValue() / 1e3,
                    measured.getMean() / 1e3, total, elapsed, failed.get() - failedBefore);
            System.out.flush();
            for (Thread worker : workers) {
                worker.join(java.time.Duration.ofSeconds(10));
            }
        }
    }
}
