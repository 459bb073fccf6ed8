package io.github.telnetsrv.bench.report;

import io.github.telnetsrv.bench.report.Measurement.Kind;
import io.github.telnetsrv.bench.report.Measurement.Result;
import io.github.telnetsrv.bench.report.Measurement.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the load measurements and writes {@code BENCHMARKS.md} with charts: idle sessions ({@code IdleSessions}),
 * echo round trips with their latency percentiles ({@code EchoLatency}) and connect rate with time to prompt
 * ({@code ConnectLatency}), for telnetsrv's runtimes (Telnet on virtual and platform threads, SSH), the bare floor
 * and the peer libraries (JLine, termd). Each measurement is a child JVM (this JVM's {@code java} and class path)
 * with a time limit; one that runs over it is killed with its own child processes and reported as not completed.
 * The whole run keeps within a time budget (27 minutes; 2 with {@code --quick}): measurements that would start
 * after it are reported as not run. Progress goes to standard error, the children's standard error to log files in
 * a temporary directory (named at the start).
 *
 * <p>Usage: {@code BenchmarkReport [--quick] [--out DIR]}: writes {@code DIR/BENCHMARKS.md} and {@code
 * DIR/benchmarks/*.png} (default: the current directory). {@code --quick} runs tiny counts (50 idle sessions, 5 echo
 * clients for 2 s, a few servers) in well under a minute, as a smoke test.
 */
public final class BenchmarkReport {

    /** The servers of the echo and connect measurements, in the tables' order. */
    static final List<String> SERVERS = List.of("virtual", "threaded", "ssh", "termd", "jline");

    /** The servers of the idle measurement, in the tables' order. */
    static final List<String> IDLE_SERVERS = List.of("bare", "virtual", "threaded", "ssh", "termd", "jline");

    private BenchmarkReport() {
    }

    /**
     * Runs the report.
     *
     * @param args see the class documentation
     * @throws Exception if the report cannot be written (a failed measurement is reported, not thrown)
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--out needs a directory");
                    }
                    out = Path.of(args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: BenchmarkReport [--quick] [--out DIR])");
            }
        }
        System.setProperty("java.awt.headless", "true");
        int status = run(quick, out.toAbsolutePath().normalize(), List.of(args));
        System.exit(status);
    }

    /**
     * Runs the measurements and writes the report.
     *
     * @param quick tiny counts, for a smoke test
     * @param out the directory for {@code BENCHMARKS.md} and {@code benchmarks/}
     * @param args the command line, for the report
     * @return 0
     * @throws IOException if the report cannot be written
     * @throws InterruptedException if interrupted while a child runs
     */
    static int run(boolean quick, Path out, List<String> args) throws IOException, InterruptedException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(out.resolve("benchmarks"));
        Path logs = Files.createTempDirectory("telnetsrv-bench-report");
        Duration budget = quick ? Duration.ofMinutes(2) : Duration.ofMinutes(27);
        List<Measurement> plan = quick ? quickPlan() : fullPlan();
        Machine before = Machine.now();
        Instant started = Instant.now();
        long start = System.nanoTime();
        progress("BenchmarkReport: %d measurements, budget %d min, child logs in %s, load average %s",
                plan.size(), budget.toMinutes(), logs, before.loadAverage());
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Measurement m = plan.get(i);
            Duration left = budget.minusNanos(System.nanoTime() - start);
            String name = String.format(Locale.ROOT, "%02d-%s-%s-%d", i + 1, m.kind().name().toLowerCase(Locale.ROOT),
                    m.runtime(), m.size());
            Result result;
            if (left.compareTo(Duration.ofSeconds(20)) < 0) {
                result = new Result(m, Status.SKIPPED, java.util.Map.of(), "the report's time budget ("
                        + budget.toMinutes() + " min) was spent", 0, "");
            } else {
                Measurement bounded = left.compareTo(m.limit()) < 0
                        ? new Measurement(m.kind(), m.runtime(), m.size(), m.args(), left) : m;
                progress("[%d/%d] %s %s %,d ...", i + 1, plan.size(), m.kind().name().toLowerCase(Locale.ROOT),
                        m.runtime(), m.size());
                result = runChild(bounded, logs.resolve(name + ".log"));
            }
            results.add(result);
            progress("[%d/%d] %s %s %,d: %s in %.1f s%s", i + 1, plan.size(), m.kind().name().toLowerCase(Locale.ROOT),
                    m.runtime(), m.size(), result.describe(), result.seconds(), summary(result));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Machine after = Machine.now();
        Charts.write(results, out.resolve("benchmarks"));
        Path report = out.resolve("BENCHMARKS.md");
        Files.writeString(report, new ReportWriter(quick, args, started, seconds, before, after, results).markdown(),
                StandardCharsets.UTF_8);
        progress("BenchmarkReport: wrote %s and %s in %.0f s (load average %s)", report, out.resolve("benchmarks"),
                seconds, after.loadAverage());
        return 0;
    }

    /** How long the full run's idle sessions sit idle while their CPU time is taken (10 ms ticks: 0.1 % steps). */
    private static final int IDLE_SECONDS = 10;

    /** The full run: budgeted to finish in about 15 to 25 minutes on 2 cores. */
    static List<Measurement> fullPlan() {
        List<Measurement> plan = new ArrayList<>();
        // Echo round trips at 100 clients first: the targets rest on them.
        for (String server : SERVERS) {
            plan.add(echo(server, 100, 3, 7));
        }
        for (int sessions : new int[] {1_000, 5_000, 15_000}) {
            for (String server : List.of("bare", "virtual", "threaded", "termd")) {
                plan.add(idle(server, sessions, IDLE_SECONDS));
            }
        }
        // After the large idle runs: each connect run leaves thousands of client ports in TIME_WAIT for a minute.
        for (String server : SERVERS) {
            plan.add(connect(server, 8, 2, 5));
        }
        for (int clients : new int[] {10, 1_000}) {
            for (String server : SERVERS) {
                plan.add(echo(server, clients, 3, 7));
            }
        }
        plan.add(idle("ssh", 1_000, IDLE_SECONDS));
        plan.add(idle("ssh", 5_000, IDLE_SECONDS));
        plan.add(idle("jline", 1_000, IDLE_SECONDS));
        // The most one server JVM holds under a 20,000 open-file limit: a socket per session, and room for the
        // JVM's own files (jars, pipes, epoll).
        plan.add(idle("virtual", 19_000, IDLE_SECONDS));
        plan.add(idle("jline", 5_000, IDLE_SECONDS));
        plan.add(idle("ssh", 15_000, IDLE_SECONDS));
        // A piped script: the same negotiating client for every Telnet server, nc (line mode) for telnetsrv's
        // runtimes too, ssh -T for the SSH server.
        for (String server : List.of("virtual", "threaded", "termd")) {
            plan.add(piped(server, "telnet", 100_000));
        }
        plan.add(piped("jline", "telnet", 10_000)); // JLine runs a few hundred lines a second: as far as it gets
        plan.add(piped("virtual", "nc", 100_000));
        plan.add(piped("threaded", "nc", 100_000));
        plan.add(piped("ssh", "ssh", 100_000));
        plan.add(piped("ssh-threaded", "ssh", 100_000));
        return plan;
    }

    /** The quick run: a smoke test of every harness and of the report, in well under a minute. */
    static List<Measurement> quickPlan() {
        return List.of(
                idle("bare", 50, 1),
                idle("virtual", 50, 1),
                echo("virtual", 5, 1, 2),
                echo("termd", 5, 1, 2),
                connect("virtual", 2, 1, 1),
                connect("ssh", 2, 1, 1),
                piped("virtual", "nc", 2_000),
                piped("termd", "telnet", 2_000),
                piped("ssh", "ssh", 2_000));
    }

    private static Measurement idle(String runtime, int sessions, int idleSeconds) {
        boolean ssh = runtime.startsWith("ssh");
        boolean jline = runtime.equals("jline");
        // Sessions set up per second, roughly, on 2 cores: Telnet over 1,000, SSH (key exchanges) about 200,
        // JLine (a second of negotiation per session, 64 at a time) about 50.
        int rate = ssh ? 100 : jline ? 40 : 250;
        long limit = 60 + sessions / rate + idleSeconds;
        if (jline) {
            limit = Math.min(limit, 150); // "as far as it gets": 5,000 JLine sessions may not finish
        }
        return new Measurement(Kind.IDLE, runtime, sessions, List.of("--runtime", runtime, "--sessions",
                Integer.toString(sessions), "--per-process", "7500", "--idle-seconds", Integer.toString(idleSeconds)),
                Duration.ofSeconds(limit));
    }

    private static Measurement echo(String runtime, int clients, int warmup, int seconds) {
        int connect = clients >= 1_000 ? 90 : 45;
        return new Measurement(Kind.ECHO, runtime, clients, List.of("--runtime", runtime, "--clients",
                Integer.toString(clients), "--warmup", Integer.toString(warmup), "--seconds", Integer.toString(seconds),
                "--connect-seconds", Integer.toString(connect)),
                Duration.ofSeconds(connect + warmup + seconds + 30L));
    }

    private static Measurement connect(String runtime, int concurrency, int warmup, int seconds) {
        return new Measurement(Kind.CONNECT, runtime, concurrency, List.of("--runtime", runtime, "--concurrency",
                Integer.toString(concurrency), "--warmup", Integer.toString(warmup), "--seconds",
                Integer.toString(seconds)), Duration.ofSeconds(warmup + seconds + 40L));
    }

    private static Measurement piped(String runtime, String client, int lines) {
        List<String> args = new ArrayList<>(List.of("--runtime", runtime, "--lines", Integer.toString(lines)));
        if (!client.equals("ssh")) {
            args.addAll(List.of("--client", client));
        }
        return new Measurement(Kind.PIPED, runtime, lines, args, Duration.ofSeconds(90L + lines / 500));
    }

    /** Runs one measurement in a child JVM, killing it (and its children) at its time limit. */
    static Result runChild(Measurement m, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IOException("cannot tell which java runs this JVM")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(m.kind().mainClass);
        command.addAll(m.args());
        String load = Machine.now().loadAverage().split(" ")[0];
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        // Only the child's last result line matters: kept as it comes, nothing else is held.
        AtomicReference<String> result = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("runtime=")) {
                        result.set(line);
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        }, "report-child-stdout");
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(m.limit().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        String resultLine = result.get();
        if (resultLine != null) {
            return new Result(m, Status.OK, Result.parse(resultLine), "", seconds, load);
        }
        if (!finished) {
            return new Result(m, Status.TIMED_OUT, java.util.Map.of(), "", seconds, load);
        }
        return new Result(m, Status.FAILED, java.util.Map.of(), "exit status " + process.exitValue() + ", "
                + lastError(log), seconds, load);
    }

    /** The last line of a child's standard error that says something, for the reason it failed. */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("at ") && !line.startsWith("...")) {
                    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
                }
            }
        } catch (IOException e) {
            return "no log (" + e.getMessage() + ")";
        }
        return "nothing on standard error";
    }

    private static String summary(Result r) {
        if (!r.ok()) {
            return "";
        }
        return switch (r.measurement().kind()) {
            case IDLE -> String.format(Locale.ROOT, ": %s ready, %.2f KiB heap/session, idle CPU %s",
                    r.fields().get("ready"), r.number("heap/session"), r.fields().get("idleCpu"));
            case ECHO -> String.format(Locale.ROOT, ": %,.0f commands/s, p50 %.0f us, p99 %.0f us",
                    r.number("commands/s"), r.number("p50us"), r.number("p99us"));
            case PIPED -> String.format(Locale.ROOT, ": %,.0f lines/s, %.0f lost", r.number("lines/s"),
                    r.number("lost"));
            case CONNECT -> String.format(Locale.ROOT, ": %,.1f sessions/s, p50 %.0f us, p99 %.0f us",
                    r.number("sessions/s"), r.number("p50us"), r.number("p99us"));
        };
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
        System.err.flush();
    }
}
