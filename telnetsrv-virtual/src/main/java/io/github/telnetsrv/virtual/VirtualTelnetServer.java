package io.github.telnetsrv.virtual;

import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.spi.SocketTelnetServer;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;

/**
 * A Telnet server on virtual threads, built for tens of thousands of mostly idle sessions. A session waiting at
 * its prompt holds one parked virtual thread (its reader) and no platform thread; handler code runs on a new
 * virtual thread per task (login, each command). The session code blocks only on locks and conditions, never
 * inside {@code synchronized}, so carriers are not pinned. Platform threads: the JDK's carrier pool only.
 *
 * <pre>{@code
 * TelnetServer server = VirtualTelnetServer.start(TelnetServerConfig.builder().handler(MyHandler::new).build());
 * }</pre>
 */
public final class VirtualTelnetServer extends SocketTelnetServer {

    private static final VirtualRuntime RUNTIME = new VirtualRuntime();

    private VirtualTelnetServer(TelnetServerConfig config) {
        super(config, VirtualRuntime.NAME);
    }

    /**
     * Starts a server on virtual threads.
     *
     * @param config the settings
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static VirtualTelnetServer start(TelnetServerConfig config) throws IOException {
        VirtualTelnetServer server = new VirtualTelnetServer(config);
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
