package io.github.telnetsrv.ssh;

import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.spi.ClientText;
import io.github.telnetsrv.spi.ServerBase;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.spi.TelnetRuntime;
import io.github.telnetsrv.transport.Inbound;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH server's sessions: one per shell or exec channel, each with a new handler and its connection over the
 * channel, fed by the channel's pushed input (no thread of its own while it waits), registered in the server's base
 * until it has ended and its threads are gone. Thread-safe.
 */
final class ChannelSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SshServer.class);

    private final SshServerConfig config;
    private final TelnetRuntime runtime;
    private final ServerBase base;
    private final AtomicLong sessionIds = new AtomicLong();

    ChannelSessions(SshServerConfig config, TelnetRuntime runtime, ServerBase base) {
        this.config = config;
        this.runtime = runtime;
        this.base = base;
    }

    /**
     * Starts a session for a shell or exec channel: its handler, its connection over the channel, the client's
     * bytes pushed to it ({@code input}). On an SSH I/O thread: returns at once.
     *
     * @return the session's connection, which the channel's end reaches through {@link ChannelConnection#gone()}
     */
    ChannelConnection start(ChannelSession channel, Environment environment, ChannelInput input,
            OutputStream out, OutputStream err, ExitCallback exit, String command) throws IOException {
        TelnetHandler handler = config.handlerFactory().get();
        if (handler == null) {
            throw new IOException("the handler factory returned null (expected: a new TelnetHandler)");
        }
        Map<String, String> env = environment.getEnv();
        boolean pty = !environment.getPtyModes().isEmpty() || env.containsKey(Environment.ENV_COLUMNS);
        String user = channel.getSession().getUsername();
        long id = sessionIds.incrementAndGet();
        String name = config.threadNamePrefix() + "ssh-session-" + id;
        SessionTasks tasks = runtime.sessionTasks(name + "-handler");
        ChannelConnection connection = new ChannelConnection(channel, input, out, err, exit);
        SshTransport[] made = new SshTransport[1];
        TelnetSession session = TelnetSession.create(handler, connection, config.session(), tasks,
                events -> made[0] = new SshTransport(events, config.session().charset(), pty,
                        pty ? env.get(Environment.ENV_TERM) : null, number(env.get(Environment.ENV_COLUMNS)),
                        number(env.get(Environment.ENV_LINES)), env, user, command, connection));
        SshTransport transport = made[0];
        CountDownLatch gone = new CountDownLatch(1);
        if (!base.register(session, gone)) {
            connection.close();
            return connection;
        }
        Inbound inbound;
        try {
            inbound = session.start(() -> ended(session, tasks, name, gone));
        } catch (RuntimeException | Error e) {
            base.unregister(session);
            gone.countDown();
            connection.abort();
            throw e;
        }
        environment.addSignalListener((ch, signal) -> {
            if (signal == Signal.WINCH) {
                Map<String, String> now = environment.getEnv();
                int columns = number(now.get(Environment.ENV_COLUMNS));
                int rows = number(now.get(Environment.ENV_LINES));
                inbound.submit(() -> transport.resize(columns, rows));
            } else {
                inbound.submit(transport::interrupt);
            }
        }, Signal.WINCH, Signal.INT);
        input.attach(inbound);
        LOG.info("{}: {} as {} ({} sessions open)", connection.remoteAddress(),
                command != null ? "exec" : pty ? "shell" : "shell without a PTY", ClientText.forLog(user),
                base.sessionCount());
        return connection;
    }

    /**
     * The session has ended (on a thread of its own): its handler tasks are joined on a thread of the runtime's,
     * then it leaves the registry and {@code gone} counts down.
     */
    private void ended(TelnetSession session, SessionTasks tasks, String name, CountDownLatch gone) {
        Runnable release = () -> {
            try {
                tasks.shutdownAndJoin();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                base.unregister(session);
                gone.countDown();
                LOG.info("{}: session ended", session.remoteAddress());
            }
        };
        try {
            runtime.threads(name + "-end").newThread(release).start();
        } catch (RuntimeException | OutOfMemoryError e) {
            // No thread to join with: the session's tasks end on their own; it leaves the registry now.
            base.unregister(session);
            gone.countDown();
            LOG.warn("{}: session ended; its threads were not joined: {}", session.remoteAddress(), e.toString());
        }
    }

    private static int number(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
