package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.Command;

/**
 * What the SSH layer runs for a shell or exec request: a session of the server's handler over the channel's
 * streams. The channel's error stream carries the session's error lines when the client has no PTY (see
 * {@link SshTransport#errorOutput()}).
 */
final class ShellChannel implements Command, ChannelSessionAware {

    private final ChannelSessions sessions;
    private final String command;
    private final ChannelInput in = new ChannelInput();
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile ChannelConnection connection;

    /**
     * @param sessions the server's sessions, where the channel's session starts
     * @param command the exec request's command line, or {@code null} for a shell
     */
    ShellChannel(ChannelSessions sessions, String command) {
        this.sessions = sessions;
        this.command = command;
    }

    /** The channel's bytes are pushed to the session ({@link ChannelInput}), not read from a stream. */
    @Override
    public void setChannelSession(ChannelSession session) {
        session.setDataReceiver(in);
    }

    /** Not called: the channel has a data receiver of ours (see {@link #setChannelSession}). */
    @Override
    public void setInputStream(InputStream ignored) {
        // The bytes come to ChannelInput.
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        connection = sessions.start(channel, env, in, out, err, exit, command);
    }

    @Override
    public void destroy(ChannelSession channel) {
        ChannelConnection c = connection;
        if (c != null) {
            c.gone();
        }
    }
}
