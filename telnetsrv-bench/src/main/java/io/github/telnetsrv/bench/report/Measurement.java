package io.github.telnetsrv.bench.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One child run of the report: which harness, against which server, at what size, with which arguments and time
 * limit; and, once run, what came of it.
 *
 * @param kind the harness
 * @param runtime the server ({@code io.github.telnetsrv.bench.load.Target}'s runtime names)
 * @param size idle sessions, echo clients, connecting workers, or script lines
 * @param args the harness's arguments
 * @param limit how long the child JVM may run before it is killed
 */
record Measurement(Kind kind, String runtime, int size, List<String> args, Duration limit) {

    /** The harnesses the report runs, each in a JVM of its own. */
    enum Kind {
        /** {@code IdleSessions}: heap, RSS, threads and CPU of idle sessions. */
        IDLE("io.github.telnetsrv.bench.load.IdleSessions"),
        /** {@code EchoLatency}: echo round trips per second and their latency. */
        ECHO("io.github.telnetsrv.bench.load.EchoLatency"),
        /** {@code ConnectLatency}: sessions per second and time to prompt. */
        CONNECT("io.github.telnetsrv.bench.load.ConnectLatency"),
        /** {@code PipedScript}: lines per second of a script piped in by nc or ssh -T. */
        PIPED("io.github.telnetsrv.bench.load.PipedScript");

        final String mainClass;

        Kind(String mainClass) {
            this.mainClass = mainClass;
        }
    }

    /** How a run ended. */
    enum Status {
        /** It printed its result line. */
        OK,
        /** It ended without a result line. */
        FAILED,
        /** It hit its time limit and was killed. */
        TIMED_OUT,
        /** It was not started: the report's time budget was spent. */
        SKIPPED
    }

    /**
     * What came of a run.
     *
     * @param measurement the run
     * @param status how it ended
     * @param fields the result line's {@code key=value} fields (empty unless {@link Status#OK})
     * @param detail why it did not complete (empty if it did)
     * @param seconds how long the child ran
     * @param loadBefore the machine's 1-minute load average when the child started
     */
    record Result(Measurement measurement, Status status, Map<String, String> fields, String detail, double seconds,
                  String loadBefore) {

        /**
         * A numeric field, its unit suffix dropped ({@code 9.1s}, {@code 0.30%}, {@code 1730/s}).
         *
         * @param key the field's name
         * @return its value, or {@link Double#NaN} if the field is missing or not a number
         */
        double number(String key) {
            String value = fields.get(key);
            if (value == null) {
                return Double.NaN;
            }
            int end = 0;
            while (end < value.length() && "+-.0123456789eE".indexOf(value.charAt(end)) >= 0) {
                end++;
            }
            try {
                return Double.parseDouble(value.substring(0, end));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /**
         * Whether the run completed with its result.
         *
         * @return {@code true} for {@link Status#OK}
         */
        boolean ok() {
            return status == Status.OK;
        }

        /**
         * How the run ended, in words, for the tables.
         *
         * @return {@code ok} or why not
         */
        String describe() {
            return switch (status) {
                case OK -> "ok";
                case FAILED -> "failed: " + detail;
                case TIMED_OUT -> "did not complete within " + measurement.limit.toSeconds() + " s";
                case SKIPPED -> "not run: " + detail;
            };
        }

        /**
         * Splits a result line into its {@code key=value} fields (words without {@code =} are left out).
         *
         * @param line the line
         * @return the fields in order
         */
        static Map<String, String> parse(String line) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String word : line.trim().split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    fields.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            return fields;
        }
    }
}
