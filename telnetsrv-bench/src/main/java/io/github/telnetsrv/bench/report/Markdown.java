package io.github.telnetsrv.bench.report;

import java.util.Locale;

/**
 * The report's text as it is written, line by line, and how its figures are written in table cells: the same
 * figure reads the same in every table ({@code n/a} when a harness did not give it).
 */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    /** Appends a line. */
    void line(String line) {
        text.append(line).append('\n');
    }

    /** Appends an empty line (ends a paragraph or a table). */
    void line() {
        text.append('\n');
    }

    /** Appends a chart of {@code benchmarks/} and the empty line after it. */
    void image(String file, String alt) {
        line("![" + alt + "](benchmarks/" + file + ")");
        line();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** {@code a ÷ b} as {@code 1.23x} (two significant digits below 0.1), or "" when either is missing or b is 0. */
    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "";
        }
        double r = a / b;
        return r < 0.1 ? String.format(Locale.ROOT, "%.2gx", r) : String.format(Locale.ROOT, "%.2fx", r);
    }

    /** KiB with two decimals. */
    static String kib(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f KiB", value);
    }

    /** Microseconds, whole, with thousands separators, without unit (the table says it). */
    static String us(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Microseconds as milliseconds with two decimals and the unit. */
    static String ms(double micros) {
        return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%,.2f ms", micros / 1e3);
    }

    /** A count, whole, with thousands separators. */
    static String count(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Seconds as {@code 12 min 05 s}, or {@code 42 s} under a minute. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
