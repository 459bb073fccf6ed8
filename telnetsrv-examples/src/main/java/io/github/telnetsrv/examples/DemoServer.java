package io.github.telnetsrv.examples;

import io.github.telnetsrv.TelnetServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * The demo server's entry point, the Main-Class of {@code telnetsrv-demo.jar}:
 *
 * <pre>
 * java -jar telnetsrv-demo.jar [--port N] [--bind ADDR] [--mode virtual|threaded] [--login]
 * </pre>
 *
 * <p>It serves a {@link DemoHandler} per connection and prints exactly one line to standard output,
 * {@code Listening on HOST:PORT (MODE)} (the bound address literal, IPv6 in brackets, and the bound port), then
 * serves until the process is stopped; a shutdown hook closes the server, ending every session. Log lines
 * (slf4j-simple) go to standard error. A bad command line prints the error and the usage to standard error and
 * exits with status 2; an address that cannot be bound exits with status 1.
 *
 * <p>Threading: {@link #main} parses, starts the server and then parks until the server is closed by the shutdown
 * hook's thread; sessions run on the chosen runtime's threads.
 */
public final class DemoServer {

    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;
    /** Exit status when the server cannot start (for example, the port is taken). */
    public static final int EXIT_START_FAILED = 1;

    private DemoServer() {
    }

    /**
     * Starts the demo server and serves until the process is stopped.
     *
     * @param args the command line, see {@link DemoOptions#USAGE}
     * @throws InterruptedException if the main thread is interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("telnetsrv-demo: " + e.getMessage());
            System.err.println();
            System.err.print(DemoOptions.USAGE);
            System.err.flush();
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(DemoOptions.USAGE);
            System.out.flush();
            return;
        }
        TelnetServer server;
        try {
            server = start(options);
        } catch (IOException | RuntimeException e) {
            System.err.println("telnetsrv-demo: cannot listen on " + options.bind() + ":" + options.port() + " ("
                    + options.mode() + "): " + e.getMessage());
            System.err.flush();
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "telnetsrv-demo-shutdown"));
        PrintStream out = System.out;
        out.println(listeningLine(server));
        out.flush();
        server.awaitClose();
    }

    /**
     * Starts a demo server with these options (ignoring {@link DemoOptions#help()}); the caller closes it.
     *
     * @param options where to listen, which runtime, whether to log in
     * @return the running server
     * @throws IOException if the address cannot be bound
     * @throws IllegalStateException if the runtime asked for is not on the class path
     */
    public static TelnetServer start(DemoOptions options) throws IOException {
        boolean login = options.login();
        return TelnetServer.builder()
                .handler(() -> new DemoHandler(login))
                .bindAddress(options.bind())
                .port(options.port())
                .runtime(options.mode())
                .start();
    }

    /**
     * The line printed on start: {@code Listening on HOST:PORT (MODE)}.
     *
     * @param server a running server
     * @return the line, without a line break
     */
    public static String listeningLine(TelnetServer server) {
        InetSocketAddress address = server.localAddress();
        String host = address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return "Listening on " + host + ":" + address.getPort() + " (" + server.runtime() + ")";
    }
}
