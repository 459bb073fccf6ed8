package io.github.telnetsrv;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A running Telnet server: accepts connections and serves each with a new handler.
 *
 * <pre>{@code
 * try (TelnetServer server = TelnetServer.builder()
 *         .handler(MyHandler::new)
 *         .port(8023)
 *         .start()) {
 *     System.out.println("Listening on " + server.localAddress());
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <p>{@link #builder()} finds the runtime on the class path ({@code telnetsrv-virtual} or
 * {@code telnetsrv-threaded}), so switching runtime is a dependency change; a runtime can also be named directly
 * ({@code VirtualTelnetServer.start(config)}, {@code ThreadedTelnetServer.start(config)}).
 */
public interface TelnetServer extends AutoCloseable {

    /**
     * A builder for the server's settings; its {@link TelnetServerConfig.Builder#start()} starts a server on the
     * runtime found on the class path.
     *
     * @return a builder holding the defaults
     */
    static TelnetServerConfig.Builder builder() {
        return TelnetServerConfig.builder();
    }

    /**
     * The address the server listens on, with the port actually bound (useful with port 0).
     *
     * @return the bound address
     */
    InetSocketAddress localAddress();

    /**
     * The port actually bound.
     *
     * @return the port
     */
    default int port() {
        return localAddress().getPort();
    }

    /**
     * The runtime's name: {@code "virtual"} or {@code "threaded"}.
     *
     * @return the name
     */
    String runtime();

    /**
     * The settings the server was started with.
     *
     * @return the settings
     */
    TelnetServerConfig config();

    /**
     * How many sessions are open now.
     *
     * @return the count
     */
    int sessionCount();

    /**
     * The sessions open now, oldest first: a snapshot of live objects, for an admin console's "who is on"
     * ({@link TelnetSession#username()}, {@link TelnetSession#remoteAddress()}, {@link TelnetSession#terminalType()},
     * {@link TelnetSession#startTime()}, {@link TelnetSession#lastInputTime()},
     * {@link TelnetSession#runningCommand()}), "kick" ({@link TelnetSession#end(String)}) and messages. What the
     * client chose (user name, terminal type, environment) comes without control characters, safe to print on the
     * console's terminal. Any thread.
     *
     * @return the open sessions
     */
    java.util.List<TelnetSession> sessions();

    /**
     * Shows a message to every open session, as each handler's {@code writeMessage} does ("wall"). A session
     * whose handler fails to write is skipped (the failure is logged). Any thread; returns at once, whatever the
     * clients do: each session writes the message on a thread of its own (a client that stopped reading delays
     * nobody, and is dropped as {@link SessionConfig#maxPendingOutput()} says).
     *
     * @param text the message
     * @return how many sessions were sent the message
     */
    int broadcast(String text);

    /**
     * Serves a socket the application accepted itself, as if the server had accepted it (same handler, limits and
     * shutdown). Returns at once; the session runs on the server's threads.
     *
     * @param socket a connected socket; the server owns it from now on
     * @throws IOException if the socket cannot be set up
     * @throws IllegalStateException if the server is closed
     */
    void serve(Socket socket) throws IOException;

    /**
     * Waits until the server is closed (by {@link #close()} from another thread, or from one of its sessions: a
     * {@code shutdown} command, a {@code sessionEnd()}). Never call it from a session's own thread: the close it
     * waits for includes the end of that session.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void awaitClose() throws InterruptedException;

    /**
     * Stops accepting, ends every session (each handler's {@code sessionEnd()} runs) and returns when all of the
     * server's threads are gone. Running commands are interrupted; one that ignores interruption delays the return
     * until it ends. Idempotent; a second caller waits for the first one's close to complete.
     *
     * <p>Any thread. Called from one of the server's own sessions (a command such as an admin's {@code shutdown},
     * {@code sessionEnd()}, a scheduled task, the session's reader), it closes everything as above, that session's
     * connection included, but does not wait for that session, which cannot end before the call returns: it
     * returns once the server stopped listening and every other session (and every connection being refused) has
     * ended. The calling session ends when its code returns (its {@code sessionEnd()} runs); then
     * {@link #awaitClose()} returns. A second call from a session's thread while the first is under way returns at
     * once (two sessions closing the server together must not wait for each other).
     */
    @Override
    void close();
}
