package io.github.telnetsrv.bench.report;

import io.github.telnetsrv.bench.report.Measurement.Kind;
import io.github.telnetsrv.bench.report.Measurement.Result;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, drawn with JFreeChart (headless) into PNG files. Every chart is written even without data (it
 * then says so), so that the report's links always resolve.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final Color[] COLOURS = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xB07AA1), new Color(0x9C755F)};

    private Charts() {
    }

    /**
     * The echo client counts of a run, each of which gets a latency chart.
     *
     * @param results the run's results
     * @return the client counts, ascending
     */
    static List<Integer> echoClients(List<Result> results) {
        return results.stream().filter(r -> r.measurement().kind() == Kind.ECHO).map(r -> r.measurement().size())
                .distinct().sorted().toList();
    }

    /**
     * The latency chart's file name for a client count.
     *
     * @param clients the echo clients
     * @return the PNG's name, without directory
     */
    static String echoLatencyFile(int clients) {
        return "echo-latency-" + clients + "-clients.png";
    }

    /**
     * Draws every chart.
     *
     * @param results the measurements (those that did not complete are left out)
     * @param dir where the PNG files go
     * @throws IOException if a file cannot be written
     */
    static void write(List<Result> results, Path dir) throws IOException {
        save(idlePerSession(results, "heap/session", "Heap per idle session after GC",
                "KiB per session (log scale)"), dir.resolve("idle-heap-per-session.png"));
        save(idlePerSession(results, "rss/session", "Resident set (RSS) growth per idle session",
                "KiB per session (log scale)"), dir.resolve("idle-rss-per-session.png"));
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        for (int clients : echoClients(results)) {
            for (String server : BenchmarkReport.SERVERS) {
                Result r = find(results, Kind.ECHO, server, clients);
                if (r != null) {
                    throughput.addValue(r.number("commands/s"), String.format(Locale.ROOT, "%,d clients", clients),
                            ReportWriter.label(server));
                }
            }
        }
        save(bars("Echo round trips per second (clients in a separate JVM)", "commands/s", throughput, false),
                dir.resolve("echo-throughput.png"));
        for (int clients : echoClients(results)) {
            DefaultCategoryDataset latency = new DefaultCategoryDataset();
            for (String server : BenchmarkReport.SERVERS) {
                Result r = find(results, Kind.ECHO, server, clients);
                if (r != null) {
                    latency.addValue(r.number("p50us"), "p50", ReportWriter.label(server));
                    latency.addValue(r.number("p99us"), "p99", ReportWriter.label(server));
                    latency.addValue(r.number("p999us"), "p99.9", ReportWriter.label(server));
                }
            }
            save(bars(String.format(Locale.ROOT, "Echo round-trip latency, %,d clients", clients),
                    "microseconds (log scale)", latency, true), dir.resolve(echoLatencyFile(clients)));
        }
        DefaultCategoryDataset rate = new DefaultCategoryDataset();
        DefaultCategoryDataset toPrompt = new DefaultCategoryDataset();
        for (Result r : results) {
            if (r.ok() && r.measurement().kind() == Kind.CONNECT) {
                String server = ReportWriter.label(r.measurement().runtime());
                rate.addValue(r.number("sessions/s"), "sessions/s", server);
                toPrompt.addValue(r.number("p50us") / 1e3, "p50", server);
                toPrompt.addValue(r.number("p99us") / 1e3, "p99", server);
            }
        }
        save(bars("Sessions per second: connect, negotiate, first prompt, close", "sessions/s (log scale)", rate,
                true),
                dir.resolve("connect-rate.png"));
        save(bars("Time from connect to first prompt", "milliseconds (log scale)", toPrompt, true),
                dir.resolve("connect-time-to-prompt.png"));
    }

    private static Result find(List<Result> results, Kind kind, String runtime, int size) {
        for (Result r : results) {
            Measurement m = r.measurement();
            if (r.ok() && m.kind() == kind && m.runtime().equals(runtime) && m.size() == size) {
                return r;
            }
        }
        return null;
    }

    private static JFreeChart idlePerSession(List<Result> results, String field, String title, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String server : BenchmarkReport.IDLE_SERVERS) {
            Map<Integer, Double> points = new TreeMap<>();
            for (Result r : results) {
                if (r.ok() && r.measurement().kind() == Kind.IDLE && r.measurement().runtime().equals(server)) {
                    double value = r.number(field);
                    if (value > 0) {
                        points.put(r.measurement().size(), value);
                    }
                }
            }
            if (!points.isEmpty()) {
                XYSeries series = new XYSeries(ReportWriter.label(server));
                points.forEach(series::add);
                data.addSeries(series);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "idle sessions (log scale)", yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("idle sessions (log scale)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(java.text.NumberFormat.getIntegerInstance(Locale.ROOT));
        plot.setDomainAxis(x);
        LogAxis y = new LogAxis(yLabel);
        y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        plot.setRangeAxis(y);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        style(chart);
        plot.setNoDataMessage("no completed idle measurement");
        return chart;
    }

    private static JFreeChart bars(String title, String yLabel, DefaultCategoryDataset data, boolean log) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        double[] span = positiveSpan(data);
        if (log && span != null) {
            // From the decade below the least value to the decade above the greatest; bars start at the bottom.
            LogAxis y = new LogAxis(yLabel);
            y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
            y.setRange(Math.pow(10, Math.floor(Math.log10(span[0]))), Math.pow(10, Math.ceil(Math.log10(span[1]))));
            y.setTickUnit(new NumberTickUnit(1)); // one tick a decade (LogAxis counts its units in powers)
            plot.setRangeAxis(y);
            renderer.setIncludeBaseInRange(false);
        } else {
            ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(new java.text.DecimalFormat("#,##0.##"));
        }
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
        }
        style(chart);
        plot.setNoDataMessage("no completed measurement");
        return chart;
    }

    /** The least and greatest positive values of a dataset, or {@code null} if it has none. */
    private static double[] positiveSpan(DefaultCategoryDataset data) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int row = 0; row < data.getRowCount(); row++) {
            for (int column = 0; column < data.getColumnCount(); column++) {
                Number value = data.getValue(row, column);
                if (value != null && value.doubleValue() > 0) {
                    min = Math.min(min, value.doubleValue());
                    max = Math.max(max, value.doubleValue());
                }
            }
        }
        if (max == 0) {
            return null;
        }
        return new double[] {min, max == min ? max * 10 : max};
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
