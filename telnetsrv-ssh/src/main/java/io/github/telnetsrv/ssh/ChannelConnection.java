package io.github.telnetsrv.ssh;

import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of one SSH session channel, as a session's connection.
 *
 * <p>The client's bytes do not come through {@link #input()}: the channel pushes them to the session
 * ({@link ChannelInput}), and the session's flow control adjusts the channel's window ({@link #windowTaken}).
 *
 * <p>{@link #close()} ends the channel the SSH way: EOF, the exit status, then the channel's close, after what was
 * written has been sent. A session that is closed before it told its exit status (ended from outside: the server's
 * {@code close()}, {@code TelnetSession.close()}) exits with {@link TelnetHandler#EXIT_ENDED}.
 *
 * <p>{@link #abort()}, for a client that stopped reading (its writes are stuck on the channel's window) or whose
 * write failed, closes this channel only, at once: the connection's other channels (OpenSSH's ControlMaster runs
 * many sessions over one connection) go on. Only when the connection itself is failing is it closed; a connection
 * left with no channel ends at the SSH layer's idle timeout.
 */
final class ChannelConnection implements TelnetConnection {

    private static final Logger LOG = LoggerFactory.getLogger(SshServer.class);

    private final ChannelSession channel;
    private final OutputStream output;
    private final OutputStream error;
    private final SocketAddress remote;
    private final ExitCallback exit;
    private final ChannelInput input;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Until the session tells its own (see {@link #exitStatus(int)}): a close before that is from outside. */
    private volatile int exitStatus = TelnetHandler.EXIT_ENDED;

    /**
     * @param channel the channel
     * @param input the channel's input, pushed to the session
     * @param out the channel's output
     * @param err the channel's error output (its extended data)
     * @param exit ends the channel with an exit status
     */
    ChannelConnection(ChannelSession channel, ChannelInput input, OutputStream out, OutputStream err,
            ExitCallback exit) {
        this.channel = channel;
        this.input = input;
        this.output = out;
        this.error = err;
        this.remote = channel.getSession().getClientAddress();
        this.exit = exit;
    }

    /** The channel's error output (its extended data, a client's stderr). */
    OutputStream error() {
        return error;
    }

    /** The status {@link #close()} reports: the session's own, told before it closes the channel. */
    void exitStatus(int status) {
        this.exitStatus = status;
    }

    /** The channel is closed (the SSH layer destroys the command): the input ends. Any thread; idempotent. */
    void gone() {
        input.gone();
    }

    /**
     * The session has taken {@code bytes} of the client's input: the channel's window opens as much again.
     * On a thread of the session's.
     */
    void windowTaken(int bytes) {
        try {
            channel.getLocalWindow().release(bytes);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: window adjustment not sent: {}", remote, e.toString());
        }
    }

    /** Nothing: the channel pushes the client's bytes to the session ({@link ChannelInput}). */
    @Override
    public InputStream input() {
        return InputStream.nullInputStream();
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // EOF, exit-status and the channel's close, after the data written so far; the SSH layer bounds it.
            exit.onExit(exitStatus);
        }
    }

    @Override
    public void abort() throws IOException {
        boolean first = closed.compareAndSet(false, true);
        Session connection = channel.getSession();
        if (connection.isClosing() || !connection.isOpen()) {
            connection.close(true); // the connection itself failed: nothing more goes through it
        } else {
            // This channel only: its windows close at once (a write stuck on them fails), the client is told it is
            // closed, and the channel is let go when it answers (or at once if that cannot be sent in time).
            channel.close(false);
            if (first) {
                // The command is over for the SSH layer (it waits for that before the close goes on); the channel
                // is closing already, so nothing more is written (no EOF, no status: nothing to block on).
                exit.onExit(exitStatus);
            }
        }
        gone();
    }

    @Override
    public String toString() {
        return "TelnetConnection[ssh channel " + channel.getChannelId() + ", " + remote + "]";
    }

    /** The channel's input: a timed-out read becomes a {@link SocketTimeoutException}; EOF waits for the end. */
}
