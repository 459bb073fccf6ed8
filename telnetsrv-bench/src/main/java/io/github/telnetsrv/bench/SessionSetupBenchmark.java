package io.github.telnetsrv.bench;

import io.github.telnetsrv.bench.load.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of setting a session up, per runtime: one operation connects a Telnet client over loopback, goes
 * through the opening negotiation (the client answers at once, as a character-mode client: {@link WireClient}),
 * reads the welcome up to the first prompt, and closes. SampleTime, so the distribution shows (p50 to max), in
 * microseconds. {@code ssh}: the same over {@code telnetsrv-ssh} (virtual runtime, anonymous login) with one
 * Apache MINA SSHD client ({@link SshShells}): TCP connection, key exchange, the (empty) authentication, a shell
 * channel with a PTY, the prompt, then the SSH session closed at once.
 *
 * <p>The server is the load harnesses' {@link Target} on 127.0.0.1 (port 0, the {@code echo} handler, no idle
 * timeout, connection limits high enough that sessions still being torn down never refuse a new one). The client
 * (Telnet) closes with a TCP reset ({@code SO_LINGER} 0) so that thousands of connections leave no {@code TIME_WAIT}
 * sockets to exhaust the ephemeral ports; the server's side of the tear-down (its session ending, its threads
 * finishing) happens after the operation, concurrently with the next one, and is not timed by itself. Client and
 * server share the JVM and the cores.
 *
 * <pre>
 * java -jar telnetsrv-bench/target/benchmarks.jar SessionSetupBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * java -jar telnetsrv-bench/target/benchmarks.jar SessionSetupBenchmark -prof gc
 * </pre>
 *
 * <p>{@code -prof gc}: the allocation per session set up (client and server: the socket, the session, its
 * handler, the editor and its threads' objects).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SessionSetupBenchmark {

    /** {@code virtual} or {@code threaded} (Telnet), or {@code ssh} (telnetsrv-ssh, virtual runtime). */
    @Param({"virtual", "threaded", "ssh"})
    public String runtime;

    private Target server;
    private SshShells ssh;

    /** Starts the server. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = Target.start(runtime, 1024, 100_000, Duration.ZERO);
        if (Target.protocol(runtime).equals("ssh")) {
            ssh = new SshShells();
        }
    }

    /**
     * Connect, negotiate, welcome and prompt, close.
     *
     * @return the client, closed
     * @throws IOException if the session does not come up within 10 s
     */
    @Benchmark
    public Object connectPromptClose() throws IOException {
        WireClient client = ssh != null ? ssh.open(server.localAddress())
                : WireClient.connect(server.localAddress(), true);
        try {
            client.awaitPrompt();
        } finally {
            client.close();
        }
        return client;
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (ssh != null) {
                ssh.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
