package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SshServer.close()} called by the server's own sessions, as an admin's {@code shutdown} command or a
 * {@code sessionEnd()} does: it returns, every other session ends, and the main thread's {@code awaitClose()}
 * returns.
 */
class SshServerCloseTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** Closes the server from a command, or from its {@code sessionEnd()}. */
    public static final class ClosingHandler extends TelnetHandler {

        private final AtomicReference<SshServer> server;
        private final boolean closeAtEnd;
        private final CountDownLatch closeReturned;

        ClosingHandler(AtomicReference<SshServer> server, boolean closeAtEnd, CountDownLatch closeReturned) {
            this.server = server;
            this.closeAtEnd = closeAtEnd;
            this.closeReturned = closeReturned;
        }

        @Override
        protected String prompt() {
            return "ssh> ";
        }

        @Command(value = "shutdown", help = "\nCloses the server.")
        void shutdown() {
            writeLine("closing");
            server.get().close();
            closeReturned.countDown();
        }

        @Command(value = "noop", help = "\nDoes nothing.")
        void noop() {
            writeLine("done");
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
        closedFromASession(runtime, true, "noop");
    }

    /**
     * A shell open on the server; an exec of {@code command} makes its session close the server. The call must
     * return, the shell must be closed, and {@code awaitClose()} must return.
     */
    private void closedFromASession(String runtime, boolean closeAtEnd, String command) throws Exception {
        AtomicReference<SshServer> ref = new AtomicReference<>();
        CountDownLatch closeReturned = new CountDownLatch(1);
        SshServer server = SshServerConfig.builder()
                .handler(() -> new ClosingHandler(ref, closeAtEnd, closeReturned))
                .port(0)
                .runtime(runtime)
                .threadNamePrefix("sshclose-")
                .hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "admin".equals(user) && "secret".equals(password))
                .start();
        ref.set(server);
        AtomicBoolean awaited = new AtomicBoolean();
        Thread main = Thread.ofPlatform().name("sshclose-main").daemon(true).start(() -> {
            try {
                server.awaitClose();
                awaited.set(true);
            } catch (InterruptedException e) {
                // not awaited
            }
        });
        try (SshTestClient client = new SshTestClient()) {
            ClientSession other = client.login(server.port(), "admin", "secret");
            SshTestClient.Shell shell = SshTestClient.shell(other, true, 80, 24);
            shell.await("ssh> ");
            ClientSession admin = client.login(server.port(), "admin", "secret");
            SshTestClient.exec(admin, command);
            assertTrue(closeReturned.await(BOUND.toSeconds(), TimeUnit.SECONDS),
                    "expected server.close() called from " + (closeAtEnd ? "sessionEnd()" : "a command")
                            + " to return");
            main.join(BOUND);
            assertTrue(awaited.get(), "expected awaitClose() to return once the server was closed from a session");
            assertEquals(0, server.sessionCount(), "expected no session left");
            shell.awaitClosed();
        } finally {
            if (!awaited.get()) {
                // A close() that waits for its own session never ends: do not wait for it here.
                Thread.ofPlatform().daemon(true).start(server::close).join(BOUND);
            }
        }
    }
}
