package io.github.telnetsrv.bench;

import io.github.telnetsrv.bench.load.Target;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keystrokes through a session's input path, per key: a {@link MemorySession} (a real {@code TelnetSession} over
 * in-memory streams, on the runtime's threads, negotiated in character mode, so the session echoes) and a line of
 * {@value #LENGTH} characters, {@code echo} and 35 letters, then Enter. One operation is one key (the score is
 * per key: the line's time divided by {@value #KEYS}); with {@code -prof gc}, {@code gc.alloc.rate.norm} is the
 * allocation per key, the client's included (it allocates nothing in steady state).
 *
 * <ul>
 *   <li>{@code typeLine}: as a user types: each key sent alone, then its echo awaited, so each key is one read of
 *       the session's reading thread, one pass through the Telnet engine and the line editor and one echo write,
 *       and one hand-off between threads each way (the benchmark thread and the session's reader): on a small
 *       machine the hand-offs (a thread woken each way) dominate, so this is the latency of a key's echo more than
 *       the editor's CPU;</li>
 *   <li>{@code pasteLine}: the whole line and Enter in one write (a paste), awaited once: the per-key cost of the
 *       decoder and the editor without the per-key hand-offs.</li>
 * </ul>
 *
 * <p>Enter runs the line, {@code echo} with 35 letters, and waits for its answer and the next prompt, so one of
 * the {@value #KEYS} keys carries a command dispatch ({@link CommandDispatchBenchmark} measures that alone). The line
 * fits the 80-column window with the prompt, so no key wraps.
 *
 * <pre>
 * java -jar telnetsrv-bench/target/benchmarks.jar LineEditorBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LineEditorBenchmark {

    /** The characters typed before Enter. */
    static final int LENGTH = 40;
    /** The keys of one operation: the characters and Enter. */
    static final int KEYS = LENGTH + 1;

    private static final String ARGUMENT = "abcdefghijklmnopqrstuvwxyzabcdefghi";
    private static final byte[] LINE = WireClient.ascii("echo " + ARGUMENT);
    private static final byte[] PASTE = WireClient.ascii("echo " + ARGUMENT + "\r\0");
    private static final byte[] ENTER = WireClient.ascii("\r\0");
    private static final byte[] ANSWER = WireClient.ascii("\r\n" + ARGUMENT + "\r\n" + Target.PROMPT);
    private static final byte[][] ECHOES = new byte[128][];

    static {
        for (int c = 0; c < ECHOES.length; c++) {
            ECHOES[c] = new byte[] {(byte) c};
        }
    }

    /** {@code virtual} or {@code threaded}: whose threads read the session and run its handler. */
    @Param({"virtual", "threaded"})
    public String runtime;

    private MemorySession session;
    private WireClient client;

    /** Starts the session and waits for its prompt. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        session = new MemorySession(runtime, new BenchCommands());
        client = session.client();
    }

    /**
     * Types the line key by key, each awaited, then Enter.
     *
     * @return the client
     * @throws IOException if an echo does not come within 10 s
     */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public Object typeLine() throws IOException {
        for (byte key : LINE) {
            client.send(key);
            client.await(ECHOES[key]);
        }
        client.send(ENTER);
        client.await(ANSWER);
        return client;
    }

    /**
     * Sends the line and Enter at once, awaits the answer and the prompt.
     *
     * @return the client
     * @throws IOException if the answer does not come within 10 s
     */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public Object pasteLine() throws IOException {
        client.send(PASTE);
        client.await(ANSWER);
        return client;
    }

    /** Ends the session. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (session != null) {
            session.close();
        }
    }
}
