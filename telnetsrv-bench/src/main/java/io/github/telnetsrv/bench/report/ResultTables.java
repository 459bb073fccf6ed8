package io.github.telnetsrv.bench.report;

import static io.github.telnetsrv.bench.report.Markdown.count;
import static io.github.telnetsrv.bench.report.Markdown.kib;
import static io.github.telnetsrv.bench.report.Markdown.ms;
import static io.github.telnetsrv.bench.report.Markdown.ratio;
import static io.github.telnetsrv.bench.report.Markdown.us;
import static io.github.telnetsrv.bench.report.ReportWriter.label;

import io.github.telnetsrv.bench.report.Measurement.Kind;
import io.github.telnetsrv.bench.report.Measurement.Result;
import java.util.List;
import java.util.Locale;

/**
 * The report's four measurement sections (idle sessions, echo round trips, connect rate, piped script): each a
 * table of every run of its harness, a table of ratios (telnetsrv virtual ÷ each other server at the same size)
 * and its charts.
 */
final class ResultTables {

    /** The servers telnetsrv virtual is compared with in the echo, connect and piped ratios, in column order. */
    private static final List<String> PEERS = List.of("threaded", "ssh", "termd", "jline");

    /** The servers of the idle ratios, in column order: the floor first. */
    private static final List<String> IDLE_PEERS = List.of("bare", "threaded", "ssh", "termd", "jline");

    private final Markdown md;
    private final RunResults results;

    ResultTables(Markdown md, RunResults results) {
        this.md = md;
        this.results = results;
    }

    /** Writes the four sections in the report's order. */
    void write() {
        idle();
        echo();
        connect();
        piped();
    }

    private void idle() {
        md.line("## Idle sessions");
        md.line();
        md.line("| server | sessions | ready | heap / session | RSS / session | platform threads | idle CPU "
                + "(% of one core) | set-up rate | run |");
        md.line("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        List<Integer> sizes = results.sizes(Kind.IDLE);
        for (String server : BenchmarkReport.IDLE_SERVERS) {
            for (int size : sizes) {
                Result r = results.any(Kind.IDLE, server, size);
                if (r == null) {
                    continue;
                }
                if (!r.ok()) {
                    md.line("| " + label(server) + " | " + count(size) + " | | | | | | | " + r.describe() + " |");
                    continue;
                }
                String rss = Double.isNaN(r.number("rss/session")) ? "n/a" : kib(r.number("rss/session"));
                md.line("| " + label(server) + " | " + count(size) + " | " + count(r.number("ready")) + " | "
                        + kib(r.number("heap/session")) + " | " + rss + " | "
                        + r.fields().getOrDefault("platformThreads", "?").replace("->", " → ") + " | "
                        + String.format(Locale.ROOT, "%.2f %%", r.number("idleCpu")) + " | "
                        + String.format(Locale.ROOT, "%,.0f/s", r.number("connect")) + " | ok |");
            }
        }
        md.line();
        md.line("Ratios at the same session count, this run: telnetsrv virtual ÷ the other server (below 1: "
                + "virtual uses less).");
        md.line();
        ratioHeader("sessions", IDLE_PEERS);
        for (int size : sizes) {
            Result v = results.find(Kind.IDLE, "virtual", size);
            if (v == null || IDLE_PEERS.stream().noneMatch(other -> results.find(Kind.IDLE, other, size) != null)) {
                continue; // nothing measured beside it at this count
            }
            ratioRow(count(size), "heap / session", v, IDLE_PEERS, Kind.IDLE, size, "heap/session");
            ratioRow(count(size), "RSS / session", v, IDLE_PEERS, Kind.IDLE, size, "rss/session");
        }
        md.line();
        md.image("idle-heap-per-session.png", "Heap per idle session against session count");
        md.image("idle-rss-per-session.png", "RSS growth per idle session against session count");
    }

    private void echo() {
        md.line("## Echo round trips");
        md.line();
        md.line("| server | clients | commands/s | p50 | p90 | p99 | p99.9 | max | run |");
        md.line("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        List<Integer> sizes = results.sizes(Kind.ECHO);
        for (int size : sizes) {
            for (String server : BenchmarkReport.SERVERS) {
                Result r = results.any(Kind.ECHO, server, size);
                if (r == null) {
                    continue;
                }
                if (!r.ok()) {
                    md.line("| " + label(server) + " | " + count(size) + " | | | | | | | " + r.describe() + " |");
                    continue;
                }
                String failed = r.number("failed") > 0
                        ? String.format(Locale.ROOT, "ok (%,.0f clients broke off)", r.number("failed")) : "ok";
                md.line("| " + label(server) + " | " + count(size) + " | " + count(r.number("commands/s")) + " | "
                        + us(r.number("p50us")) + " | " + us(r.number("p90us")) + " | " + us(r.number("p99us"))
                        + " | " + us(r.number("p999us")) + " | " + us(r.number("maxus")) + " | " + failed + " |");
            }
        }
        md.line();
        md.line("Latencies in microseconds (µs). Ratios, this run: telnetsrv virtual ÷ the other server "
                + "(commands/s: above 1, virtual makes more; p99: below 1, virtual answers sooner).");
        md.line();
        ratioHeader("clients", PEERS);
        for (int size : sizes) {
            Result v = results.find(Kind.ECHO, "virtual", size);
            if (v == null) {
                continue;
            }
            ratioRow(count(size), "commands/s", v, PEERS, Kind.ECHO, size, "commands/s");
            ratioRow(count(size), "p99", v, PEERS, Kind.ECHO, size, "p99us");
        }
        md.line();
        md.image("echo-throughput.png", "Echo round trips per second per server and client count");
        for (int clients : Charts.echoClients(results.all())) {
            md.image(Charts.echoLatencyFile(clients), String.format(Locale.ROOT,
                    "Echo latency percentiles at %,d clients", clients));
        }
    }

    private void connect() {
        md.line("## Connect rate and time to prompt");
        md.line();
        md.line("| server | workers | sessions/s | p50 | p90 | p99 | p99.9 | max | sessions measured | run |");
        md.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (String server : BenchmarkReport.SERVERS) {
            for (Result r : results.all()) {
                Measurement m = r.measurement();
                if (m.kind() != Kind.CONNECT || !m.runtime().equals(server)) {
                    continue;
                }
                if (!r.ok()) {
                    md.line("| " + label(server) + " | " + m.size() + " | | | | | | | | " + r.describe() + " |");
                    continue;
                }
                String failed = r.number("failed") > 0
                        ? String.format(Locale.ROOT, "ok (%,.0f sessions failed)", r.number("failed")) : "ok";
                md.line("| " + label(server) + " | " + m.size() + " | "
                        + String.format(Locale.ROOT, "%,.1f", r.number("sessions/s")) + " | "
                        + ms(r.number("p50us")) + " | " + ms(r.number("p90us")) + " | " + ms(r.number("p99us"))
                        + " | " + ms(r.number("p999us")) + " | " + ms(r.number("maxus")) + " | "
                        + count(r.number("count")) + " | " + failed + " |");
            }
        }
        md.line();
        Result v = results.find(Kind.CONNECT, "virtual", -1);
        if (v != null) {
            String workers = Integer.toString(v.measurement().size());
            md.line("Ratios, this run: telnetsrv virtual ÷ the other server.");
            md.line();
            ratioHeader("workers", PEERS);
            ratioRow(workers, "sessions/s", v, PEERS, Kind.CONNECT, -1, "sessions/s");
            ratioRow(workers, "p99 time to prompt", v, PEERS, Kind.CONNECT, -1, "p99us");
            md.line();
        }
        md.image("connect-rate.png", "Sessions per second per server");
        md.image("connect-time-to-prompt.png", "Time to prompt, p50 and p99, per server");
    }

    private void piped() {
        md.line("## Piped script");
        md.line();
        md.line("| server | client | lines | lines/s | seconds | lost | run |");
        md.line("|---|---|---:|---:|---:|---:|---|");
        for (Result r : results.all()) {
            Measurement m = r.measurement();
            if (m.kind() != Kind.PIPED) {
                continue;
            }
            String client = RunResults.pipedClient(m);
            if (!r.ok()) {
                md.line("| " + label(m.runtime()) + " | " + client + " | " + count(m.size()) + " | | | | "
                        + r.describe() + " |");
                continue;
            }
            md.line("| " + label(m.runtime()) + " | " + client + " | " + count(m.size()) + " | "
                    + count(r.number("lines/s")) + " | " + String.format(Locale.ROOT, "%.2f", r.number("seconds"))
                    + " | " + count(r.number("lost")) + " | ok |");
        }
        md.line();
        Result v = results.piped("virtual", "telnet");
        if (v != null) {
            md.line("Ratios, this run: telnetsrv virtual ÷ the other server, lines/s (Telnet servers with the "
                    + "negotiating client, SSH with ssh -T).");
            md.line();
            ratioHeader("lines", PEERS);
            StringBuilder row = new StringBuilder("| " + count(v.measurement().size()) + " | lines/s |");
            for (String peer : PEERS) {
                Result o = results.piped(peer, peer.startsWith("ssh") ? "ssh -T" : "telnet");
                row.append(' ').append(o == null ? "" : ratio(v.number("lines/s"), o.number("lines/s"))).append(" |");
            }
            md.line(row.toString());
            md.line();
        }
    }

    private void ratioHeader(String sizeName, List<String> peers) {
        StringBuilder header = new StringBuilder("| " + sizeName + " | measure |");
        StringBuilder rule = new StringBuilder("|---:|---|");
        for (String peer : peers) {
            header.append(" ÷ ").append(label(peer)).append(" |");
            rule.append("---:|");
        }
        md.line(header.toString());
        md.line(rule.toString());
    }

    private void ratioRow(String size, String measure, Result v, List<String> peers, Kind kind, int sizeKey,
            String field) {
        StringBuilder row = new StringBuilder("| " + size + " | " + measure + " |");
        for (String peer : peers) {
            Result o = results.find(kind, peer, sizeKey);
            row.append(' ').append(o == null ? "" : ratio(v.number(field), o.number(field))).append(" |");
        }
        md.line(row.toString());
    }
}
