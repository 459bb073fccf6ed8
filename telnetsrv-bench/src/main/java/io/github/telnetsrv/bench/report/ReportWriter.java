package io.github.telnetsrv.bench.report;

import static io.github.telnetsrv.bench.report.Markdown.duration;
import static io.github.telnetsrv.bench.report.Markdown.kib;
import static io.github.telnetsrv.bench.report.Markdown.ms;

import io.github.telnetsrv.bench.report.Measurement.Kind;
import io.github.telnetsrv.bench.report.Measurement.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes {@code BENCHMARKS.md} from the results of one run: the command, machine, method, targets and the profile
 * of what limits them, then the measurement tables ({@link ResultTables}), the runs that did not complete and the
 * run log.
 */
final class ReportWriter {

    /** The Maven command that runs the full report from the repository root, without its arguments. */
    static final String MAVEN_COMMAND = "mvn -B -pl telnetsrv-bench -am package -DskipTests exec:exec "
            + "-Dbench.main=io.github.telnetsrv.bench.report.BenchmarkReport";

    private final boolean quick;
    private final List<String> args;
    private final Instant started;
    private final double seconds;
    private final Machine before;
    private final Machine after;
    private final RunResults results;
    private final Markdown md = new Markdown();

    ReportWriter(boolean quick, List<String> args, Instant started, double seconds, Machine before, Machine after,
            List<Result> results) {
        this.quick = quick;
        this.args = args;
        this.started = started;
        this.seconds = seconds;
        this.before = before;
        this.after = after;
        this.results = new RunResults(results);
    }

    /**
     * A server's name in the tables and charts.
     *
     * @param runtime the target's runtime name
     * @return the label, with the peer library's version where the class path says it
     */
    static String label(String runtime) {
        return switch (runtime) {
            case "bare" -> "bare floor";
            case "virtual" -> "telnetsrv virtual";
            case "threaded" -> "telnetsrv threaded";
            case "ssh" -> "telnetsrv SSH";
            case "ssh-threaded" -> "telnetsrv SSH threaded";
            case "jline" -> "JLine" + version("org.jline", "jline-remote-telnet");
            case "termd" -> "termd" + version("io.termd", "termd-core");
            default -> runtime;
        };
    }

    /** " 1.2.3" from the artifact's pom.properties on the class path, or "". */
    private static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ReportWriter.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            return version == null ? "" : " " + version;
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The report.
     *
     * @return its Markdown text
     */
    String markdown() {
        header();
        machine();
        method();
        targets();
        limits();
        new ResultTables(md, results).write();
        incomplete();
        runLog();
        return md.toString();
    }

    private void header() {
        line("# telnetsrv load benchmarks");
        line();
        if (quick) {
            line("> **Quick run** (`--quick`): tiny counts, a smoke test of the harnesses and of this report. "
                    + "Not figures to quote.");
            line();
        }
        line("Written by `io.github.telnetsrv.bench.report.BenchmarkReport` from a run started "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(started.atOffset(ZoneOffset.UTC))
                + "; the measurements took " + duration(seconds) + ". Each figure comes from its own JVM (or "
                + "pair of JVMs: server and load generator), started one after the other on the same machine.");
        line();
        line("The command, from the repository root (Maven runs it in `telnetsrv-bench`, hence `--out ..`):");
        line();
        line("```sh");
        line(MAVEN_COMMAND + " \\");
        line("    -Dbench.args=\"" + String.join(" ", args.isEmpty() ? List.of("--out", "..") : args) + "\"");
        line("```");
        line();
    }

    private void machine() {
        line("## Machine");
        line();
        line("| | |");
        line("|---|---|");
        line("| CPUs | " + before.cpus() + " × " + before.cpuModel() + " |");
        line("| RAM | " + before.memory() + " |");
        line("| kernel | " + before.kernel() + " |");
        line("| JDK | " + before.java() + " |");
        line("| default maximum heap (every JVM of the run) | " + before.maxHeap() + " |");
        line("| open-file limit per process | " + before.openFiles() + " |");
        line("| load average (1, 5, 15 min): before → after | " + before.loadAverage() + " → "
                + after.loadAverage() + " |");
        line();
        line("Other work may have shared the machine during the run (the load averages above and in the run log "
                + "say how much; the \"after\" figure also counts this run's last children): absolute figures move "
                + "with it, so compare servers within this run, as the ratios do.");
        line();
    }

    private void method() {
        line("## Method");
        line();
        line("Every server runs in its own JVM on 127.0.0.1 and serves the same thing: a negotiated session, the "
                + "prompt `" + "Telnet Server> " + "` and an `echo` command (`io.github.telnetsrv.bench.load.Target`;"
                + " the peers' adapters are in `bench/load/peers`). The load generator always runs in a separate "
                + "JVM, but on the same cores.");
        line();
        line("- **Idle sessions** (`IdleSessions`): the clients (separate processes, at most 7,500 sessions each) "
                + "open the sessions, negotiate (TTYPE, NAWS, ECHO, SGA; SSH: key exchange, a shell channel with a "
                + "PTY) and wait at the prompt. Heap per session is the growth of the server's used heap after GC "
                + "divided by the sessions; RSS per session the growth of its resident set (an upper bound: it "
                + "includes heap the JVM committed while the sessions opened); platform threads before and after; "
                + "idle CPU is the server process's CPU time while the sessions sit idle, in % of one core. "
                + "`bare` is the floor: a socket with one virtual thread parked in a read, no protocol.");
        line("- **Echo round trips** (`EchoLatency`): N clients in the load generator's JVM, each in a closed loop "
                + "(one command in flight): type `echo <n>`, wait for `<n>` and the next prompt. After a warm-up, "
                + "every round trip of the measured period is recorded in an HdrHistogram; commands/s is their "
                + "number over the period. Percentiles are of the round trips the clients made (a closed loop: "
                + "a slow answer also delays the next command, so they understate what an open-loop load would "
                + "see).");
        line("- **Connect** (`ConnectLatency`): C workers in the load generator's JVM each open a session, wait "
                + "for its first prompt, close it, and start over. The Telnet client negotiates like a terminal "
                + "(WILL TTYPE and NAWS, sends XTERM and 80x24, DO ECHO and SGA); over SSH the time includes the "
                + "TCP connect, the key exchange, the login and the shell channel (Apache MINA SSHD's client). "
                + "Time to prompt is recorded per session in an HdrHistogram.");
        line("- **Piped script** (`PipedScript`): a client in a process of its own pipes a script of L lines "
                + "`echo line-N-end` into the server: over Telnet `telnet`, a netcat that negotiates like a terminal "
                + "(`PipedTelnetClient`: NAWS, TTYPE, server echo; termd needs the window size), and `nc` "
                + "(netcat-openbsd, never negotiates: line mode); over SSH `ssh -T` (OpenSSH, no PTY). The time "
                + "runs from the client's start (connection, negotiation or key exchange, login) "
                + "to the last line's result; every result is checked as it arrives (lost: missing or out of "
                + "order). The server reads faster than it runs commands, so this measures the session's whole "
                + "path under backpressure: input held back, one command after another, output paced by the "
                + "client.");
        line("- Each measurement has a time limit; one that runs over it is killed and shown as not completed, "
                + "with the others unaffected.");
        line();
    }

    private void targets() {
        line("## Targets");
        line();
        line("telnetsrv virtual (Telnet) unless named otherwise.");
        line();
        line("| target | measured | |");
        line("|---|---|---|");
        int big = quick ? 50 : 15_000;
        Result idle = results.find(Kind.IDLE, "virtual", big);
        Result floor = results.find(Kind.IDLE, "bare", big);
        if (idle != null) {
            double heap = idle.number("heap/session");
            target(String.format(Locale.ROOT, "heap per idle session ≤ 4 KiB at %,d sessions", big),
                    kib(heap), heap <= 4.0);
        } else {
            target(String.format(Locale.ROOT, "heap per idle session ≤ 4 KiB at %,d sessions", big), null, false);
        }
        String cpuTarget = String.format(Locale.ROOT,
                "idle CPU at %,d sessions within 0.1 %% of one core of the bare floor (one step of the "
                        + "measurement)", big);
        if (idle != null && floor != null) {
            double cpu = idle.number("idleCpu");
            double floorCpu = floor.number("idleCpu");
            target(cpuTarget, String.format(Locale.ROOT, "%.2f %% (floor %.2f %%)", cpu, floorCpu),
                    cpu <= floorCpu + 0.1 + 1e-9);
        } else {
            target(cpuTarget, null, false);
        }
        int clients = quick ? 5 : 100;
        Result echo = results.find(Kind.ECHO, "virtual", clients);
        for (String peer : List.of("termd", "jline")) {
            double factor = peer.equals("termd") ? 5 : 6;
            Result other = results.find(Kind.ECHO, peer, clients);
            String what = String.format(Locale.ROOT, "echo round trips ≥ %.0fx %s's at %,d clients", factor,
                    label(peer), clients);
            if (echo != null && other != null) {
                double ratio = echo.number("commands/s") / other.number("commands/s");
                target(what, String.format(Locale.ROOT, "%.2fx (%,.0f vs %,.0f commands/s)", ratio,
                        echo.number("commands/s"), other.number("commands/s")), ratio >= factor);
            } else {
                target(what, null, false);
            }
        }
        String p99 = String.format(Locale.ROOT, "echo round trip p99 ≤ 2 ms at %,d clients", clients);
        if (echo != null) {
            target(p99, ms(echo.number("p99us")), echo.number("p99us") <= 2_000);
        } else {
            target(p99, null, false);
        }
        Result connect = results.find(Kind.CONNECT, "virtual", -1);
        String prompt = "time to prompt p99 < 20 ms (negotiating Telnet client)";
        if (connect != null) {
            target(prompt, ms(connect.number("p99us")), connect.number("p99us") < 20_000);
        } else {
            target(prompt, null, false);
        }
        line();
        line("The echo clients run a closed loop (each waits for its answer before the next command), so at N "
                + "clients the mean round trip is N ÷ the round trips per second (Little's law): a p99 of 2 ms at "
                + "100 clients needs more than 50,000 round trips/s, with the load generator on the same cores. "
                + "The idle CPU figures step by 0.1 % of one core (10 ms of CPU time over 10 s; 0.2 % over 5 s).");
        line();
    }

    /** The hand-written profile of what limits each target, kept beside this class as a resource. */
    private void limits() {
        try (InputStream in = ReportWriter.class.getResourceAsStream("limits.md")) {
            if (in == null) {
                return;
            }
            for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                line(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read limits.md beside " + ReportWriter.class, e);
        }
    }

    private void target(String what, String measured, boolean met) {
        line("| " + what + " | " + (measured == null ? "not measured in this run" : measured) + " | "
                + (measured == null ? "–" : met ? "**met**" : "**missed**") + " |");
    }

    private void runLog() {
        line("## Run log");
        line();
        line("In the order run; the 1-minute load average when each child started shows how busy the machine was "
                + "(the run's own previous child included).");
        line();
        line("| # | harness and arguments | seconds | load average | run |");
        line("|---:|---|---:|---:|---|");
        int n = 0;
        for (Result r : results.all()) {
            Measurement m = r.measurement();
            line("| " + ++n + " | `" + m.kind().mainClass.substring(m.kind().mainClass.lastIndexOf('.') + 1) + " "
                    + String.join(" ", m.args()) + "` | " + String.format(Locale.ROOT, "%.1f", r.seconds()) + " | "
                    + r.loadBefore() + " | " + r.describe() + " |");
        }
        line();
    }

    private void incomplete() {
        List<Result> missing = results.all().stream().filter(r -> !r.ok()).toList();
        line("## Runs that did not complete");
        line();
        if (missing.isEmpty()) {
            line("None: every measurement completed.");
        }
        for (Result r : missing) {
            Measurement m = r.measurement();
            line("- `" + m.kind().mainClass.substring(m.kind().mainClass.lastIndexOf('.') + 1) + " "
                    + String.join(" ", m.args()) + "`: " + r.describe());
        }
        line();
    }

    private void line(String text) {
        md.line(text);
    }

    private void line() {
        md.line();
    }
}
