package io.github.telnetsrv.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SocketTelnetServer}'s accept loop: takes connections from the listening socket and hands each to the
 * server's admission until {@code close()} begins (and closes the listening socket).
 *
 * <p>A failed accept (out of descriptors, EMFILE or ENFILE; a connection aborted before it was taken; any I/O
 * error while not closing) is a warning, logged at most once every 5 s with the count of failures not logged, then
 * a back-off that doubles from 5 ms to 1 s and that {@code close()} cuts short. A connection that cannot be
 * admitted is closed; accepting goes on.
 *
 * <p>Made on the thread that opens the server; {@link #run()} runs on the acceptor thread, the only one that uses
 * the loop's state.
 */
final class Acceptor implements Runnable {

    /** Where accepted connections go: a session, or a refusal. */
    @FunctionalInterface
    interface Intake {
        /**
         * Takes the connection; on failure the socket is closed and every slot taken is given back.
         *
         * @throws IOException if the connection cannot be served
         */
        void admit(Socket socket) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);
    private static final long BACKOFF_MIN_MILLIS = 5;
    private static final long BACKOFF_MAX_MILLIS = 1_000;
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ServerSocket serverSocket;
    private final InetSocketAddress localAddress;
    private final ServerBase base;
    private final Intake intake;

    /**
     * @param serverSocket the bound listening socket
     * @param localAddress its address, for the logs
     * @param base its close ends the loop (after the listening socket is closed) and cuts the back-off short
     * @param intake takes each accepted connection
     */
    Acceptor(ServerSocket serverSocket, InetSocketAddress localAddress, ServerBase base, Intake intake) {
        this.serverSocket = serverSocket;
        this.localAddress = localAddress;
        this.base = base;
        this.intake = intake;
    }

    /** Accepts until the server closes. Runs on the acceptor thread. */
    @Override
    public void run() {
        long backoff = 0;
        long failures = 0;
        long unlogged = 0;
        long nextWarning = System.nanoTime();
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (base.closing()) {
                    return;
                }
                failures++;
                backoff = Math.min(BACKOFF_MAX_MILLIS, Math.max(BACKOFF_MIN_MILLIS, 2 * backoff));
                long now = System.nanoTime();
                if (now - nextWarning >= 0) {
                    LOG.warn("accept failed on {}: {}; retrying in {} ms ({} failures not logged)", localAddress,
                            e.toString(), backoff, unlogged);
                    nextWarning = now + WARNING_INTERVAL_NANOS;
                    unlogged = 0;
                } else {
                    unlogged++;
                }
                base.awaitClosing(backoff);
                continue;
            }
            if (failures > 0) {
                LOG.info("accepting again on {} after {} failed accepts", localAddress, failures);
                failures = 0;
                backoff = 0;
            }
            try {
                intake.admit(socket);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                LOG.warn("{}: cannot serve the connection: {}", socket.getRemoteSocketAddress(), e.toString());
                Sockets.closeQuietly(socket);
            }
        }
    }
}
