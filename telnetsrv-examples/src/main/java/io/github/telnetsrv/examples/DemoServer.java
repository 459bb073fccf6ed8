package io.github.telnetsrv.examples;

import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.ssh.SshServer;
import io.github.telnetsrv.ssh.SshServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The demo server's entry point, the Main-Class of {@code telnetsrv-demo.jar}:
 *
 * <pre>
 * java -jar telnetsrv-demo.jar [--port N] [--bind ADDR] [--mode virtual|threaded] [--login]
 *                            [--ssh-port N [--host-key FILE] [--authorized-keys FILE]]
 * </pre>
 *
 * <p>It serves a {@link DemoHandler} per connection and prints one line to standard output,
 * {@code Listening on HOST:PORT (MODE)} (the bound address literal, IPv6 in brackets, and the bound port); with
 * {@code --ssh-port} it also serves the same handler over SSH and prints a second line,
 * {@code Listening on HOST:PORT (ssh)}. Over SSH the password of {@code --login} (admin / secret) is accepted
 * whether or not {@code --login} is given, and so is any key of {@code --authorized-keys}. It then serves until the
 * process is stopped; a shutdown hook closes the server, ending every session. Log lines
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

    /** The failed-login budget both of main's servers count in. */
    private static final LoginThrottle LOGIN_FAILURES = LoginThrottle.create();

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
            server = start(options, LOGIN_FAILURES);
        } catch (IOException | RuntimeException e) {
            System.err.println("telnetsrv-demo: cannot listen on " + options.bind() + ":" + options.port() + " ("
                    + options.mode() + "): " + e.getMessage());
            System.err.flush();
            System.exit(EXIT_START_FAILED);
            return;
        }
        SshServer ssh = null;
        if (options.sshPort() >= 0) {
            try {
                ssh = startSsh(options, LOGIN_FAILURES);
            } catch (IOException | RuntimeException e) {
                server.close();
                System.err.println("telnetsrv-demo: cannot serve SSH on " + options.bind() + ":" + options.sshPort()
                        + ": " + e.getMessage());
                System.err.flush();
                System.exit(EXIT_START_FAILED);
                return;
            }
        }
        SshServer sshServer = ssh;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (sshServer != null) {
                sshServer.close();
            }
            server.close();
        }, "telnetsrv-demo-shutdown"));
        PrintStream out = System.out;
        out.println(listeningLine(server));
        if (ssh != null) {
            out.println(listeningLine(ssh.localAddress(), "ssh"));
        }
        out.flush();
        server.awaitClose();
    }

    /**
     * Starts the demo's SSH server with these options: the same handler, the password admin / secret, the keys of
     * {@link DemoOptions#authorizedKeys()}, the host key of {@link DemoOptions#hostKey()}; the caller closes it.
     *
     * @param options where to listen, which runtime, the key files
     * @return the running server
     * @throws IOException if the address cannot be bound, or a key file cannot be used
     */
    public static SshServer startSsh(DemoOptions options) throws IOException {
        return startSsh(options, LoginThrottle.create());
    }

    /**
     * Starts the demo's SSH server, counting failed logins in the given budget (the Telnet server's, in
     * {@link #main}, so that an address refused on one port is refused on the other).
     *
     * @param options where to listen, which runtime, the key files
     * @param loginFailures the per-address budget of failed logins
     * @return the running server
     * @throws IOException if the address cannot be bound, or a key file cannot be used
     */
    public static SshServer startSsh(DemoOptions options, LoginThrottle loginFailures) throws IOException {
        boolean login = options.login();
        SshServerConfig.Builder builder = SshServerConfig.builder()
                .handler(() -> new DemoHandler(login))
                .bindAddress(options.bind())
                .port(options.sshPort())
                .runtime(options.mode())
                .hostKey(Path.of(options.hostKey()))
                .loginThrottle(loginFailures)
                .passwords(DemoHandler.LOGINS);
        if (options.authorizedKeys() != null) {
            builder.authorizedKeys(DemoHandler.USER, Path.of(options.authorizedKeys())); // keys of user admin only
        }
        return builder.start();
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
        return start(options, LoginThrottle.create());
    }

    /**
     * Starts a demo server counting failed logins in the given budget.
     *
     * @param options where to listen, which runtime, whether to log in
     * @param loginFailures the per-address budget of failed logins
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static TelnetServer start(DemoOptions options, LoginThrottle loginFailures) throws IOException {
        boolean login = options.login();
        return TelnetServer.builder()
                .handler(() -> new DemoHandler(login))
                .bindAddress(options.bind())
                .port(options.port())
                .runtime(options.mode())
                .loginThrottle(loginFailures)
                .start();
    }

    /**
     * The line printed on start: {@code Listening on HOST:PORT (MODE)}.
     *
     * @param server a running server
     * @return the line, without a line break
     */
    public static String listeningLine(TelnetServer server) {
        return listeningLine(server.localAddress(), server.runtime());
    }

    /**
     * A line {@code Listening on HOST:PORT (WHAT)}.
     *
     * @param address the bound address
     * @param what the runtime, or {@code ssh}
     * @return the line, without a line break
     */
    public static String listeningLine(InetSocketAddress address, String what) {
        String host = address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return "Listening on " + host + ":" + address.getPort() + " (" + what + ")";
    }
}
