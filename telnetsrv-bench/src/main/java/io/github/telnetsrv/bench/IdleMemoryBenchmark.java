package io.github.telnetsrv.bench;

import io.github.telnetsrv.bench.load.Target;
import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What idle sessions cost, per runtime, as a JMH benchmark: {@code sessions} Telnet sessions are opened (each past
 * its negotiation to the prompt, then left idle) on a server of the load harnesses' {@link Target}:
 * {@code virtual} and {@code threaded} are telnetsrv, {@code bare} the floor (a socket and a virtual thread parked
 * in a read per connection, prompt only). The figures, as secondary results of the one benchmark:
 *
 * <ul>
 *   <li>{@code heapPerSession}: heap in use after a full GC with the sessions open, minus before they opened,
 *       divided by {@code sessions}, in bytes;</li>
 *   <li>{@code rssPerSession}: the same for the process's resident set ({@code VmRSS}; thread stacks, socket
 *       buffers and the JVM's own structures too; -1 off Linux), in bytes;</li>
 *   <li>{@code threadsPerSession}: live platform threads per session (virtual threads are not counted);</li>
 *   <li>the primary score, {@code roundTrip}: one {@code echo x} round trip on one more session while the others
 *       idle, in microseconds: does a crowd of idle sessions slow an active one? ({@code bare} has no commands:
 *       its score is only the write of the line, not a round trip.)</li>
 * </ul>
 *
 * <p>The clients are in the same JVM (a plain {@link java.net.Socket} each, kept open after the prompt, no thread,
 * no buffer), so the per-session figures include one client socket: the same for every runtime, so the
 * difference to {@code bare} is what telnetsrv's session adds over a socket and a parked virtual thread.
 * {@code sessions} = 1000 is 2000 file descriptors (check {@code ulimit -n}). The load harness
 * {@code io.github.telnetsrv.bench.load.IdleSessions} is the rigorous version: clients in separate processes, more
 * sessions, and peer libraries.
 *
 * <p>The memory figures are measured once, at set-up (also printed then, on the fork's output), and reported as
 * {@link AuxCounters} of type {@code EVENTS} (JMH 1.37: public fields of a {@code Scope.Thread} state, zeroed by JMH
 * at the start of each iteration, summed over the measurement iterations). So the benchmark method writes them,
 * in the first measurement iteration only; the sum JMH prints is the figure, and its {@code Cnt} is the number of
 * iterations, not of measurements (no error column). {@code -prof gc} can be added for the round trip's
 * allocation.
 *
 * <pre>
 * java -jar telnetsrv-bench/target/benchmarks.jar IdleMemoryBenchmark
 * java -jar telnetsrv-bench/target/benchmarks.jar IdleMemoryBenchmark -p sessions=2000 -jvmArgsAppend -Xss256k
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class IdleMemoryBenchmark {

    private static final byte[] LINE = WireClient.ascii("echo x\r\n");
    private static final byte[] ANSWER = WireClient.ascii("x\r\n" + Target.PROMPT);

    /** {@code bare} (the floor), {@code virtual} or {@code threaded}. */
    @Param({"bare", "virtual", "threaded"})
    public String runtime;

    /** How many sessions idle. */
    @Param({"1000"})
    public int sessions;

    private Target server;
    private final List<Closeable> idle = new ArrayList<>();
    private WireClient probe;
    double heapPerSession;
    double rssPerSession;
    double threadsPerSession;

    /** The secondary results: what {@link IdleMemoryBenchmark} measured at set-up. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        /** Heap per idle session after a full GC, bytes. */
        public double heapPerSession;
        /** Resident set per idle session, bytes. */
        public double rssPerSession;
        /** Live platform threads per idle session. */
        public double threadsPerSession;
        /** Whether this iteration reports the figures: the first measurement iteration only. */
        private boolean reporting;
        private boolean reported;

        /**
         * Decides whether the coming iteration reports the figures.
         *
         * @param iteration the iteration's settings
         */
        @Setup(Level.Iteration)
        public void nextIteration(IterationParams iteration) {
            reporting = iteration.getType() == IterationType.MEASUREMENT && !reported;
            reported |= reporting;
        }
    }

    /**
     * Starts the server, opens the sessions, and measures.
     *
     * @throws IOException if a session does not come up
     * @throws InterruptedException if interrupted while waiting for the GC
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        server = Target.start(runtime, 1024, sessions + 16, Duration.ZERO);
        try {
            // The probe first, and one round trip, so that class loading and the first use count before the sessions.
            probe = WireClient.connect(server.localAddress(), false);
            probe.awaitPrompt();
            if (!runtime.equals("bare")) {
                roundTrip();
            }
            long heapBefore = usedAfterGc();
            long rssBefore = residentBytes();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            for (int i = 0; i < sessions; i++) {
                WireClient client = WireClient.connect(server.localAddress(), false);
                idle.add(client.resource());
                client.awaitPrompt();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.sessionCount() < sessions + 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long heapAfter = usedAfterGc();
            long rssAfter = residentBytes();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            heapPerSession = (heapAfter - heapBefore) / (double) sessions;
            rssPerSession = rssBefore < 0 ? -1 : (rssAfter - rssBefore) / (double) sessions;
            threadsPerSession = (threadsAfter - threadsBefore) / (double) sessions;
            System.out.printf("%n%s: %d idle sessions (server counts %d): heap %.0f B/session, RSS %.0f B/session,"
                    + " %.2f platform threads/session%n", runtime, sessions, server.sessionCount() - 1,
                    heapPerSession, rssPerSession, threadsPerSession);
        } catch (IOException | RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    /**
     * One {@code echo x} round trip on the probe session while the others idle ({@code bare} has no commands: there
     * the operation sends a line the bare server drops, and waits for nothing).
     *
     * @param memory the secondary results
     * @return the probe client
     * @throws IOException if the answer does not come within 10 s
     */
    @Benchmark
    public Object roundTrip(Memory memory) throws IOException {
        // JMH zeroes the counters after the iteration's set-up, so they are written here, on every call.
        if (memory.reporting) {
            memory.heapPerSession = heapPerSession;
            memory.rssPerSession = rssPerSession;
            memory.threadsPerSession = threadsPerSession;
        }
        return roundTrip();
    }

    private Object roundTrip() throws IOException {
        probe.send(LINE);
        if (!runtime.equals("bare")) {
            probe.await(ANSWER);
        }
        return probe;
    }

    /** Closes the sessions and the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            for (Closeable c : idle) {
                c.close();
            }
            idle.clear();
            if (probe != null) {
                probe.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** This process's resident set in bytes ({@code VmRSS}), or -1 where {@code /proc} does not say. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
