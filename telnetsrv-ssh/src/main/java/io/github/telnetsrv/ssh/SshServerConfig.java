package io.github.telnetsrv.ssh;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings of an {@link SshServer}: the same handler and session settings as a Telnet server's, plus the host
 * key and the ways users log in. Immutable; made by {@link #builder()}.
 *
 * <pre>{@code
 * SshServer ssh = SshServerConfig.builder()
 *         .handler(MyHandler::new)
 *         .port(2222)
 *         .hostKey(Path.of("hostkey"))                  // generated on the first start, then reused
 *         .passwords((user, password) -> ...)           // default: the handler's authenticator()
 *         .authorizedKeys(Path.of("authorized_keys"))
 *         .start();
 * }</pre>
 *
 * <p>Logins are the SSH layer's: a session over SSH shows no login prompt, and {@code username()} is the SSH user.
 * At least one way in must be set (passwords, keys, or {@link Builder#allowAnonymous()}); with none,
 * {@link Builder#build()} fails rather than start a server nobody can use.
 */
public final class SshServerConfig {

    private final Supplier<? extends TelnetHandler> handlerFactory;
    private final InetAddress bindAddress;
    private final int port;
    private final int backlog;
    private final int maxSessions;
    private final int maxSessionsPerAddress;
    private final int maxChannelsPerConnection;
    private final SessionConfig session;
    private final String threadNamePrefix;
    private final String runtime;
    private final Path hostKey;
    private final Authenticator passwords;
    private final Path authorizedKeys;
    private final KeyAuthenticator publicKeys;
    private final boolean anonymous;

    private SshServerConfig(Builder b) {
        this.handlerFactory = b.handlerFactory;
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.backlog = b.backlog;
        this.maxSessions = b.maxSessions;
        this.maxSessionsPerAddress = b.maxSessionsPerAddress;
        this.maxChannelsPerConnection = b.maxChannelsPerConnection;
        this.session = b.session.build();
        this.threadNamePrefix = b.threadNamePrefix;
        this.runtime = b.runtime;
        this.hostKey = b.hostKey;
        this.passwords = b.passwords;
        this.authorizedKeys = b.authorizedKeys;
        this.publicKeys = b.publicKeys;
        this.anonymous = b.anonymous;
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the handler of each session (each shell or exec channel).
     *
     * @return the factory
     */
    public Supplier<? extends TelnetHandler> handlerFactory() {
        return handlerFactory;
    }

    /**
     * The address listened on.
     *
     * @return the address
     */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * The port listened on (0: any free one).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The listen backlog: connections the system queues before the server accepts them.
     *
     * @return the backlog
     */
    public int backlog() {
        return backlog;
    }

    /**
     * How many SSH connections may be open at once, logged in or not.
     *
     * @return the limit
     */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * How many SSH connections one remote address may have open at once.
     *
     * @return the limit
     */
    public int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    /**
     * How many channels (shells, exec commands) one connection may have open at once.
     *
     * @return the limit
     */
    public int maxChannelsPerConnection() {
        return maxChannelsPerConnection;
    }

    /**
     * The settings of each session, as for Telnet. Over SSH, {@link SessionConfig#loginTimeout()} bounds the SSH
     * login, {@link SessionConfig#loginThrottle()}, {@link SessionConfig#maxLoginAttempts()} and
     * {@link SessionConfig#loginFailureDelay()} apply to passwords, and {@link SessionConfig#writeTimeout()}
     * drops a client that stops reading. The negotiation settings do not apply.
     *
     * @return the session settings
     */
    public SessionConfig session() {
        return session;
    }

    /**
     * The prefix of the names of the server's threads.
     *
     * @return the prefix
     */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    /**
     * The runtime named, or {@code null} for the one with the highest priority on the class path.
     *
     * @return the runtime's name, or {@code null}
     */
    public String runtime() {
        return runtime;
    }

    /**
     * The host key file.
     *
     * @return the file
     */
    public Path hostKey() {
        return hostKey;
    }

    /**
     * What checks passwords: the one set, else {@code null} (the handler's {@code authenticator()} is then used, if
     * it has one).
     *
     * @return the authenticator, or {@code null}
     */
    public Authenticator passwords() {
        return passwords;
    }

    /**
     * The OpenSSH {@code authorized_keys} file whose keys may log in as any user, or {@code null}.
     *
     * @return the file, or {@code null}
     */
    public Path authorizedKeys() {
        return authorizedKeys;
    }

    /**
     * What checks public keys besides {@link #authorizedKeys()}, or {@code null}.
     *
     * @return the callback, or {@code null}
     */
    public KeyAuthenticator publicKeys() {
        return publicKeys;
    }

    /**
     * Whether clients may log in without any authentication.
     *
     * @return true if the server owner asked for it
     */
    public boolean anonymous() {
        return anonymous;
    }

    @Override
    public String toString() {
        return "SshServerConfig[" + bindAddress.getHostAddress() + ":" + port + ", hostKey=" + hostKey
                + ", passwords=" + (passwords != null) + ", authorizedKeys=" + authorizedKeys + ", publicKeys="
                + (publicKeys != null) + ", anonymous=" + anonymous + ", backlog=" + backlog + ", maxSessions="
                + maxSessions
                + ", maxSessionsPerAddress=" + maxSessionsPerAddress + ", maxChannelsPerConnection="
                + maxChannelsPerConnection + ", runtime=" + runtime + ", " + session + "]";
    }

    /** Builds {@link SshServerConfig}; not thread-safe. */
    public static final class Builder {
        private Supplier<? extends TelnetHandler> handlerFactory;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 8022;
        private int backlog = 128;
        private int maxSessions = 1000;
        private int maxSessionsPerAddress = 256;
        private int maxChannelsPerConnection = 4;
        private SessionConfig.Builder session = SessionConfig.builder();
        private String threadNamePrefix = "telnetsrv-";
        private String runtime;
        private Path hostKey;
        private Authenticator passwords;
        private Path authorizedKeys;
        private KeyAuthenticator publicKeys;
        private boolean anonymous;

        private Builder() {
        }

        /**
         * Sets what serves each session: called once per shell or exec channel, it must return a new handler.
         *
         * @param factory for example {@code MyHandler::new}
         * @return this builder
         */
        public Builder handler(Supplier<? extends TelnetHandler> factory) {
            this.handlerFactory = Objects.requireNonNull(factory, "handler factory");
            return this;
        }

        /**
         * Sets the address to listen on (default: loopback).
         *
         * @param address the address
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /**
         * Sets the address to listen on by name or literal, for example {@code "0.0.0.0"}.
         *
         * @param address a host name or an IP address literal
         * @return this builder
         * @throws IllegalArgumentException if the name cannot be resolved
         */
        public Builder bindAddress(String address) {
            Objects.requireNonNull(address, "bindAddress");
            try {
                this.bindAddress = InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bindAddress: " + address + " (expected: a host name or an IP "
                        + "address)", e);
            }
            return this;
        }

        /**
         * Sets the port (default 8022; 0 for any free port, see {@link SshServer#port()}).
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = checkRange("port", port, 0, 65535);
            return this;
        }

        /**
         * Sets the listen backlog (default 128; 1..65535).
         *
         * @param backlog the listen backlog
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = checkRange("backlog", backlog, 1, 65535);
            return this;
        }

        /**
         * Sets how many SSH connections may be open at once, logged in or not (default 1000; 1..1000000).
         *
         * @param maxSessions the limit
         * @return this builder
         */
        public Builder maxSessions(int maxSessions) {
            this.maxSessions = checkRange("maxSessions", maxSessions, 1, 1_000_000);
            return this;
        }

        /**
         * Sets how many SSH connections one remote address may have open at once (default 256; 1..1000000).
         *
         * @param maxSessions the limit
         * @return this builder
         */
        public Builder maxSessionsPerAddress(int maxSessions) {
            this.maxSessionsPerAddress = checkRange("maxSessionsPerAddress", maxSessions, 1, 1_000_000);
            return this;
        }

        /**
         * Sets how many channels (shells, exec commands) one connection may have open at once (default 4; 1..1000).
         *
         * @param channels the limit
         * @return this builder
         */
        public Builder maxChannelsPerConnection(int channels) {
            this.maxChannelsPerConnection = checkRange("maxChannelsPerConnection", channels, 1, 1000);
            return this;
        }

        /**
         * Replaces every session setting at once (the same settings as a Telnet server's; see
         * {@link SshServerConfig#session()} for what they mean over SSH).
         *
         * @param config the session settings
         * @return this builder
         */
        public Builder session(SessionConfig config) {
            this.session = Objects.requireNonNull(config, "session").toBuilder();
            return this;
        }

        /**
         * Sets how long a session may wait at its prompt without input (default 30 min; {@link Duration#ZERO} for
         * never). A connection silent for a minute longer than this is closed by the SSH layer.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            session.idleTimeout(timeout);
            return this;
        }

        /**
         * Sets the login deadline, counted from the connection (default 60 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder loginTimeout(Duration timeout) {
            session.loginTimeout(timeout);
            return this;
        }

        /**
         * Sets how long a write may wait for a client that stopped reading before its channel is dropped (default
         * 30 s); the connection's other channels go on.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            session.writeTimeout(timeout);
            return this;
        }

        /**
         * Sets the per-address budget of failed logins; pass a Telnet server's to have both count the same
         * failures.
         *
         * @param throttle the budget
         * @return this builder
         */
        public Builder loginThrottle(LoginThrottle throttle) {
            session.loginThrottle(throttle);
            return this;
        }

        /**
         * Sets the prefix of the server's thread names (default {@code "telnetsrv-"}).
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix, "threadNamePrefix");
            return this;
        }

        /**
         * Names the runtime whose threads run the sessions ({@code "virtual"} or {@code "threaded"}); default: the
         * one with the highest priority on the class path, as for Telnet.
         *
         * @param name the runtime's name, or {@code null} for the best one
         * @return this builder
         */
        public Builder runtime(String name) {
            this.runtime = name;
            return this;
        }

        /**
         * Sets the host key file (required): read at the start (an unencrypted OpenSSH or PEM private key), or, if
         * it does not exist, generated and saved there, so that clients see the same key after a restart.
         *
         * @param file the file
         * @return this builder
         */
        public Builder hostKey(Path file) {
            this.hostKey = Objects.requireNonNull(file, "hostKey");
            return this;
        }

        /**
         * Sets what checks passwords. Default: the handler's {@code authenticator()}, so that a handler written for
         * Telnet logins keeps its users over SSH.
         *
         * @param authenticator checks a user name and password
         * @return this builder
         */
        public Builder passwords(Authenticator authenticator) {
            this.passwords = Objects.requireNonNull(authenticator, "passwords");
            return this;
        }

        /**
         * Lets the keys of an OpenSSH {@code authorized_keys} file log in, as any user. The file is read at the
         * start (a mistake fails it) and again whenever it changes.
         *
         * @param file the file
         * @return this builder
         */
        public Builder authorizedKeys(Path file) {
            this.authorizedKeys = Objects.requireNonNull(file, "authorizedKeys");
            return this;
        }

        /**
         * Lets the keys the callback accepts log in.
         *
         * @param authenticator decides for a user and a key
         * @return this builder
         */
        public Builder publicKeys(KeyAuthenticator authenticator) {
            this.publicKeys = Objects.requireNonNull(authenticator, "publicKeys");
            return this;
        }

        /**
         * Lets anyone in without authentication ({@code username()} is the name the client gives). Only for a
         * server on a trusted network, or behind another gate: nothing else protects it.
         *
         * @return this builder
         */
        public Builder allowAnonymous() {
            this.anonymous = true;
            return this;
        }

        /**
         * Returns the settings.
         *
         * @return the settings
         * @throws IllegalStateException if no handler or no host key was set
         */
        public SshServerConfig build() {
            if (handlerFactory == null) {
                throw new IllegalStateException("no handler: call handler(MyHandler::new) (expected: a factory of "
                        + "TelnetHandler instances, one per session)");
            }
            if (hostKey == null) {
                throw new IllegalStateException("no host key: call hostKey(Path.of(\"hostkey\")) (expected: a file "
                        + "that holds the server's private key, or where a new one is saved)");
            }
            return new SshServerConfig(this);
        }

        /**
         * Starts an SSH server with these settings on the runtime found on the class path (see
         * {@link #runtime(String)}). The handler class is registered first, the host key read or generated, the
         * authorized-keys file read: a mistake in any fails here.
         *
         * @return the running server
         * @throws IOException if the port cannot be bound, or the host key or authorized-keys file cannot be used
         * @throws IllegalStateException if no way to log in is set, or no runtime is on the class path
         * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
         */
        public SshServer start() throws IOException {
            return SshServer.start(build());
        }

        private static int checkRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
            }
            return value;
        }
    }
}
