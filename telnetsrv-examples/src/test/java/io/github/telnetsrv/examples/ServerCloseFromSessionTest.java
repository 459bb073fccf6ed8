package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code server.close()} called by the server's own sessions, as an admin's {@code shutdown} command or a
 * {@code sessionEnd()} does: it returns, every other session ends, and the main thread's {@code awaitClose()}
 * returns.
 */
class ServerCloseFromSessionTest {

    private static final String PROMPT = "close> ";
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** Closes the server from a command, or from its {@code sessionEnd()}. */
    public static final class ClosingHandler extends TelnetHandler {

        private final AtomicReference<TelnetServer> server;
        private final boolean closeAtEnd;
        private final CountDownLatch closeReturned;

        ClosingHandler(AtomicReference<TelnetServer> server, boolean closeAtEnd, CountDownLatch closeReturned) {
            this.server = server;
            this.closeAtEnd = closeAtEnd;
            this.closeReturned = closeReturned;
        }

        @Override
        protected String prompt() {
            return PROMPT;
        }

        @Command(value = "shutdown", help = "\nCloses the server.")
        void shutdown() {
            writeLine("closing");
            server.get().close();
            closeReturned.countDown();
        }

        @Override
        protected void sessionEnd() {
            if (closeAtEnd) {
                server.get().close();
                closeReturned.countDown();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aShutdownCommandClosesTheServerAndAwaitCloseReturns(String runtime) throws Exception {
        closedFromASession(runtime, false, "shutdown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void closeCalledFromSessionEndReturnsAndAwaitCloseReturns(String runtime) throws Exception {
        closedFromASession(runtime, true, "exit");
    }

    /**
     * Two clients on the server; the first types {@code line}, which makes its session close the server. The
     * call must return, the other client must be disconnected, and {@code awaitClose()} must return.
     */
    private static void closedFromASession(String runtime, boolean closeAtEnd, String line) throws Exception {
        AtomicReference<TelnetServer> ref = new AtomicReference<>();
        CountDownLatch closeReturned = new CountDownLatch(1);
        TelnetServer server = TelnetServer.builder()
                .handler(() -> new ClosingHandler(ref, closeAtEnd, closeReturned))
                .port(0).runtime(runtime).negotiationWait(Duration.ofMillis(200))
                .threadNamePrefix("close-" + runtime + "-").start();
        ref.set(server);
        AtomicBoolean awaited = new AtomicBoolean();
        Thread main = Thread.ofPlatform().name("close-main").daemon(true).start(() -> {
            try {
                server.awaitClose();
                awaited.set(true);
            } catch (InterruptedException e) {
                // not awaited
            }
        });
        try (RawClient admin = new RawClient(server.localAddress());
                RawClient other = new RawClient(server.localAddress())) {
            admin.await(PROMPT);
            other.await(PROMPT);
            admin.line(line);
            assertTrue(closeReturned.await(BOUND.toSeconds(), TimeUnit.SECONDS),
                    "expected server.close() called from " + (closeAtEnd ? "sessionEnd()" : "a command")
                            + " to return");
            other.awaitClose();
            admin.awaitClose();
            main.join(BOUND);
            assertTrue(awaited.get(), "expected awaitClose() to return once the server was closed from a session");
            assertTrue(server.sessionCount() == 0, "expected no session left, saw " + server.sessionCount());
        } finally {
            if (!awaited.get()) {
                // A close() that waits for its own session never ends: do not wait for it here.
                Thread.ofPlatform().daemon(true).start(server::close).join(BOUND);
            }
        }
    }
}
