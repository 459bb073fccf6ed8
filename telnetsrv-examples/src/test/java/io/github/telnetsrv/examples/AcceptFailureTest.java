package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.TelnetServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accept failures injected through the server socket factory (as {@code accept()} fails when a connection is
 * aborted before it is taken): the server backs off and goes on accepting, and close() does not wait out the
 * back-off.
 */
class AcceptFailureTest {

    private static final String PROMPT = "Telnet Server> ";
    /** The failed accepts after which the back-off has grown to its longest, 1 s (5 ms doubled 8 times, capped). */
    private static final int FAILURES_TO_LONGEST_BACKOFF = 9;

    private final List<TelnetServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(TelnetServer::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void failedAcceptsAreRetriedAndTheNextConnectionIsServed(String runtime) throws Exception {
        FailingAccepts accepts = new FailingAccepts(3);
        TelnetServer server = start(runtime, accepts);
        try (RawClient client = new RawClient(server.localAddress())) {
            client.await("Welcome to my server.\r\n" + PROMPT);
            client.line("echo hi");
            assertEquals("hi\r\n", client.await(PROMPT));
        }
        assertEquals(3, accepts.failed.get(), "accepts failed before the connection was served");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void closeDoesNotWaitOutTheAcceptBackOff(String runtime) throws Exception {
        FailingAccepts accepts = new FailingAccepts(Integer.MAX_VALUE);
        TelnetServer server = start(runtime, accepts);
        assertTrue(accepts.calls.tryAcquire(FAILURES_TO_LONGEST_BACKOFF, 10, TimeUnit.SECONDS),
                "accept() called " + accepts.failed.get() + " times in 10 s (expected: retried with a back-off)");
        // no call for 200 ms: the acceptor is well into its 1 s back-off
        assertFalse(accepts.calls.tryAcquire(200, TimeUnit.MILLISECONDS),
                "accept() called again within 200 ms (expected: a back-off of 1 s)");

        CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
        try {
            closed.get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("close() still running after 500 ms, waiting out the accept back-off");
        }
    }

    private TelnetServer start(String runtime, ServerSocketFactory factory) throws IOException {
        TelnetServer server = TelnetServer.builder().handler(DemoHandler::new).port(0).runtime(runtime)
                .serverSocketFactory(factory).start();
        servers.add(server);
        return server;
    }

    /** Makes server sockets whose first {@code failures} accepts fail; counts the calls. */
    private static final class FailingAccepts extends ServerSocketFactory {

        final AtomicInteger failed = new AtomicInteger();
        final Semaphore calls = new Semaphore(0);
        private final int failures;

        FailingAccepts(int failures) {
            this.failures = failures;
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    if (isClosed()) {
                        throw new SocketException("Socket is closed");
                    }
                    calls.release();
                    if (failed.get() < failures) {
                        failed.incrementAndGet();
                        throw new SocketException("Software caused connection abort (injected)");
                    }
                    return super.accept();
                }
            };
        }

        @Override
        public ServerSocket createServerSocket(int port) {
            throw new UnsupportedOperationException("the server creates its socket unbound");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) {
            throw new UnsupportedOperationException("the server creates its socket unbound");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
            throw new UnsupportedOperationException("the server creates its socket unbound");
        }
    }
}
