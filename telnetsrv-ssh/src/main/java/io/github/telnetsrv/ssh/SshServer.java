package io.github.telnetsrv.ssh;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.spi.ServerBase;
import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.UserAuthNoneFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running SSH server that serves the same handlers as a Telnet server: each shell or exec channel is a session
 * with a new handler, run by the session core on the runtime found on the class path ({@code telnetsrv-virtual} or
 * {@code telnetsrv-threaded}). The SSH protocol is Apache MINA SSHD's.
 *
 * <pre>{@code
 * try (SshServer ssh = SshServerConfig.builder()
 *         .handler(MyHandler::new)
 *         .port(2222)
 *         .hostKey(Path.of("hostkey"))
 *         .authorizedKeysDirectory(Path.of("keys"))     // keys/alice holds alice's authorized_keys
 *         .start()) {
 *     ssh.awaitClose();
 * }
 * }</pre>
 *
 * <h2>Channels</h2>
 * <ul>
 *   <li>A shell with a PTY ({@code ssh host}): the terminal type from TERM, the size from the PTY request and each
 *       window-change (the same redraw as a Telnet window change), Ctrl-C and a break request interrupt, the server
 *       echoes and edits the line.</li>
 *   <li>A shell without a PTY ({@code ssh -T host}, a piped script): line mode, no echo, plain LF line ends; the
 *       client's EOF lets the lines sent before it run, then ends the session.</li>
 *   <li>An exec channel ({@code ssh host 'status'}): the command line goes through the same parser and dispatch,
 *       with no banner, welcome or prompt; the channel closes with the exit status (see
 *       {@link TelnetHandler#setExitStatus(int)}: 0 after success, 1 when the command threw, 2 for a line that
 *       cannot be parsed, 127 for an unknown command, 130 when interrupted).</li>
 * </ul>
 *
 * <h2>Logins and limits</h2>
 * Logins are the SSH layer's (see {@link SshServerConfig}); failed passwords count against the per-address budget
 * ({@link io.github.telnetsrv.LoginThrottle}), which a Telnet server may share. A connection's authentication
 * requests are handled one at a time, even when a client sends several without waiting (RFC 4252 section 5): each
 * failed password is counted and its delay served before the next request is looked at. A connection not logged in
 * {@link SessionConfig#loginTimeout()} after it was made is disconnected. The server is built on the
 * {@link ServerBase} every transport shares: at most {@link SshServerConfig#maxSessions()} connections,
 * {@link SshServerConfig#maxSessionsPerAddress()} from one address and {@link SshServerConfig#maxUnauthenticated()}
 * not yet authenticated, as for Telnet, and {@link SshServerConfig#maxChannelsPerConnection()} channels on one
 * connection; a connection over a limit is disconnected, a channel over the limit refused. Port forwarding, agent
 * forwarding, X11 and subsystems (SFTP) are refused.
 *
 * <h2>Threads</h2>
 * The SSH layer's I/O threads (a few platform threads, shared) and its timer; password checks on a pool of at most
 * {@code max(16, 2 x cores)} platform threads, made as needed and ended when idle; per session no thread while it
 * waits for its client: the channel pushes the client's bytes to the session, which takes them on a short-lived
 * thread of the runtime's kind, and the runtime's handler tasks, as for Telnet. A client that stops reading is dropped after
 * {@link SessionConfig#writeTimeout()}: its connection is closed. {@link #close()} ends every session (each
 * {@code sessionEnd()} runs) and returns when their threads are gone and the SSH layer has stopped; it works from
 * any thread, a session's own included (it then does not wait for that session).
 */
public final class SshServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshServer.class);
    /** The SSH layer closes a silent connection this long after the sessions' own idle timeout would have. */
    private static final Duration IDLE_MARGIN = Duration.ofMinutes(1);
    /** The channel's receive window: ample for a console, and what one channel may make the server buffer. */
    private static final long WINDOW_SIZE = 256 * 1024;
    /** The read buffer each connection holds (MINA SSHD's default: 32 KiB); a paste takes several reads. */
    private static final int READ_BUFFER_SIZE = 1024;
    /** The SSH layer's I/O threads, as many as it would make by default. */
    private static final int IO_THREADS = Runtime.getRuntime().availableProcessors() + 1;
    /** How long close() waits for the SSH layer's threads to end after it stopped. */
    private static final long THREADS_END_SECONDS = 5;

    private final SshServerConfig config;
    private final TelnetRuntime runtime;
    private final org.apache.sshd.server.SshServer sshd;
    private final SshLogins logins;
    private final CloseableExecutorService io;
    private final ScheduledExecutorService timer;
    private final String fingerprint;
    private final ServerBase base;

    private SshServer(SshServerConfig config, TelnetRuntime runtime, List<KeyPair> hostKeys, Authenticator passwords,
            PublickeyAuthenticator keys) {
        this.config = config;
        this.runtime = runtime;
        this.fingerprint = KeyUtils.getFingerPrint(hostKeys.get(0).getPublic());
        this.base = new ServerBase(config, "ssh, " + runtime.name(), config.threadNamePrefix() + "ssh-",
                new ServerBase.Stopping() {
                    @Override
                    public void stopAccepting() {
                        // The base's admission refuses every new connection ("Server closing").
                    }

                    @Override
                    public void stopTransport() {
                        stopLoginsAndLayer();
                    }
                });
        ChannelSessions sessions = new ChannelSessions(config, runtime, base);
        this.sshd = org.apache.sshd.server.SshServer.setUpDefaultServer();
        // The SSH layer's threads are the server's own, named with its prefix, so that close() can wait for them.
        this.io = ThreadUtils.newFixedThreadPool(config.threadNamePrefix() + "ssh-io", IO_THREADS);
        this.timer = ThreadUtils.newSingleThreadScheduledExecutor(config.threadNamePrefix() + "ssh-timer");
        if (timer instanceof ScheduledThreadPoolExecutor scheduled) {
            scheduled.setRemoveOnCancelPolicy(true); // a login deadline cancelled is not kept until it is due
        }
        SessionConfig session = config.session();
        this.logins = new SshLogins(passwords, keys, base.loginThrottle(), session.maxLoginAttempts(),
                session.loginFailureDelay(), config.threadNamePrefix(), timer);
        sshd.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(() -> io));
        sshd.setScheduledExecutorService(timer, true);
        sshd.setHost(config.bindAddress().getHostAddress());
        sshd.setPort(config.port());
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        sshd.setShellFactory(channel -> new ShellChannel(sessions, null));
        sshd.setCommandFactory((channel, command) -> new ShellChannel(sessions, command));
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setSubsystemFactories(List.of());
        sshd.setChannelFactories(List.of(new SessionChannels(config.maxChannelsPerConnection())));
        // User-auth requests one at a time per connection (MINA SSHD's service reads on while a check is pending).
        sshd.setServiceFactories(List.of(new SerialUserAuth.Factory(), ServerConnectionServiceFactory.INSTANCE));
        List<UserAuthFactory> methods = new ArrayList<>();
        if (config.anonymous()) {
            methods.add(UserAuthNoneFactory.INSTANCE);
        }
        if (keys != null) {
            methods.add(UserAuthPublicKeyFactory.INSTANCE);
            sshd.setPublickeyAuthenticator(logins);
        }
        if (passwords != null) {
            methods.add(UserAuthPasswordFactory.INSTANCE);
            sshd.setPasswordAuthenticator(logins);
        }
        sshd.setUserAuthFactories(methods);
        sshd.setKeyboardInteractiveAuthenticator(null);
        // The login deadline counts from the connection; MINA SSHD's own restarts with the user-auth service and
        // stays as a later backstop.
        sshd.addSessionListener(new LoginDeadline(timer, session.loginTimeout()));
        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, session.loginTimeout());
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd,
                session.idleTimeout().isZero() ? Duration.ZERO : session.idleTimeout().plus(IDLE_MARGIN));
        CoreModuleProperties.WAIT_FOR_SPACE_TIMEOUT.set(sshd, session.writeTimeout());
        CoreModuleProperties.WINDOW_SIZE.set(sshd, WINDOW_SIZE);
        // Interactive traffic: each echo and prompt goes out at once (with Nagle, a round trip waits ~40 ms for
        // the client's delayed ACK), as TelnetConnection does for Telnet.
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        CoreModuleProperties.SOCKET_BACKLOG.set(sshd, config.backlog());
        // MINA SSHD holds its read buffer for the life of each connection: 32 KiB by default, most of an idle
        // session's heap. A console's packets are small; larger ones are read in several reads.
        CoreModuleProperties.NIO2_READ_BUFFER_SIZE.set(sshd, READ_BUFFER_SIZE);
        sshd.addSessionListener(new ConnectionLimits(base.admission()));
    }

    /**
     * Starts a server with the given settings.
     *
     * @param config the settings
     * @return the running server
     * @throws IOException if the port cannot be bound, or the host key or an authorized_keys file cannot be used
     * @throws IllegalStateException if no way to log in is set, or no runtime is on the class path
     * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
     */
    public static SshServer start(SshServerConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        TelnetRuntime runtime = TelnetRuntime.find(config.runtime());
        TelnetHandler probe = config.handlerFactory().get();
        if (probe == null) {
            throw new IllegalStateException("the handler factory returned null (expected: a new TelnetHandler)");
        }
        TelnetHandler.checkCommands(probe.getClass());
        Authenticator passwords = config.passwords() != null ? config.passwords()
                : TelnetHandler.authenticatorOf(probe);
        PublickeyAuthenticator keys = PublicKeys.of(config);
        if (!config.anonymous() && passwords == null && keys == null) {
            throw new IllegalStateException("no way to log in over SSH: set passwords(...), authorizedKeys(user, "
                    + "file), authorizedKeysDirectory(...) or publicKeys(...), give the handler an authenticator(), "
                    + "or call allowAnonymous() (expected: at least one)");
        }
        List<KeyPair> hostKeys = HostKeys.loadOrCreate(config.hostKey());
        SshServer server = new SshServer(config, runtime, hostKeys, passwords, keys);
        server.open();
        return server;
    }

    private void open() throws IOException {
        try {
            sshd.start();
        } catch (IOException e) {
            quietlyStop();
            throw new IOException("cannot listen on " + config.bindAddress().getHostAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        SocketAddress bound = sshd.getBoundAddresses().iterator().next();
        base.listening((InetSocketAddress) bound, "; host key " + fingerprint);
    }

    /**
     * The address listened on, with the port actually bound.
     *
     * @return the address
     */
    public InetSocketAddress localAddress() {
        return base.localAddress();
    }

    /**
     * The port actually bound (useful with port 0).
     *
     * @return the port
     */
    public int port() {
        return base.localAddress().getPort();
    }

    /**
     * The runtime the sessions run on: {@code "virtual"} or {@code "threaded"}.
     *
     * @return its name
     */
    public String runtime() {
        return runtime.name();
    }

    /**
     * The settings the server was started with.
     *
     * @return the settings
     */
    public SshServerConfig config() {
        return config;
    }

    /**
     * The host key's fingerprint as OpenSSH shows it ({@code SHA256:...}), for users to check on first connection.
     *
     * @return the fingerprint
     */
    public String hostKeyFingerprint() {
        return fingerprint;
    }

    /**
     * How many sessions (shell and exec channels) are open now.
     *
     * @return the count
     */
    public int sessionCount() {
        return base.sessionCount();
    }

    /**
     * The sessions open now, oldest first, as {@code TelnetServer.sessions()} gives them. Any thread.
     *
     * @return the open sessions
     */
    public List<TelnetSession> sessions() {
        return base.sessions();
    }

    /**
     * Shows a message to every open session, as {@code TelnetServer.broadcast} does. Any thread.
     *
     * @param text the message
     * @return how many sessions were sent it
     */
    public int broadcast(String text) {
        return base.broadcast(text);
    }

    /**
     * Waits until the server is closed (by {@link #close()} from another thread, or from one of its sessions: a
     * {@code shutdown} command, a {@code sessionEnd()}). Never call it from a session's own thread: the close it
     * waits for includes the end of that session.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        base.awaitClose();
    }

    /**
     * Stops accepting, ends every session (each handler's {@code sessionEnd()} runs), stops the SSH layer and
     * returns when the server's threads are gone. Idempotent; a second caller waits for the first one's close.
     *
     * <p>Any thread. Called from one of the server's own sessions (a command such as an admin's {@code shutdown},
     * {@code sessionEnd()}, a scheduled task), it closes everything as above, that session's
     * channel included, but does not wait for that session, which cannot end before the call returns: it returns
     * once every other session has ended and the SSH layer has stopped. The calling session ends when its code
     * returns (its {@code sessionEnd()} runs); then {@link #awaitClose()} returns. A second call from a session's
     * thread while the first is under way returns at once (two sessions closing the server together must not wait
     * for each other).
     */
    @Override
    public void close() {
        base.close();
    }

    /** Once every session has ended: the password checks, then the SSH layer. */
    private void stopLoginsAndLayer() {
        boolean interrupted = false;
        try {
            logins.close();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        quietlyStop();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The password and key checks (for tests). */
    SshLogins logins() {
        return logins;
    }

    @Override
    public String toString() {
        return "SshServer[" + base.localAddress() + ", " + runtime.name() + ", sessions=" + base.sessionCount() + "]";
    }

    /** Stops the SSH layer and waits (a bounded time) for its threads to end. */
    private void quietlyStop() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            LOG.warn("SSH layer did not stop cleanly: {}", e.toString());
        }
        io.shutdownNow();
        timer.shutdownNow();
        try {
            if (!io.awaitTermination(THREADS_END_SECONDS, TimeUnit.SECONDS)
                    || !timer.awaitTermination(THREADS_END_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("SSH layer threads still running {} s after the stop", THREADS_END_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
