package io.github.telnetsrv.ssh;

import io.github.telnetsrv.TelnetConnection;
import io.github.telnetsrv.TelnetHandler;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.channel.ChannelPipedInputStream;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The bytes of one SSH session channel, as a session's connection.
 *
 * <p>The client's EOF is not its departure: it stops sending but still reads (a piped script, {@code ssh -n}, an
 * exec channel with no input). The input then reports it once ({@link #onInputEnd}), so that the lines sent before
 * still run and their output reaches the client, and only ends when the channel is gone ({@link #gone()}).
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

    private final ChannelSession channel;
    private final InputStream input;
    private final OutputStream output;
    private final OutputStream error;
    private final SocketAddress remote;
    private final ExitCallback exit;
    private final CountDownLatch gone = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean inputEndReported = new AtomicBoolean();
    private volatile Runnable onInputEnd = () -> { };
    /** Until the session tells its own (see {@link #exitStatus(int)}): a close before that is from outside. */
    private volatile int exitStatus = TelnetHandler.EXIT_ENDED;
    private volatile int readTimeoutMillis;

    /**
     * @param channel the channel
     * @param in the channel's input, as the SSH layer gives it to a command
     * @param out the channel's output
     * @param err the channel's error output (its extended data)
     * @param exit ends the channel with an exit status
     */
    ChannelConnection(ChannelSession channel, InputStream in, OutputStream out, OutputStream err,
            ExitCallback exit) {
        this.channel = channel;
        this.input = new Input(in);
        this.output = out;
        this.error = err;
        this.remote = channel.getSession().getClientAddress();
        this.exit = exit;
    }

    /** What to run, once, when the client sends EOF: the transport's {@code inputEnded}. */
    void onInputEnd(Runnable action) {
        this.onInputEnd = action;
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
        gone.countDown();
        try {
            ((Input) input).closeSource();
        } catch (IOException e) {
            // Closed anyway.
        }
    }

    @Override
    public InputStream input() {
        return input;
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
    public boolean setReadTimeout(int millis) {
        if (!(((Input) input).source() instanceof ChannelPipedInputStream pipe)) {
            return false;
        }
        pipe.setTimeout(millis);
        readTimeoutMillis = millis;
        return true;
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
    private final class Input extends FilterInputStream {

        Input(InputStream in) {
            super(in);
        }

        InputStream source() {
            return in;
        }

        void closeSource() throws IOException {
            in.close();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (SocketException e) {
                // The pipe reports its read timeout as a plain SocketException.
                if (e.getClass() == SocketException.class && readTimeoutMillis > 0 && gone.getCount() > 0) {
                    throw new SocketTimeoutException(e.getMessage());
                }
                throw e;
            }
            if (n >= 0) {
                return n;
            }
            if (inputEndReported.compareAndSet(false, true)) {
                onInputEnd.run();
            }
            try {
                gone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
