package io.github.telnetsrv;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings every server has, whatever its transport: what it serves, where it listens, how many connections
 * it admits, and the settings of each session. {@link TelnetServerConfig} (Telnet, Telnet over TLS) and the SSH
 * module's {@code SshServerConfig} add their own; their builders share this one's setters, so a setting has the
 * same name on both. Immutable and thread-safe.
 *
 * <p>Admission counts connections: over Telnet each connection is one session; over SSH a connection may carry
 * several sessions (its shell and exec channels). A connection past a limit is refused with a line saying why.
 */
public abstract class ServerConfig {

    private final Supplier<? extends TelnetHandler> handlerFactory;
    private final InetAddress bindAddress;
    private final int port;
    private final int backlog;
    private final int maxSessions;
    private final int maxSessionsPerAddress;
    private final int maxUnauthenticated;
    private final SessionConfig session;
    private final String threadNamePrefix;
    private final String runtime;

    /**
     * The settings a builder holds.
     *
     * @param builder the builder, whose {@link Builder#checkHandler()} has passed
     */
    protected ServerConfig(Builder<?> builder) {
        this.handlerFactory = builder.handlerFactory;
        this.bindAddress = builder.bindAddress;
        this.port = builder.port;
        this.backlog = builder.backlog;
        this.maxSessions = builder.maxSessions;
        this.maxSessionsPerAddress = builder.maxSessionsPerAddress;
        this.maxUnauthenticated = builder.maxUnauthenticated == 0 ? builder.maxSessions : builder.maxUnauthenticated;
        this.session = builder.session.build();
        this.threadNamePrefix = builder.threadNamePrefix;
        this.runtime = builder.runtime;
    }

    /**
     * Makes a new handler for each session.
     *
     * @return the factory
     */
    public final Supplier<? extends TelnetHandler> handlerFactory() {
        return handlerFactory;
    }

    /**
     * The address to listen on (default: the loopback address).
     *
     * @return the address
     */
    public final InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * The port to listen on; 0 for an ephemeral port.
     *
     * @return the port
     */
    public final int port() {
        return port;
    }

    /**
     * The listen backlog: connections the system queues before the server accepts them (default 128).
     *
     * @return the backlog
     */
    public final int backlog() {
        return backlog;
    }

    /**
     * How many connections may be open at once, logged in or not (default 1000).
     *
     * @return the limit
     */
    public final int maxSessions() {
        return maxSessions;
    }

    /**
     * How many connections one remote address may have open at once (default 256).
     *
     * @return the limit
     */
    public final int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    /**
     * How many connections may be open at once before they have logged in (default: {@link #maxSessions()}, no
     * bound of its own). A Telnet connection counts from its accept until its first prompt (its login, when the
     * handler asks one, and {@code sessionStart()} done); an SSH connection from its accept until the SSH layer
     * has authenticated it.
     *
     * @return the limit
     */
    public final int maxUnauthenticated() {
        return maxUnauthenticated;
    }

    /**
     * The settings of each session: timeouts, login limits, line length, charset, output bounds.
     *
     * @return the session settings
     */
    public SessionConfig session() {
        return session;
    }

    /**
     * The prefix of the names of the server's threads (default {@code "telnetsrv-"}).
     *
     * @return the prefix
     */
    public final String threadNamePrefix() {
        return threadNamePrefix;
    }

    /**
     * The runtime asked for by name, or {@code null} for the best one on the class path.
     *
     * @return the runtime's name, or {@code null}
     */
    public final String runtime() {
        return runtime;
    }

    /**
     * These settings for {@code toString()}: {@code bind=HOST:PORT, backlog=..., ...}.
     *
     * @return the settings, comma-separated
     */
    protected final String describe() {
        return "bind=" + bindAddress.getHostAddress() + ":" + port + ", backlog=" + backlog + ", maxSessions="
                + maxSessions + ", maxSessionsPerAddress=" + maxSessionsPerAddress + ", maxUnauthenticated="
                + maxUnauthenticated + ", threadNamePrefix=" + threadNamePrefix + ", runtime=" + runtime + ", "
                + session;
    }

    /**
     * The setters every server's builder has; not thread-safe. Every setter checks its argument at once. Each
     * setting of {@link SessionConfig} has a setter of the same name here, and {@link #session(SessionConfig)} sets
     * them all at once.
     *
     * @param <B> the builder's own type, which every setter returns
     */
    public abstract static class Builder<B extends Builder<B>> {
        private Supplier<? extends TelnetHandler> handlerFactory;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private int backlog = 128;
        private int maxSessions = 1000;
        private int maxSessionsPerAddress = 256;
        /** 0: as many as {@link #maxSessions}. */
        private int maxUnauthenticated;
        private SessionConfig.Builder session = SessionConfig.builder();
        private String threadNamePrefix = "telnetsrv-";
        private String runtime;

        /**
         * A builder holding the defaults.
         *
         * @param defaultPort the transport's port when none is set
         */
        protected Builder(int defaultPort) {
            this.port = checkRange("port", defaultPort, 0, 65535);
        }

        /**
         * This builder, as its own type.
         *
         * @return {@code this}
         */
        protected abstract B self();

        /**
         * Returns the settings.
         *
         * @return the settings
         * @throws IllegalStateException if a required setting is missing
         */
        public abstract ServerConfig build();

        /**
         * Sets what serves each session: called once per session, it must return a new handler.
         *
         * @param factory for example {@code MyHandler::new}
         * @return this builder
         */
        public final B handler(Supplier<? extends TelnetHandler> factory) {
            this.handlerFactory = Objects.requireNonNull(factory, "handler factory");
            return self();
        }

        /**
         * Sets the address to listen on (default: loopback).
         *
         * @param address the address to listen on
         * @return this builder
         */
        public final B bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return self();
        }

        /**
         * Sets the address to listen on by name or literal, for example {@code "0.0.0.0"}.
         *
         * @param address a host name or an IP address literal
         * @return this builder
         * @throws IllegalArgumentException if the name cannot be resolved
         */
        public final B bindAddress(String address) {
            Objects.requireNonNull(address, "bindAddress");
            try {
                this.bindAddress = InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bindAddress: " + address + " (expected: a host name or an IP "
                        + "address)", e);
            }
            return self();
        }

        /**
         * Sets the port (0 for an ephemeral port; the server then tells the one bound).
         *
         * @param port the port, 0 for an ephemeral one
         * @return this builder
         */
        public final B port(int port) {
            this.port = checkRange("port", port, 0, 65535);
            return self();
        }

        /**
         * Sets the listen backlog (default 128; 1..65535).
         *
         * @param backlog the listen backlog
         * @return this builder
         */
        public final B backlog(int backlog) {
            this.backlog = checkRange("backlog", backlog, 1, 65535);
            return self();
        }

        /**
         * Sets how many connections may be open at once, logged in or not (default 1000; 1..1000000).
         *
         * @param maxSessions the limit
         * @return this builder
         */
        public final B maxSessions(int maxSessions) {
            this.maxSessions = checkRange("maxSessions", maxSessions, 1, 1_000_000);
            return self();
        }

        /**
         * Sets how many connections one remote address may have open at once (default 256; 1..1000000).
         *
         * @param maxSessions the limit
         * @return this builder
         */
        public final B maxSessionsPerAddress(int maxSessions) {
            this.maxSessionsPerAddress = checkRange("maxSessionsPerAddress", maxSessions, 1, 1_000_000);
            return self();
        }

        /**
         * Sets how many connections may be open at once before they have logged in (default: as many as
         * {@link #maxSessions(int)}; 1..1000000). See {@link ServerConfig#maxUnauthenticated()}.
         *
         * @param maxConnections the limit
         * @return this builder
         */
        public final B maxUnauthenticated(int maxConnections) {
            this.maxUnauthenticated = checkRange("maxUnauthenticated", maxConnections, 1, 1_000_000);
            return self();
        }

        /**
         * Replaces every session setting at once.
         *
         * @param config the session settings
         * @return this builder
         */
        public final B session(SessionConfig config) {
            this.session = Objects.requireNonNull(config, "session").toBuilder();
            return self();
        }

        /**
         * Sets how long a session may wait for a line without input (default 30 min; {@link Duration#ZERO} for
         * never); see {@link SessionConfig#idleTimeout()}.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public final B idleTimeout(Duration timeout) {
            session.idleTimeout(timeout);
            return self();
        }

        /**
         * Sets the login deadline, counted from the connection (default 60 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public final B loginTimeout(Duration timeout) {
            session.loginTimeout(timeout);
            return self();
        }

        /**
         * Sets the deadline of the transport's handshake (the TLS handshake), counted from the connection
         * (default 10 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public final B handshakeTimeout(Duration timeout) {
            session.handshakeTimeout(timeout);
            return self();
        }

        /**
         * Sets the login-failure budget per remote address (default: one per server). Share one instance between
         * servers (a Telnet and an SSH server, say) to count their failures together.
         *
         * @param throttle the throttle
         * @return this builder
         */
        public final B loginThrottle(LoginThrottle throttle) {
            session.loginThrottle(throttle);
            return self();
        }

        /**
         * Sets how many failed logins end a session (default 3).
         *
         * @param attempts the number of attempts
         * @return this builder
         */
        public final B maxLoginAttempts(int attempts) {
            session.maxLoginAttempts(attempts);
            return self();
        }

        /**
         * Sets the delay after the first failed login, doubled after each further one up to eight times
         * (default 1 s).
         *
         * @param delay the delay
         * @return this builder
         */
        public final B loginFailureDelay(Duration delay) {
            session.loginFailureDelay(delay);
            return self();
        }

        /**
         * Sets the wait for a client's answer to the opening negotiation (default 2 s).
         *
         * @param wait the longest wait
         * @return this builder
         */
        public final B negotiationWait(Duration wait) {
            session.negotiationWait(wait);
            return self();
        }

        /**
         * Sets the longest input line (default 4096 characters).
         *
         * @param length the length, in characters
         * @return this builder
         */
        public final B maxLineLength(int length) {
            session.maxLineLength(length);
            return self();
        }

        /**
         * Sets the longest command line, continuation lines included (default 16384 characters).
         *
         * @param length the length, in characters
         * @return this builder
         */
        public final B maxCommandLength(int length) {
            session.maxCommandLength(length);
            return self();
        }

        /**
         * Sets the character set of the sessions' text (default UTF-8).
         *
         * @param charset the character set
         * @return this builder
         */
        public final B charset(Charset charset) {
            session.charset(charset);
            return self();
        }

        /**
         * Sets how long a write to a client that stopped reading may block before the client is dropped
         * (default 30 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public final B writeTimeout(Duration timeout) {
            session.writeTimeout(timeout);
            return self();
        }

        /**
         * Sets how many lines the command history keeps (default 100).
         *
         * @param size the number of lines
         * @return this builder
         */
        public final B historySize(int size) {
            session.historySize(size);
            return self();
        }

        /**
         * Sets how long a lone ESC waits for the rest of an escape sequence (default 100 ms).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public final B escapeTimeout(Duration timeout) {
            session.escapeTimeout(timeout);
            return self();
        }

        /**
         * Sets how many bytes of output may wait for a slow client (default 256 KiB); see
         * {@link SessionConfig#maxPendingOutput()}.
         *
         * @param bytes the bound, in bytes
         * @return this builder
         */
        public final B maxPendingOutput(int bytes) {
            session.maxPendingOutput(bytes);
            return self();
        }

        /**
         * Sets the prefix of the server's thread names (default {@code "telnetsrv-"}).
         *
         * @param prefix the prefix
         * @return this builder
         */
        public final B threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix, "threadNamePrefix");
            return self();
        }

        /**
         * Asks for a runtime by name ({@code "virtual"} or {@code "threaded"}) instead of the one with the highest
         * priority on the class path.
         *
         * @param name the runtime's name, or {@code null} for the best one
         * @return this builder
         */
        public final B runtime(String name) {
            this.runtime = name;
            return self();
        }

        /**
         * Checks that a handler factory was set; {@link #build()} calls it first.
         *
         * @throws IllegalStateException if none was
         */
        protected final void checkHandler() {
            if (handlerFactory == null) {
                throw new IllegalStateException("no handler: call handler(MyHandler::new) (expected: a factory of "
                        + "TelnetHandler instances, one per session)");
            }
        }

        /**
         * Checks a setting's range.
         *
         * @param name the setting, for the message
         * @param value its value
         * @param min the least allowed
         * @param max the most allowed
         * @return {@code value}
         * @throws IllegalArgumentException naming the setting and its range, if {@code value} is out of it
         */
        protected static int checkRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
            }
            return value;
        }
    }
}
