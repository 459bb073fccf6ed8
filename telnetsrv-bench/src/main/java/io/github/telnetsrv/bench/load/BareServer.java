package io.github.telnetsrv.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor the idle-session figures compare against: a bare socket per connection with one virtual thread parked
 * in a read. It writes the prompt so the load clients see a "session", then only reads.
 */
final class BareServer implements Target {

    private static final byte[] PROMPT_BYTES = Target.PROMPT.getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    BareServer(int backlog) throws IOException {
        listener = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public int sessionCount() {
        return sockets.size();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.getOutputStream().write(PROMPT_BYTES);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // read and drop
            }
        } catch (IOException e) {
            // gone
        } finally {
            sockets.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
