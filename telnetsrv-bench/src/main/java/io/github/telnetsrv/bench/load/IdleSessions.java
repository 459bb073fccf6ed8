package io.github.telnetsrv.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many idle sessions one JVM holds, and what each costs: starts a server in this JVM, opens the sessions from
 * separate client processes ({@link IdleClients}; the per-process file limit counts both ends of a loopback
 * connection), waits until every session has negotiated and sits at its prompt, then reports the heap per session
 * after GC, the resident set (RSS) per session, the platform threads, and the CPU used while idle. It also reports
 * how fast the sessions opened: sessions per second from the first connect to the last prompt (the clients' JVM
 * start left out), which for SSH is bound by the key exchanges.
 *
 * <p>The RSS figure is the growth of this process's resident set ({@code VmRSS} of {@code /proc/self/status},
 * Linux only) from before the sessions to after them, both after GC: besides the sessions' heap and native memory it
 * holds whatever heap the JVM committed while they opened and kept, so it is an upper bound that depends on the
 * heap settings.
 *
 * <p>Usage: {@code IdleSessions [--runtime virtual|threaded|bare|jline|termd|ssh|ssh-threaded] [--sessions N]
 * [--per-process M] [--concurrency C] [--idle-seconds S] [--hold-seconds H]}; {@code bare} measures the floor: a
 * bare socket with one virtual thread parked in a read; {@code jline} and {@code termd} the peer libraries, {@code
 * ssh} and {@code ssh-threaded} telnetsrv's SSH server, reached with SSH clients (see {@link Target}). {@code
 * --concurrency} bounds the sessions each client process opens at once (default 64 for Telnet, 16 for SSH: the SSH
 * server listens with a backlog of 50, and connections beyond it are refused or reset while the key exchanges keep
 * the server busy; keep processes times concurrency under 50 there). {@code --hold-seconds} keeps
 * the sessions open that long after the result line (default 0), for a heap histogram of this process: the line
 * {@code holding N sessions for H s (pid P)} goes to standard error when it starts.
 */
public final class IdleSessions {

    private IdleSessions() {
    }

    /**
     * Runs the measurement and prints one result line.
     *
     * @param args see the class documentation
     * @throws Exception if the server or the clients fail
     */
    public static void main(String[] args) throws Exception {
        run(args);
        Deadline.exit();
    }

    /** The measurement, without ending the process (for tests that run it in theirs). */
    static void run(String[] args) throws Exception {
        String runtime = "virtual";
        int sessions = 15_000;
        int perProcess = 7_500;
        int concurrency = 0;
        int idleSeconds = 10;
        int holdSeconds = 0;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--runtime" -> runtime = args[i + 1];
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--per-process" -> perProcess = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[i + 1]);
                case "--hold-seconds" -> holdSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i] + " (expected: --runtime, "
                        + "--sessions, --per-process, --concurrency, --idle-seconds, --hold-seconds)");
            }
        }
        Deadline.start(Duration.ofSeconds(idleSeconds + holdSeconds + 600L), "IdleSessions");
        String protocol = Target.protocol(runtime);
        if (concurrency <= 0) {
            concurrency = protocol.equals("ssh") ? 16 : 64;
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Target server = Target.start(runtime, 4096, sessions + 10, Duration.ZERO);
        try {
            // Warm the code paths once so class loading does not count against the sessions.
            try (LoadClients warmClients = LoadClients.of(protocol);
                    LoadClient warm = warmClients.open(server.localAddress())) {
                warm.awaitPrompt();
            }
            while (server.sessionCount() != 0) {
                Thread.sleep(10);
            }
            long before = usedAfterGc(memory);
            long rssBefore = residentBytes();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long start = System.nanoTime();
            List<Process> clients = new ArrayList<>();
            int ready = 0;
            double connectSeconds = 0;
            for (int left = sessions; left > 0; left -= perProcess) {
                clients.add(startClients(server, Math.min(left, perProcess), protocol, concurrency));
            }
            for (Process client : clients) {
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                if (line == null || !line.startsWith("READY ")) {
                    throw new IllegalStateException("client process failed: " + line);
                }
                String[] fields = line.split(" ");
                ready += Integer.parseInt(fields[1]);
                connectSeconds = Math.max(connectSeconds, Double.parseDouble(fields[2]));
            }
            double setupSeconds = (System.nanoTime() - start) / 1e9;
            long after = usedAfterGc(memory);
            long rssAfter = residentBytes();
            int open = server.sessionCount();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long cpuBefore = os.getProcessCpuTime();
            Thread.sleep(idleSeconds * 1000L);
            long cpuAfter = os.getProcessCpuTime();
            double cpuPercent = 100.0 * (cpuAfter - cpuBefore) / (idleSeconds * 1e9);
            System.out.printf(Locale.ROOT, "runtime=%s sessions=%d ready=%d setup=%.1fs connect=%.0f/s "
                            + "heap/session=%.2f KiB (heap %.1f MiB -> %.1f MiB) rss/session=%s "
                            + "platformThreads=%d->%d idleCpu=%.2f%% of one core over %ds (java %s)%n",
                    runtime, open, ready, setupSeconds, ready / Math.max(1e-9, connectSeconds),
                    (after - before) / 1024.0 / Math.max(1, open), before / 1048576.0, after / 1048576.0,
                    rssBefore < 0 || rssAfter < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f KiB (rss %.1f MiB -> "
                            + "%.1f MiB)", (rssAfter - rssBefore) / 1024.0 / Math.max(1, open),
                            rssBefore / 1048576.0, rssAfter / 1048576.0),
                    threadsBefore, threads, cpuPercent, idleSeconds, Runtime.version());
            System.out.flush();
            if (holdSeconds > 0) {
                System.err.printf(Locale.ROOT, "holding %d sessions for %d s (pid %d)%n", server.sessionCount(),
                        holdSeconds, ProcessHandle.current().pid());
                Thread.sleep(holdSeconds * 1000L);
            }
            for (Process client : clients) {
                client.getOutputStream().close();
            }
            for (Process client : clients) {
                client.waitFor();
            }
        } finally {
            // Bounded: JLine's server takes up to a minute to close (its housekeeping thread's sleep).
            Deadline.closeWithin(server, Duration.ofSeconds(10));
        }
    }

    private static Process startClients(Target server, int count, String protocol, int concurrency)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("java.class.path");
        return new ProcessBuilder(java, "-Xss256k", "-cp", Path.of(classPath).toString(),
                IdleClients.class.getName(), server.localAddress().getAddress().getHostAddress(),
                Integer.toString(server.localAddress().getPort()), Integer.toString(count), protocol,
                Integer.toString(concurrency))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
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
