package io.github.telnetsrv.bench;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.Closeable;
import java.io.IOException;

/**
 * A {@link TelnetSession} over in-memory streams ({@link TelnetConnection#of(java.io.InputStream,
 * java.io.OutputStream, java.net.SocketAddress)} on two {@link BytePipe}s), run on a runtime's threads exactly as
 * its server runs an accepted connection: the runtime's thread factory makes the reading thread, its
 * {@link SessionTasks} run the handler. The client is a {@link WireClient}, so the whole Telnet input path (the
 * protocol engine, the line editor, the echo, the command dispatch) runs, without a socket. Open once the prompt
 * has arrived.
 */
final class MemorySession implements Closeable {

    private final TelnetSession session;
    private final SessionTasks tasks;
    private final Thread reader;
    private final WireClient client;

    /**
     * Starts the session and waits for its first prompt.
     *
     * @param runtime {@code virtual} or {@code threaded}
     * @param handler a new handler
     * @throws IOException if the prompt does not come
     */
    MemorySession(String runtime, TelnetHandler handler) throws IOException {
        TelnetRuntime threads = TelnetRuntime.find(runtime);
        BytePipe toSession = new BytePipe();
        BytePipe fromSession = new BytePipe();
        tasks = threads.sessionTasks("bench-handler");
        session = TelnetSession.create(handler,
                TelnetConnection.of(toSession.input(), fromSession.output(), null), SessionConfig.defaults(), tasks);
        reader = threads.threads("bench-session").newThread(session::run);
        client = new WireClient(fromSession.input(), toSession.output(), toSession::close);
        reader.start();
        client.awaitPrompt();
    }

    /** The client typing into the session. */
    WireClient client() {
        return client;
    }

    /** Ends the session and waits (bounded) for its threads. */
    @Override
    public void close() throws IOException {
        session.close();
        client.close();
        try {
            reader.join(10_000);
            tasks.shutdownAndJoin();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while closing");
        }
    }
}
