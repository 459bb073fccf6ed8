package io.github.telnetsrv.examples;

import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One server under attack, for the robustness suite: starts it (short limits, its own thread name prefix), opens
 * the {@link RobustObserver} and records the baseline: sessions, the server's threads and the process's open files.
 * Then {@link #underAttack} runs an attack while the observer keeps pinging, {@link #assertBackToBaseline} checks
 * that the attack left nothing behind, and {@link #close} checks that {@code close()} returns in time and leaves no
 * thread of the server.
 */
final class RobustRig implements AutoCloseable {

    /** Plain Telnet or Telnet over TLS. */
    enum Transport { PLAIN, TLS }

    /** How long the server may take to drop what an attack left (sessions, threads, files). */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** How long {@code close()} may take. */
    static final Duration CLOSE_BOUND = Duration.ofSeconds(10);
    /** Files the process may hold beyond the baseline (the JDK opens some lazily). */
    static final int FILE_TOLERANCE = 8;
    /** The names of the threads the library starts outside the server's own prefix (shared watchdog, drops). */
    static final String LIBRARY_THREADS = "telnetsrv-";
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final int PINGS_AFTER = 2;
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final TelnetServer server;
    private final Transport transport;
    private final SSLContext tls;
    private final String prefix;
    private final RobustObserver observer;
    private final Snapshot baseline;
    private boolean closed;

    /** What the process holds at one moment. */
    record Snapshot(int sessions, List<String> threads, int files) {
        @Override
        public String toString() {
            return "sessions " + sessions + ", files " + files + ", threads " + threads;
        }
    }

    /** Both runtimes, each plain and over TLS: the parameters of most of the suite's tests. */
    static Stream<Arguments> runtimesAndTransports() {
        return Stream.of("virtual", "threaded")
                .flatMap(runtime -> Stream.of(Transport.values()).map(transport -> Arguments.of(runtime, transport)));
    }

    private RobustRig(TelnetServer server, Transport transport, SSLContext tls) throws IOException {
        this.server = server;
        this.transport = transport;
        this.tls = tls;
        this.prefix = server.config().threadNamePrefix();
        RobustClient client = null;
        try {
            client = RobustClient.connect(server.localAddress(), tls);
            this.observer = RobustObserver.open(client);
            observer.ping("at the start");
        } catch (IOException | RuntimeException | Error e) {
            if (client != null) {
                client.close();
            }
            server.close();
            throw e;
        }
        this.baseline = snapshot();
    }

    /** A rig serving the demo handler without login. */
    static RobustRig start(String runtime, Transport transport) throws Exception {
        return start(runtime, transport, DemoHandler::new, b -> b);
    }

    /**
     * A rig: the server is started with short limits (negotiation wait 1 s, write timeout 1 s), then
     * {@code settings} may change any of them.
     */
    static RobustRig start(String runtime, Transport transport, Supplier<? extends TelnetHandler> handler,
            UnaryOperator<TelnetServerConfig.Builder> settings) throws Exception {
        SSLContext tls = transport == Transport.TLS ? RobustTls.context() : null;
        TelnetServerConfig.Builder builder = TelnetServer.builder()
                .handler(handler)
                .port(0)
                .runtime(runtime)
                .negotiationWait(Duration.ofSeconds(1))
                .writeTimeout(Duration.ofSeconds(1))
                .threadNamePrefix("robust-" + SERVERS.incrementAndGet() + "-")
                .sslContext(tls);
        TelnetServer server = settings.apply(builder).start();
        return new RobustRig(server, transport, tls);
    }

    TelnetServer server() {
        return server;
    }

    Transport transport() {
        return transport;
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    /** The TLS context clients connect with, or {@code null} for plain Telnet. */
    SSLContext tls() {
        return tls;
    }

    RobustObserver observer() {
        return observer;
    }

    /** The prefix of the names of this server's threads. */
    String prefix() {
        return prefix;
    }

    Snapshot baseline() {
        return baseline;
    }

    /** A new client over the rig's transport, refusing every option. */
    RobustClient connect() throws IOException {
        return RobustClient.connect(address(), tls);
    }

    /** A new client over the rig's transport, agreeing to the given options when asked. */
    RobustClient connect(Set<Integer> agreed) throws IOException {
        return RobustClient.connect(address(), tls, agreed);
    }

    /** A new client over the rig's transport, answering the server's negotiation as {@code answers} says. */
    RobustClient connect(RobustClient.Answers answers) throws IOException {
        return RobustClient.connect(address(), tls, Set.of(), answers);
    }

    /** A new bare socket over the rig's transport (for TLS, with its handshake done). */
    Socket socket() throws IOException {
        return RobustClient.openSocket(address(), tls);
    }

    /** The live threads of this server, and of the library's shared threads. */
    List<String> serverThreads() {
        return RobustResources.threadNames(prefix, LIBRARY_THREADS);
    }

    Snapshot snapshot() {
        return new Snapshot(server.sessionCount(), serverThreads(), RobustResources.openFiles());
    }

    /**
     * Runs an attack on a thread of its own while the observer pings, then pings a few more times.
     *
     * @param what the attack, for failure messages
     * @param limit how long the attack may take
     * @return what the attack returned
     * @throws AssertionError if the observer is not answered in time, or the attack fails or overruns
     */
    <T> T underAttack(String what, Duration limit, Callable<T> attack) throws Exception {
        FutureTask<T> task = new FutureTask<>(attack);
        Thread attacker = Thread.ofVirtual().name("robust-attacker").start(task);
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!task.isDone()) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("the attack (" + what + ") did not finish within " + limit);
                }
                observer.ping("while " + what);
                try {
                    task.get(PING_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // still going: ping again
                } catch (ExecutionException e) {
                    break; // reported below
                }
            }
            for (int i = 0; i < PINGS_AFTER; i++) {
                observer.ping("after " + what);
            }
            try {
                return task.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        } finally {
            if (!task.isDone()) {
                attacker.interrupt();
            }
        }
    }

    /**
     * Checks, polling until {@link #SETTLE} has passed, that the server is back at its baseline: only the
     * observer's session, no server thread beyond the baseline's, no more open files than the baseline's (with a
     * small tolerance).
     *
     * @param after the attack, for the failure message
     */
    void assertBackToBaseline(String after) {
        AtomicReference<Snapshot> seen = new AtomicReference<>();
        boolean settled = RobustResources.poll(SETTLE, () -> {
            seen.set(snapshot());
            return atBaseline(seen.get());
        });
        if (!settled) {
            Snapshot now = seen.get();
            throw new AssertionError("after " + after + ", expected the server back at its baseline within " + SETTLE
                    + ": " + baseline.sessions() + " session(s) (saw " + now.sessions() + "), at most "
                    + (baseline.files() + FILE_TOLERANCE) + " open files (saw " + now.files()
                    + "), no thread beyond the baseline's (saw extra: "
                    + RobustResources.extra(baseline.threads(), now.threads()) + "); baseline: " + baseline);
        }
    }

    private boolean atBaseline(Snapshot now) {
        return now.sessions() == baseline.sessions()
                && RobustResources.extra(baseline.threads(), now.threads()).isEmpty()
                && now.files() <= baseline.files() + FILE_TOLERANCE;
    }

    /**
     * Closes the server on a thread of its own.
     *
     * @return whether {@code close()} returned within the bound
     */
    boolean closeServerWithin(Duration bound) throws InterruptedException {
        closed = true;
        Thread closer = Thread.ofPlatform().name("robust-closer").daemon(true).start(server::close);
        return closer.join(bound);
    }

    /**
     * Closes the observer and the server, checking that {@code close()} returns within {@link #CLOSE_BOUND} and
     * that no thread of the server is left.
     */
    @Override
    public void close() throws IOException {
        try {
            observer.close();
        } finally {
            boolean closedInTime;
            try {
                closedInTime = closed || closeServerWithin(CLOSE_BOUND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while closing the server", e);
            }
            if (!closedInTime) {
                throw new AssertionError("expected server.close() to return within " + CLOSE_BOUND
                        + "; threads of the server still alive: " + serverThreads());
            }
            AtomicReference<List<String>> left = new AtomicReference<>();
            boolean gone = RobustResources.poll(SETTLE, () -> {
                left.set(RobustResources.threadNames(prefix));
                return left.get().isEmpty();
            });
            if (!gone) {
                throw new AssertionError("expected no thread of the server after close(), saw " + left.get());
            }
            if (server.sessionCount() != 0) {
                throw new AssertionError("expected no session after close(), saw " + server.sessionCount());
            }
        }
    }
}
