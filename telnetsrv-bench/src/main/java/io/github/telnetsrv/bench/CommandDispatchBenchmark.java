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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A command line parsed and dispatched through a session, per command: a {@link MemorySession} (a real
 * {@code TelnetSession} over in-memory streams, on the runtime's threads, character mode) receives the whole line
 * and Enter in one write; the operation ends when the command's answer and the next prompt have arrived. So it
 * covers the line's echo, the hand-off of the line to a handler task, the parsing (bash-like quoting), the lookup,
 * the conversion of typed arguments, the command's output and the prompt.
 *
 * <ul>
 *   <li>{@code enterOnly}: an empty line, Enter alone: the prompt again, no command (the floor of the others);</li>
 *   <li>{@code echoQuoted}: {@code echo a "b c" d}, a {@code List<String>} command, answer {@code a b c d};</li>
 *   <li>{@code greetTyped}: {@code greet --times 2 --loud bob}, a typed command ({@code @Option int},
 *       {@code @Option boolean}, {@code @Param String}), answer {@code HELLO, BOB!} twice.</li>
 * </ul>
 *
 * <pre>
 * java -jar telnetsrv-bench/target/benchmarks.jar CommandDispatchBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 *
 * <p>With {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per command (the client allocates nothing
 * in steady state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CommandDispatchBenchmark {

    private static final byte[] ENTER = WireClient.ascii("\r\0");
    private static final byte[] PROMPT = WireClient.ascii("\r\n" + Target.PROMPT);
    private static final byte[] ECHO = WireClient.ascii("echo a \"b c\" d\r\0");
    private static final byte[] ECHO_ANSWER = WireClient.ascii("\r\na b c d\r\n" + Target.PROMPT);
    private static final byte[] GREET = WireClient.ascii("greet --times 2 --loud bob\r\0");
    private static final byte[] GREET_ANSWER = WireClient.ascii("HELLO, BOB!\r\nHELLO, BOB!\r\n" + Target.PROMPT);

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
     * Enter on an empty line.
     *
     * @return the client
     * @throws IOException if the prompt does not come within 10 s
     */
    @Benchmark
    public Object enterOnly() throws IOException {
        client.send(ENTER);
        client.await(PROMPT);
        return client;
    }

    /**
     * {@code echo a "b c" d}.
     *
     * @return the client
     * @throws IOException if the answer does not come within 10 s
     */
    @Benchmark
    public Object echoQuoted() throws IOException {
        client.send(ECHO);
        client.await(ECHO_ANSWER);
        return client;
    }

    /**
     * {@code greet --times 2 --loud bob}.
     *
     * @return the client
     * @throws IOException if the answer does not come within 10 s
     */
    @Benchmark
    public Object greetTyped() throws IOException {
        client.send(GREET);
        client.await(GREET_ANSWER);
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
