package io.github.telnetsrv.bench.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many idle sessions one JVM holds, and what each costs: starts a server in this JVM, opens the sessions from
 * separate client processes ({@link IdleClients}; the per-process file limit counts both ends of a loopback
 * connection), waits until every session has negotiated and sits at its prompt, then reports the heap per session
 * after GC, the platform threads, and the CPU used while idle.
 *
 * <p>Usage: {@code IdleSessions [--runtime virtual|threaded|bare|jline|termd] [--sessions N] [--per-process M]
 * [--idle-seconds S]}; {@code bare} measures the floor: a bare socket with one virtual thread parked in a read;
 * {@code jline} and {@code termd} the peer libraries (see {@link Target}).
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
        String runtime = "virtual";
        int sessions = 15_000;
        int perProcess = 7_500;
        int idleSeconds = 10;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--runtime" -> runtime = args[i + 1];
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--per-process" -> perProcess = Integer.parseInt(args[i + 1]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + " (expected: --runtime, --sessions, --per-process, --idle-seconds)");
            }
        }
        Deadline.start(Duration.ofSeconds(idleSeconds + 600L), "IdleSessions");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Target server = Target.start(runtime, 4096, sessions + 10, Duration.ZERO)) {
            // Warm the code paths once so class loading does not count against the sessions.
            try (TelnetLoadClient warm = new TelnetLoadClient(server.localAddress())) {
                warm.awaitPrompt();
            }
            while (server.sessionCount() != 0) {
                Thread.sleep(10);
            }
            long before = usedAfterGc(memory);
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long start = System.nanoTime();
            List<Process> clients = new ArrayList<>();
            int ready = 0;
            for (int left = sessions; left > 0; left -= perProcess) {
                clients.add(startClients(server, Math.min(left, perProcess)));
            }
            for (Process client : clients) {
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                if (line == null || !line.startsWith("READY ")) {
                    throw new IllegalStateException("client process failed: " + line);
                }
                ready += Integer.parseInt(line.substring(6).trim());
            }
            double setupSeconds = (System.nanoTime() - start) / 1e9;
            long after = usedAfterGc(memory);
            int open = server.sessionCount();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long cpuBefore = os.getProcessCpuTime();
            Thread.sleep(idleSeconds * 1000L);
            long cpuAfter = os.getProcessCpuTime();
            double cpuPercent = 100.0 * (cpuAfter - cpuBefore) / (idleSeconds * 1e9);
            System.out.printf(Locale.ROOT, "runtime=%s sessions=%d ready=%d setup=%.1fs heap/session=%.2f KiB "
                            + "(heap %.1f MiB -> %.1f MiB) platformThreads=%d->%d idleCpu=%.2f%% of one core "
                            + "over %ds (java %s)%n",
                    runtime, open, ready, setupSeconds, (after - before) / 1024.0 / Math.max(1, open),
                    before / 1048576.0, after / 1048576.0, threadsBefore, threads, cpuPercent, idleSeconds,
                    Runtime.version());
            for (Process client : clients) {
                client.getOutputStream().close();
            }
            for (Process client : clients) {
                client.waitFor();
            }
        }
    }

    private static Process startClients(Target server, int count) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("java.class.path");
        return new ProcessBuilder(java, "-Xss256k", "-cp", Path.of(classPath).toString(),
                IdleClients.class.getName(), server.localAddress().getAddress().getHostAddress(),
                Integer.toString(server.localAddress().getPort()), Integer.toString(count))
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
}
