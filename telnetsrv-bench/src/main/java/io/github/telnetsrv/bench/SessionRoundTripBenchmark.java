package io.github.telnetsrv.bench;

import io.github.telnetsrv.bench.load.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * One command round trip over loopback, per runtime: the client sends {@code echo x} and Enter and reads until the
 * answer {@code x} and the next prompt. Average time and the distribution (SampleTime: p50, p90, p99, p99.9, max),
 * in microseconds.
 *
 * <p>The server is the load harnesses' {@link Target} (a real {@code TelnetServer} on 127.0.0.1, port 0, serving
 * the {@code echo} of their {@code BenchHandler}); runtimes {@code virtual} and {@code threaded} are Telnet,
 * {@code ssh} is {@code telnetsrv-ssh} on the virtual runtime (a host key generated into a temporary directory,
 * anonymous login). The Telnet client negotiates as a character-mode client does ({@link WireClient}: server echo,
 * SGA, TTYPE XTERM, NAWS 80x24, everything else refused), so the typed line is echoed, as a user at a terminal
 * sees it; it sends the line in one write and Enter as CR LF. The SSH client is Apache MINA SSHD's
 * {@code SshClient} with a shell channel and an 80x24 xterm PTY ({@link SshShells}: {@code TCP_NODELAY} on, as
 * OpenSSH does), Enter as CR. The client runs on the benchmark thread, in the same JVM as the server, so the figure is both ends' CPU
 * plus the loopback hand-offs.
 *
 * <pre>
 * java -jar telnetsrv-bench/target/benchmarks.jar SessionRoundTripBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * java -jar telnetsrv-bench/target/benchmarks.jar SessionRoundTripBenchmark -p runtime=virtual,threaded -prof gc
 * </pre>
 *
 * <p>{@code -prof gc} gives the allocation per round trip ({@code gc.alloc.rate.norm}), client included.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SessionRoundTripBenchmark {

    private static final byte[] TELNET_LINE = WireClient.ascii("echo x\r\n");
    private static final byte[] SSH_LINE = WireClient.ascii("echo x\r");
    private static final byte[] ANSWER = WireClient.ascii("x\r\n" + Target.PROMPT);

    /** {@code virtual}, {@code threaded} (Telnet) or {@code ssh} (telnetsrv-ssh, virtual runtime). */
    @Param({"virtual", "threaded", "ssh"})
    public String runtime;

    private Target server;
    private SshShells ssh;
    private WireClient client;
    private byte[] line;

    /** Starts the server, connects, and reads up to the first prompt. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = Target.start(runtime, 50, 16, Duration.ZERO);
        try {
            InetSocketAddress address = server.localAddress();
            if (Target.protocol(runtime).equals("ssh")) {
                ssh = new SshShells();
                client = ssh.open(address);
                line = SSH_LINE;
            } else {
                client = WireClient.connect(address, false);
                line = TELNET_LINE;
            }
            client.awaitPrompt();
        } catch (IOException | RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    /**
     * One command: {@code echo x}, Enter, the answer and the prompt.
     *
     * @return the client (keeps the work observable)
     * @throws IOException if the server does not answer within 10 s
     */
    @Benchmark
    public Object roundTrip() throws IOException {
        client.send(line);
        client.await(ANSWER);
        return client;
    }

    /** Closes the client and the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (client != null) {
                client.close();
            }
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
