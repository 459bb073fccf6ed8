package io.github.telnetsrv.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The client JVM of {@link EchoLatency}: opens N sessions (at most 64 connecting at a time over Telnet, 16 over SSH),
 * waits until all are at their prompt, then has each type {@code echo <n>} and wait for {@code <n>} and the next
 * prompt, in a loop, on a virtual thread per client. Round trips of the warm-up are dropped; those of the measured
 * period are recorded in nanoseconds in an HdrHistogram (3 significant digits).
 *
 * <p>Prints {@code RESULT clients=N commands/s=.. p50us=.. p90us=.. p99us=.. p999us=.. maxus=.. meanus=.. count=..
 * seconds=.. failed=..}, where failed counts the clients that broke off during the run. Exits when its standard input
 * ends (the harness died).
 *
 * <p>Usage: {@code EchoLatencyClients HOST PORT telnet|ssh CLIENTS WARMUP_S SECONDS CONNECT_S}
 */
public final class EchoLatencyClients {

    private EchoLatencyClients() {
    }

    /**
     * Runs the clients.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        ClientJvm.exitWhenParentEnds();
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("EchoLatencyClients: " + e);
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        String protocol = args[2];
        int count = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int connectSeconds = Integer.parseInt(args[6]);
        Deadline.start(java.time.Duration.ofSeconds(connectSeconds + warmup + seconds + 60L), "EchoLatencyClients");
        Semaphore connecting = new Semaphore(protocol.equals("ssh") ? 16 : 64);
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger unconnected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Recorder recorder = new Recorder(3);
        List<Thread> threads = new ArrayList<>();
        try (LoadClients connector = LoadClients.of(protocol)) {
            for (int c = 0; c < count; c++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    LoadClient opened;
                    try {
                        connecting.acquire();
                        try {
                            opened = connector.open(server);
                            opened.awaitPrompt();
                        } finally {
                            connecting.release();
                        }
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        if (unconnected.getAndIncrement() < 5) {
                            System.err.println("client failed to connect: " + e);
                        }
                        ready.countDown();
                        return;
                    }
                    try (LoadClient client = opened) {
                        ready.countDown();
                        go.await();
                        for (long n = 1; !stop.get(); n++) {
                            String expected = n + "\r\n";
                            long start = System.nanoTime();
                            client.send("echo " + n);
                            String answer = client.awaitPrompt();
                            long took = System.nanoTime() - start;
                            if (!answer.endsWith(expected)) {
                                throw new IOException("wrong answer to echo " + n + ": " + answer);
                            }
                            recorder.recordValue(took);
                        }
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        if (!stop.get() && failed.getAndIncrement() < 5) {
                            System.err.println("client failed: " + e);
                        }
                    }
                }));
            }
            if (!ready.await(connectSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException((count - ready.getCount()) + " of " + count
                        + " clients reached their prompt within " + connectSeconds + " s");
            }
            if (unconnected.get() > 0) {
                throw new IllegalStateException(unconnected.get() + " of " + count + " clients could not connect");
            }
            go.countDown();
            Thread.sleep(warmup * 1000L);
            recorder.getIntervalHistogram(); // drops the warm-up
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            Histogram measured = recorder.getIntervalHistogram();
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            long total = measured.getTotalCount();
            System.out.printf(Locale.ROOT, "RESULT clients=%d commands/s=%.0f p50us=%.1f p90us=%.1f p99us=%.1f "
                            + "p999us=%.1f maxus=%.1f meanus=%.1f count=%d seconds=%.2f failed=%d%n",
                    count, total / elapsed, us(measured.getValueAtPercentile(50)),
                    us(measured.getValueAtPercentile(90)), us(measured.getValueAtPercentile(99)),
                    us(measured.getValueAtPercentile(99.9)), us(measured.getMaxValue()), measured.getMean() / 1e3,
                    total, elapsed, failed.get());
            System.out.flush();
            for (Thread thread : threads) {
                // each is at most one round trip from seeing the flag; a stuck server ends with the deadline
                thread.join(java.time.Duration.ofSeconds(10));
            }
        }
    }

    private static double us(long nanos) {
        return nanos / 1e3;
    }
}
