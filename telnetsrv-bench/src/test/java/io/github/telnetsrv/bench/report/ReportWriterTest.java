package io.github.telnetsrv.bench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.bench.report.Measurement.Kind;
import io.github.telnetsrv.bench.report.Measurement.Result;
import io.github.telnetsrv.bench.report.Measurement.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's tables, targets and ratios from a made-up set of results (no child JVMs): the figures land in the
 * rows and columns the headers name, ratios are virtual ÷ the other server, runs that did not complete say why.
 */
class ReportWriterTest {

    private static final Machine MACHINE = new Machine(2, "Test CPU", "3.8 GiB", "Linux 6 amd64", "Test JVM 21",
            "960 MiB", "20,000", "0.10 0.20 0.30");

    private static Result ok(Kind kind, String runtime, int size, List<String> args, Map<String, String> fields) {
        return new Result(new Measurement(kind, runtime, size, args, Duration.ofSeconds(60)), Status.OK, fields, "",
                12.5, "0.50");
    }

    private static Result idle(String runtime, int sessions, String heap, String cpu) {
        return ok(Kind.IDLE, runtime, sessions, List.of("--runtime", runtime), Map.of("ready",
                Integer.toString(sessions), "heap/session", heap, "rss/session", "8.00", "platformThreads", "12->14", "idleCpu", cpu + "%",
                "connect", "1730/s"));
    }

    private static Result echo(String runtime, int clients, String commands, String p99) {
        return ok(Kind.ECHO, runtime, clients, List.of("--runtime", runtime), Map.of("commands/s", commands,
                "p50us", "400", "p90us", "900", "p99us", p99, "p999us", "5000", "maxus", "9000", "failed", "0"));
    }

    private static Result piped(String runtime, String client, String linesPerSecond) {
        List<String> args = client.equals("ssh") ? List.of("--runtime", runtime)
                : List.of("--runtime", runtime, "--client", client);
        return ok(Kind.PIPED, runtime, 100_000, args, Map.of("lines/s", linesPerSecond, "seconds", "5.5",
                "lost", "0"));
    }

    private static String report() {
        List<Result> results = new ArrayList<>();
        results.add(idle("bare", 15_000, "2.00", "0.10"));
        results.add(idle("virtual", 15_000, "3.50", "0.20"));
        results.add(idle("threaded", 15_000, "7.00", "0.40"));
        results.add(echo("virtual", 100, "50000", "1500"));
        results.add(echo("termd", 100, "10000", "6000"));
        results.add(echo("jline", 100, "10000", "3000"));
        results.add(new Result(new Measurement(Kind.ECHO, "threaded", 100, List.of("--runtime", "threaded"),
                Duration.ofSeconds(60)), Status.TIMED_OUT, Map.of(), "", 60, "1.00"));
        results.add(ok(Kind.CONNECT, "virtual", 8, List.of("--runtime", "virtual"), Map.of("sessions/s", "3000.0",
                "p50us", "2000", "p90us", "3000", "p99us", "25000", "p999us", "40000", "maxus", "50000",
                "count", "15000", "failed", "2")));
        results.add(ok(Kind.CONNECT, "termd", 8, List.of("--runtime", "termd"), Map.of("sessions/s", "1500.0",
                "p50us", "2000", "p90us", "3000", "p99us", "5000", "p999us", "40000", "maxus", "50000",
                "count", "7500", "failed", "0")));
        results.add(piped("virtual", "telnet", "20000"));
        results.add(piped("termd", "telnet", "5000"));
        results.add(piped("virtual", "nc", "25000"));
        results.add(piped("ssh", "ssh", "40000"));
        results.add(new Result(new Measurement(Kind.IDLE, "jline", 5_000, List.of("--runtime", "jline"),
                Duration.ofSeconds(60)), Status.SKIPPED, Map.of(), "the report's time budget (27 min) was spent", 0,
                ""));
        return new ReportWriter(false, List.of(), Instant.parse("2025-01-02T03:04:05Z"), 754, MACHINE, MACHINE,
                results).markdown();
    }

    private static void assertLine(String report, String line) {
        assertTrue(report.lines().anyMatch(line::equals), () -> "no line\n" + line + "\nin\n" + report);
    }

    @Test
    void headerNamesTheRunAndTheMachine() {
        String report = report();
        assertTrue(report.startsWith("# telnetsrv load benchmarks\n\nWritten by "), report);
        assertTrue(report.contains("from a run started 2025-01-02 03:04 UTC; the measurements took 12 min 34 s."),
                report);
        assertLine(report, "    -Dbench.args=\"--out ..\"");
        assertLine(report, "| CPUs | 2 × Test CPU |");
        assertLine(report, "| load average (1, 5, 15 min): before → after | 0.10 0.20 0.30 → 0.10 0.20 0.30 |");
    }

    @Test
    void targetsAreMetMissedOrNotMeasured() {
        String report = report();
        assertLine(report, "| heap per idle session ≤ 4 KiB at 15,000 sessions | 3.50 KiB | **met** |");
        assertLine(report, "| idle CPU at 15,000 sessions within 0.1 % of one core of the bare floor (one step of "
                + "the measurement) | 0.20 % (floor 0.10 %) | **met** |");
        assertLine(report, "| echo round trips ≥ 5x " + ReportWriter.label("termd") + "'s at 100 clients "
                + "| 5.00x (50,000 vs 10,000 commands/s) | **met** |");
        assertLine(report, "| echo round trip p99 ≤ 2 ms at 100 clients | 1.50 ms | **met** |");
        assertLine(report, "| time to prompt p99 < 20 ms (negotiating Telnet client) | 25.00 ms | **missed** |");
    }

    @Test
    void tablesPutEachFigureUnderItsHeader() {
        String report = report();
        assertLine(report, "| telnetsrv virtual | 15,000 | 15,000 | 3.50 KiB | 8.00 KiB | 12 → 14 | 0.20 % "
                + "| 1,730/s | ok |");
        assertLine(report, "| telnetsrv virtual | 100 | 50,000 | 400 | 900 | 1,500 | 5,000 | 9,000 | ok |");
        assertLine(report, "| telnetsrv threaded | 100 | | | | | | | did not complete within 60 s |");
        assertLine(report, "| telnetsrv virtual | 8 | 3,000.0 | 2.00 ms | 3.00 ms | 25.00 ms | 40.00 ms "
                + "| 50.00 ms | 15,000 | ok (2 sessions failed) |");
        assertLine(report, "| telnetsrv virtual | nc | 100,000 | 25,000 | 5.50 | 0 | ok |");
        assertLine(report, "| telnetsrv SSH | ssh -T | 100,000 | 40,000 | 5.50 | 0 | ok |");
    }

    @Test
    void ratiosAreVirtualOverTheOtherServer() {
        String report = report();
        assertLine(report, "| 15,000 | heap / session | 1.75x | 0.50x |  |  |  |");
        assertLine(report, "| 100 | commands/s |  |  | 5.00x | 5.00x |");
        assertLine(report, "| 100 | p99 |  |  | 0.25x | 0.50x |");
        assertLine(report, "| 8 | sessions/s |  |  | 2.00x |  |");
        assertLine(report, "| 100,000 | lines/s |  | 0.50x | 4.00x |  |");
    }

    @Test
    void runsThatDidNotCompleteAreListedWithTheirReason() {
        String report = report();
        assertLine(report, "- `EchoLatency --runtime threaded`: did not complete within 60 s");
        assertLine(report, "- `IdleSessions --runtime jline`: not run: the report's time budget (27 min) was spent");
        assertLine(report, "| 14 | `IdleSessions --runtime jline` | 0.0 |  | not run: the report's time budget "
                + "(27 min) was spent |");
    }
}
