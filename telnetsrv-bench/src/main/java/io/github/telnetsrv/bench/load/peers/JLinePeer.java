package io.github.telnetsrv.bench.load.peers;

import io.github.telnetsrv.bench.load.Target;
import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.builtins.telnet.Connection;
import org.jline.builtins.telnet.ConnectionData;
import org.jline.builtins.telnet.ConnectionManager;
import org.jline.builtins.telnet.PortListener;
import org.jline.builtins.telnet.TelnetIO;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The {@code jline} target: JLine's Telnet server ({@code org.jline:jline-remote-telnet}) set up the way its own
 * {@code org.jline.builtins.telnet.Telnet} command does: a {@link PortListener} accepts, a {@link ConnectionManager}
 * runs each connection on a thread of its own ({@link Connection} is a platform thread), {@link TelnetIO} negotiates
 * character mode, and a {@link LineReader} on a stream terminal reads the command lines.
 *
 * <p>One setting differs from JLine's defaults: {@code TCP_NODELAY} on each accepted socket, as telnetsrv and Netty
 * set it. PortListener has no way to report an ephemeral port, so a free loopback port is picked first and handed to it.
 * JLine's own timeouts (idle warning and disconnect) are set beyond any run, like telnetsrv's idle timeout in the
 * harnesses. Methods may be called from any thread.
 */
public final class JLinePeer implements Target {

    private static final int NO_TIMEOUT_MS = 1_000_000_000; // JLine adds the two timeouts as ints
    private static final int HOUSEKEEPING_MS = 60_000; // as JLine's Telnet command

    private static final Logger QUIET = Logger.getLogger("org.jline.builtins.telnet"); // held: levels are weak

    private final AtomicInteger sessions = new AtomicInteger();
    private final ConnectionManager manager;
    private final PortListener listener;
    private final InetSocketAddress address;

    private JLinePeer(int backlog, int maxSessions) throws IOException {
        // JLine's Telnet classes log every connection at INFO, and every reset connection as SEVERE (through
        // java.util.logging); the harnesses want quiet servers.
        QUIET.setLevel(Level.OFF);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            port = probe.getLocalPort();
        }
        address = new InetSocketAddress(loopback, port);
        manager = new ConnectionManager(maxSessions, NO_TIMEOUT_MS, NO_TIMEOUT_MS, HOUSEKEEPING_MS, null, null,
                false) {
            @Override
            protected Connection createConnection(ThreadGroup threadGroup, ConnectionData data) {
                return new Session(threadGroup, data);
            }
        };
        manager.start();
        listener = new PortListener("jline-peer", loopback.getHostAddress(), port, backlog);
        listener.setConnectionManager(manager);
        listener.start();
    }

    /**
     * Starts a server on a free loopback port and waits until it accepts connections.
     *
     * @param backlog the listen backlog
     * @param maxSessions the most connections JLine admits at once
     * @return the running server
     * @throws IOException if it does not listen within 10 seconds
     */
    public static JLinePeer start(int backlog, int maxSessions) throws IOException {
        JLinePeer peer = new JLinePeer(backlog, maxSessions);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            // A probe connection becomes a short session of its own (never negotiated: JLine warns once that it
            // has no terminal description for type "default"); it ends when the probe closes.
            try (Socket probe = new Socket()) {
                probe.connect(peer.address);
                return peer;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    peer.close();
                    throw new IOException("JLine's PortListener did not listen on " + peer.address, e);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", interrupted);
                }
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public int sessionCount() {
        return sessions.get();
    }

    @Override
    public void close() {
        listener.stop(); // stops the manager too, which closes every connection
    }

    /** One connection: runs on its own thread (JLine's {@link Connection}). */
    private final class Session extends Connection {

        private TelnetIO telnet;

        Session(ThreadGroup group, ConnectionData data) {
            super(group, data);
        }

        @Override
        protected void doRun() throws Exception {
            // Not JLine's default: without it Nagle's algorithm holds back each answer until the client's delayed
            // ACK (about 40 ms). telnetsrv and Netty (termd) set it on accepted sockets.
            getConnectionData().getSocket().setTcpNoDelay(true);
            telnet = new TelnetIO();
            telnet.setConnection(this);
            telnet.initIO(); // negotiation: waits up to a second for the client's answers
            ConnectionData data = getConnectionData();
            Terminal terminal = TerminalBuilder.builder()
                    .type(data.getNegotiatedTerminalType().toLowerCase(Locale.ROOT))
                    .streams(new TelnetInput(telnet), new TelnetOutput(telnet))
                    .system(false)
                    .name("telnet")
                    .build();
            terminal.setSize(new Size(data.getTerminalColumns(), data.getTerminalRows()));
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            sessions.incrementAndGet();
            try {
                while (true) {
                    String line;
                    try {
                        line = reader.readLine(PROMPT);
                    } catch (UserInterruptException e) {
                        continue;
                    } catch (EndOfFileException | IOError e) {
                        return; // the client hung up (IOError: the input stream failed)
                    }
                    String answer = EchoCommand.answer(line);
                    if (answer != null) {
                        terminal.writer().println(answer);
                        terminal.flush();
                    }
                }
            } finally {
                sessions.decrementAndGet();
                terminal.close();
                close();
            }
        }

        @Override
        protected void doClose() {
            if (telnet != null) {
                telnet.closeOutput();
                telnet.closeInput();
            }
        }
    }

    /** The decoded input of a connection, a byte at a time as TelnetIO reads it. */
    private static final class TelnetInput extends InputStream {
        private final TelnetIO telnet;

        TelnetInput(TelnetIO telnet) {
            this.telnet = telnet;
        }

        @Override
        public int read() throws IOException {
            return telnet.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    /** The output of a connection through TelnetIO (which writes CR LF for LF). */
    private static final class TelnetOutput extends OutputStream {
        private final TelnetIO telnet;

        TelnetOutput(TelnetIO telnet) {
            this.telnet = telnet;
        }

        @Override
        public void write(int b) throws IOException {
            telnet.write(b);
        }

        @Override
        public void flush() throws IOException {
            telnet.flush();
        }
    }
}
