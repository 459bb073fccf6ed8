package io.github.telnetsrv.ssh;

import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.internal.session.TransportSessions;
import io.github.telnetsrv.spi.ClientText;
import io.github.telnetsrv.spi.ServerBase;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH server's sessions: one per shell or exec channel, each with a new handler, its connection over the
 * channel's streams and a reader thread of the runtime's, registered in the server's base until its reader ends.
 * Thread-safe.
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
     * Starts a session for a shell or exec channel: its handler, its connection over the channel's streams, its
     * reader thread. On an SSH I/O thread: returns at once.
     *
     * @return the session's connection, which the channel's end reaches through {@link ChannelConnection#gone()}
     */
    ChannelConnection start(ChannelSession channel, Environment environment, InputStream in,
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
        ChannelConnection connection = new ChannelConnection(channel, in, out, err, exit);
        AtomicReference<SshTransport> transport = new AtomicReference<>();
        TelnetSession session = TransportSessions.create(handler, connection, config.session(), tasks, events -> {
            SshTransport made = new SshTransport(events, config.session().charset(), pty,
                    pty ? env.get(Environment.ENV_TERM) : null, number(env.get(Environment.ENV_COLUMNS)),
                    number(env.get(Environment.ENV_LINES)), env, user, command, connection);
            connection.onInputEnd(events::inputEnded);
            transport.set(made);
            return made;
        });
        environment.addSignalListener((ch, signal) -> {
            SshTransport t = transport.get();
            if (signal == Signal.WINCH) {
                Map<String, String> now = environment.getEnv();
                t.resize(number(now.get(Environment.ENV_COLUMNS)), number(now.get(Environment.ENV_LINES)));
            } else {
                t.interrupt();
            }
        }, Signal.WINCH, Signal.INT);
        Thread reader = runtime.threads(name + "-reader").newThread(() -> runSession(session, tasks));
        if (!base.register(session, reader)) {
            connection.close();
            return connection;
        }
        try {
            reader.start();
        } catch (RuntimeException | Error e) {
            base.unregister(session);
            connection.abort();
            throw e;
        }
        LOG.info("{}: {} as {} ({} sessions open)", connection.remoteAddress(),
                command != null ? "exec" : pty ? "shell" : "shell without a PTY", ClientText.forLog(user),
                base.sessionCount());
        return connection;
    }

    private void runSession(TelnetSession session, SessionTasks tasks) {
        try {
            session.run();
        } catch (RuntimeException | Error e) {
            LOG.error("{}: session failed", session.remoteAddress(), e);
            session.close();
        } finally {
            try {
                tasks.shutdownAndJoin();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            base.unregister(session);
            LOG.info("{}: session ended", session.remoteAddress());
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
