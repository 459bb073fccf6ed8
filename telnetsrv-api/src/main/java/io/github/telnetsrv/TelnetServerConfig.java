package io.github.telnetsrv;

import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;

/**
 * The settings of a {@link TelnetServer}: what to serve, where, and the limits of each session. Immutable; made
 * with {@link #builder()} (or {@link TelnetServer#builder()}).
 */
public final class TelnetServerConfig {

    private final Supplier<? extends TelnetHandler> handlerFactory;
    private final InetAddress bindAddress;
    private final int port;
    private final int backlog;
    private final int maxSessions;
    private final int maxSessionsPerAddress;
    private final SessionConfig session;
    private final SSLContext sslContext;
    private final ServerSocketFactory serverSocketFactory;
    private final String threadNamePrefix;
    private final String runtime;

    private TelnetServerConfig(Builder b) {
        this.handlerFactory = b.handlerFactory;
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.backlog = b.backlog;
        this.maxSessions = b.maxSessions;
        this.maxSessionsPerAddress = b.maxSessionsPerAddress;
        this.session = b.session.build();
        this.sslContext = b.sslContext;
        this.serverSocketFactory = b.serverSocketFactory;
        this.threadNamePrefix = b.threadNamePrefix;
        this.runtime = b.runtime;
    }

    /**
     * A builder holding the defaults; a handler factory must be set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a new handler for each connection.
     *
     * @return creates a new handler for each connection
     */
    public Supplier<? extends TelnetHandler> handlerFactory() {
        return handlerFactory;
    }

    /**
     * The address to listen on (default: the loopback address).
     *
     * @return the address to listen on (default: the loopback address)
     */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * The port to listen on; 0 for an ephemeral port (default 8023).
     *
     * @return the port to listen on; 0 for an ephemeral port (default 8023)
     */
    public int port() {
        return port;
    }

    /**
     * The listen backlog (default 128).
     *
     * @return the listen backlog (default 128)
     */
    public int backlog() {
        return backlog;
    }

    /**
     * How many sessions may be open at once; beyond it a connection gets a polite line and is closed.
     *
     * @return how many sessions may be open at once; beyond it a connection gets a polite line and is closed
     */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * How many sessions one remote address may have open at once; beyond it a connection from that address gets
     * a polite line and is closed.
     *
     * @return the per-address bound
     */
    public int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    /**
     * The settings of each session: timeouts, login limits, line length, charset, output bounds.
     *
     * @return the settings of each session: timeouts, login limits, line length, charset, output bounds
     */
    public SessionConfig session() {
        return session;
    }

    /**
     * The TLS context for Telnet over TLS, or {@code null} for plain Telnet.
     *
     * @return the TLS context for Telnet over TLS, or {@code null} for plain Telnet
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    /**
     * A factory for the listening socket, or {@code null} for the default (or the TLS context's).
     *
     * @return a factory for the listening socket, or {@code null} for the default (or the TLS context's)
     */
    public ServerSocketFactory serverSocketFactory() {
        return serverSocketFactory;
    }

    /**
     * The prefix of the names of the server's threads (default {@code "telnetsrv-"}).
     *
     * @return the prefix of the names of the server's threads (default {@code "telnetsrv-"})
     */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    /**
     * The runtime asked for by name, or {@code null} for the best one on the class path.
     *
     * @return the runtime asked for by name, or {@code null} for the best one on the class path
     */
    public String runtime() {
        return runtime;
    }

    @Override
    public String toString() {
        return "TelnetServerConfig[bind=" + bindAddress.getHostAddress() + ":" + port + ", backlog=" + backlog
                + ", maxSessions=" + maxSessions + ", maxSessionsPerAddress=" + maxSessionsPerAddress + ", tls=" + (sslContext != null) + ", threadNamePrefix="
                + threadNamePrefix + ", runtime=" + runtime + ", " + session + "]";
    }

    /** Builds a {@link TelnetServerConfig}; not thread-safe. Every setter checks its argument at once. */
    public static final class Builder {
        private Supplier<? extends TelnetHandler> handlerFactory;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 8023;
        private int backlog = 128;
        private int maxSessions = 1000;
        private int maxSessionsPerAddress = 256;
        private SessionConfig.Builder session = SessionConfig.builder();
        private SSLContext sslContext;
        private ServerSocketFactory serverSocketFactory;
        private String threadNamePrefix = "telnetsrv-";
        private String runtime;

        private Builder() {
        }

        /**
         * Sets what serves each connection: called once per accepted connection, it must return a new handler.
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
         * @param address the address to listen on
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
         * Sets the port (default 8023; 0 for an ephemeral port, see {@link TelnetServer#port()}).
         *
         * @param port the port, 0 for an ephemeral one
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
         * Sets how many sessions may be open at once (default 1000; 1..1000000).
         *
         * @param maxSessions the most sessions open at once
         * @return this builder
         */
        public Builder maxSessions(int maxSessions) {
            this.maxSessions = checkRange("maxSessions", maxSessions, 1, 1_000_000);
            return this;
        }

        /**
         * Sets how many sessions one remote address may have open at once (default 256; 1..1000000).
         *
         * @param maxSessions the most sessions from one address
         * @return this builder
         */
        public Builder maxSessionsPerAddress(int maxSessions) {
            this.maxSessionsPerAddress = checkRange("maxSessionsPerAddress", maxSessions, 1, 1_000_000);
            return this;
        }

        /**
         * Replaces every session setting at once.
         *
         * @param config the session settings
         * @return this builder
         */
        public Builder session(SessionConfig config) {
            this.session = Objects.requireNonNull(config, "session").toBuilder();
            return this;
        }

        /**
         * Sets how long a session may go without input (default 30 min; {@link Duration#ZERO} for never).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            session.idleTimeout(timeout);
            return this;
        }

        /**
         * Sets the login deadline (default 60 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder loginTimeout(Duration timeout) {
            session.loginTimeout(timeout);
            return this;
        }

        /**
         * Sets the deadline of the TLS handshake, counted from the connection (default 10 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            session.handshakeTimeout(timeout);
            return this;
        }

        /**
         * Sets the login-failure budget per remote address (default: one per server). Share one instance between
         * servers to count their failures together.
         *
         * @param throttle the throttle
         * @return this builder
         */
        public Builder loginThrottle(LoginThrottle throttle) {
            session.loginThrottle(throttle);
            return this;
        }

        /**
         * Sets the longest command line, continuation lines included (default 16384 characters).
         *
         * @param length the length, in characters
         * @return this builder
         */
        public Builder maxCommandLength(int length) {
            session.maxCommandLength(length);
            return this;
        }

        /**
         * Sets how many failed logins end a session (default 3).
         *
         * @param attempts the number of attempts
         * @return this builder
         */
        public Builder maxLoginAttempts(int attempts) {
            session.maxLoginAttempts(attempts);
            return this;
        }

        /**
         * Sets the wait for a client's answer to the opening negotiation (default 2 s).
         *
         * @param wait the longest wait
         * @return this builder
         */
        public Builder negotiationWait(Duration wait) {
            session.negotiationWait(wait);
            return this;
        }

        /**
         * Sets the longest input line (default 4096 characters).
         *
         * @param length the length, in characters
         * @return this builder
         */
        public Builder maxLineLength(int length) {
            session.maxLineLength(length);
            return this;
        }

        /**
         * Sets the character set of the sessions' text (default UTF-8).
         *
         * @param charset the character set
         * @return this builder
         */
        public Builder charset(Charset charset) {
            session.charset(charset);
            return this;
        }

        /**
         * Sets how long a write to a client that stopped reading may block before it is dropped (default 30 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            session.writeTimeout(timeout);
            return this;
        }

        /**
         * Serves Telnet over TLS with this context (default: plain Telnet).
         *
         * @param context the TLS context, or {@code null} for plain Telnet
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * Sets the factory of the listening socket (it takes precedence over {@link #sslContext}).
         *
         * @param factory the factory, or {@code null} for the default
         * @return this builder
         */
        public Builder serverSocketFactory(ServerSocketFactory factory) {
            this.serverSocketFactory = factory;
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
         * Asks for a runtime by name ({@code "virtual"} or {@code "threaded"}) instead of the best one on the class
         * path.
         *
         * @param name the runtime's name, or {@code null} for the best one
         * @return this builder
         */
        public Builder runtime(String name) {
            this.runtime = name;
            return this;
        }

        /**
         * Returns the settings.
         *
         * @return the settings
         * @throws IllegalStateException if no handler factory was set
         */
        public TelnetServerConfig build() {
            if (handlerFactory == null) {
                throw new IllegalStateException("no handler: call handler(MyHandler::new) (expected: a factory of "
                        + "TelnetHandler instances, one per connection)");
            }
            return new TelnetServerConfig(this);
        }

        /**
         * Starts a server with these settings on the runtime found on the class path through
         * {@link ServiceLoader} (the one named with {@link #runtime(String)}, else the one with the highest
         * priority: virtual threads before platform threads).
         *
         * <p>The handler class is registered first (one handler is made to learn its class; it never serves): a
         * wrongly declared command fails the start here, with a message naming the method, rather than ending
         * every session later.
         *
         * @return the running server
         * @throws IOException if the port cannot be bound
         * @throws IllegalStateException if no runtime (or not the one named) is on the class path
         * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command
         *     wrongly, or its commands cannot be called (under JPMS: its package is not opened to the library)
         */
        public TelnetServer start() throws IOException {
            TelnetServerConfig config = build();
            return TelnetRuntime.find(config.runtime()).start(config);
        }

        private static int checkRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
            }
            return value;
        }
    }
}
