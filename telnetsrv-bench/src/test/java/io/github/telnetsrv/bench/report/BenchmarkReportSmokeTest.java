package io.github.telnetsrv.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BenchmarkReport --quick} runs every harness as a child JVM and writes the report: {@code BENCHMARKS.md} and
 * its charts exist, are not empty, and every chart the report links to was written. No figures are checked.
 */
class BenchmarkReportSmokeTest {

    @Test
    @Timeout(120)
    void quickRunWritesTheReportAndItsCharts(@TempDir Path out) throws Exception {
        assertEquals(0, BenchmarkReport.run(true, out, List.of("--quick", "--out", out.toString())));

        Path report = out.resolve("BENCHMARKS.md");
        assertTrue(Files.size(report) > 0, "BENCHMARKS.md is empty");
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(text.contains("## Targets") && text.contains("## Idle sessions")
                && text.contains("## Echo round trips") && text.contains("## Connect rate"), text);
        assertTrue(text.contains("None: every measurement completed."), text);

        List<Path> charts;
        try (Stream<Path> files = Files.list(out.resolve("benchmarks"))) {
            charts = files.filter(f -> f.toString().endsWith(".png")).toList();
        }
        assertFalse(charts.isEmpty(), "no charts written");
        for (Path chart : charts) {
            assertTrue(Files.size(chart) > 0, chart + " is empty");
        }
        Matcher links = Pattern.compile("\\]\\((benchmarks/[^)]+\\.png)\\)").matcher(text);
        int linked = 0;
        while (links.find()) {
            Path chart = out.resolve(links.group(1));
            assertTrue(Files.isRegularFile(chart) && Files.size(chart) > 0, "linked chart missing: " + chart);
            linked++;
        }
        assertEquals(charts.size(), linked, "every chart is linked from the report");
    }
}
