package io.github.telnetsrv.bench.report;

import io.github.telnetsrv.bench.report.Measurement.Kind;
import io.github.telnetsrv.bench.report.Measurement.Result;
import java.util.List;

/**
 * The results of one run in the order run, looked up by harness, server and size as the report's tables and
 * targets need them.
 *
 * @param all every result, completed or not, in the order run
 */
record RunResults(List<Result> all) {

    /**
     * The completed result of a measurement.
     *
     * @param kind the harness
     * @param runtime the server
     * @param size the measurement's size; -1 matches any size
     * @return the first such result if it completed, else {@code null}
     */
    Result find(Kind kind, String runtime, int size) {
        Result r = any(kind, runtime, size);
        return r != null && r.ok() ? r : null;
    }

    /**
     * The result of a measurement, completed or not.
     *
     * @param kind the harness
     * @param runtime the server
     * @param size the measurement's size; -1 matches any size
     * @return the first such result, or {@code null} if it was not in the plan
     */
    Result any(Kind kind, String runtime, int size) {
        for (Result r : all) {
            Measurement m = r.measurement();
            if (m.kind() == kind && m.runtime().equals(runtime) && (size < 0 || m.size() == size)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The sizes a harness ran at.
     *
     * @param kind the harness
     * @return the distinct sizes, ascending
     */
    List<Integer> sizes(Kind kind) {
        return all.stream().filter(r -> r.measurement().kind() == kind).map(r -> r.measurement().size())
                .distinct().sorted().toList();
    }

    /**
     * The completed piped-script run of a server with a client.
     *
     * @param runtime the server
     * @param client the client, as {@link #pipedClient} names it
     * @return the first such result, or {@code null}
     */
    Result piped(String runtime, String client) {
        for (Result r : all) {
            Measurement m = r.measurement();
            if (r.ok() && m.kind() == Kind.PIPED && m.runtime().equals(runtime) && pipedClient(m).equals(client)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The client a piped-script run used, as the table names it.
     *
     * @param m a piped-script measurement
     * @return {@code ssh -T} for the SSH servers, else the {@code --client} argument ({@code nc} without one)
     */
    static String pipedClient(Measurement m) {
        int at = m.args().indexOf("--client");
        return m.runtime().startsWith("ssh") ? "ssh -T" : at >= 0 ? m.args().get(at + 1) : "nc";
    }
}
