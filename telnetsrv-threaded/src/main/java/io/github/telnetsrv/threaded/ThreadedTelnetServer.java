package io.github.telnetsrv.threaded;

import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.spi.SocketTelnetServer;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;

/**
 * A Telnet server on platform threads: per connection a reader thread, which decodes input and edits the line,
 * and a handler thread, which runs the handler's code; they meet on the session's lock and conditions. Suits a
 * moderate number of sessions; for many mostly idle ones, see {@code VirtualTelnetServer}.
 *
 * <pre>{@code
 * TelnetServer server = ThreadedTelnetServer.start(TelnetServerConfig.builder().handler(MyHandler::new).build());
 * }</pre>
 */
public final class ThreadedTelnetServer extends SocketTelnetServer {

    private static final ThreadedRuntime RUNTIME = new ThreadedRuntime();

    private ThreadedTelnetServer(TelnetServerConfig config) {
        super(config, ThreadedRuntime.NAME);
    }

    /**
     * Starts a server on platform threads.
     *
     * @param config the settings
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static ThreadedTelnetServer start(TelnetServerConfig config) throws IOException {
        ThreadedTelnetServer server = new ThreadedTelnetServer(config);
        server.open();
        return server;
    }

    @Override
    protected ThreadFactory threads(String name) {
        return RUNTIME.threads(name);
    }

    @Override
    protected SessionTasks sessionTasks(String name) {
        return RUNTIME.sessionTasks(name);
    }
}
