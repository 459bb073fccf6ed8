package io.github.telnetsrv.bench.load.peers;

import io.github.telnetsrv.bench.load.Target;
import io.termd.core.readline.Function;
import io.termd.core.readline.Keymap;
import io.termd.core.readline.Readline;
import io.termd.core.telnet.netty.NettyTelnetTtyBootstrap;
import io.termd.core.tty.TtyConnection;
import io.termd.core.util.Helper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code termd} target: termd's Telnet server ({@code io.termd:termd-core}) on Netty, set up the way termd's
 * examples do: a {@link NettyTelnetTtyBootstrap} hands each negotiated connection to a {@link TtyConnection}
 * handler, and a {@link Readline} (the default keymap and the line-editing functions termd ships as services) reads
 * the command lines. Everything runs on Netty's event loops (no thread per connection).
 *
 * <p>The bootstrap has no way to report an ephemeral port (and its listen backlog is fixed at 100), so a free
 * loopback port is picked first and handed to it. termd has no idle timeout. Methods may be called from any
 * thread.
 */
public final class TermdPeer implements Target {

    private static final Logger QUIET = Logger.getLogger("io.netty.handler.logging"); // held: levels are weak

    private final AtomicInteger sessions = new AtomicInteger();
    private final Keymap keymap = Keymap.getDefault();
    private final List<Function> functions =
            Helper.loadServices(TermdPeer.class.getClassLoader(), Function.class);
    private final NettyTelnetTtyBootstrap bootstrap;
    private final InetSocketAddress address;

    private TermdPeer() throws IOException {
        // termd's bootstrap logs every accept at INFO (Netty's LoggingHandler, through java.util.logging).
        QUIET.setLevel(Level.WARNING);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            port = probe.getLocalPort();
        }
        address = new InetSocketAddress(loopback, port);
        bootstrap = new NettyTelnetTtyBootstrap().setHost(loopback.getHostAddress()).setPort(port);
    }

    /**
     * Starts a server on a free loopback port and waits until it listens.
     *
     * @return the running server
     * @throws IOException if it does not listen within 10 seconds
     */
    public static TermdPeer start() throws IOException {
        TermdPeer peer = new TermdPeer();
        try {
            peer.bootstrap.start(peer::open).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            peer.close();
            throw new IOException("termd did not listen on " + peer.address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return peer;
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
    public void close() throws IOException {
        try {
            bootstrap.stop().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("termd did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A negotiated connection (on its event loop). */
    private void open(TtyConnection conn) {
        sessions.incrementAndGet();
        conn.setCloseHandler(closed -> sessions.decrementAndGet());
        Readline readline = new Readline(keymap);
        readline.addFunctions(functions);
        read(conn, readline);
    }

    /** Shows the prompt and reads a line; the answer is written and the next line read on the event loop. */
    private static void read(TtyConnection conn, Readline readline) {
        readline.readline(conn, PROMPT, line -> {
            if (line == null) { // Ctrl-D on an empty line
                conn.close();
                return;
            }
            String answer = EchoCommand.answer(line);
            if (answer != null) {
                conn.write(answer + "\n"); // termd's output mode writes CR LF for LF
            }
            read(conn, readline);
        });
    }
}
