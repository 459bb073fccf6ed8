package io.github.telnetsrv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one Telnet session: deadlines, limits and the character set. Immutable and thread-safe;
 * one instance is typically shared by every session of a server.
 *
 * <p>Every deadline is absolute for the phase it covers: a client that sends one byte a minute does not
 * extend the negotiation wait or the login deadline. The idle timeout applies while the session waits for a
 * line (at the prompt or in a command's {@code readLine}); it counts from the last byte received or the start of
 * that line, whichever is later, so a long-running command is never idle.
 */
public final class SessionConfig {

    private static final SessionConfig DEFAULTS = builder().build();

    private final Duration negotiationWait;
    private final Duration loginTimeout;
    private final int maxLoginAttempts;
    private final Duration loginFailureDelay;
    private final Duration idleTimeout;
    private final int maxLineLength;
    private final int historySize;
    private final Charset charset;
    private final Duration escapeTimeout;
    private final Duration writeTimeout;
    private final int maxPendingOutput;
    private final int maxCommandLength;
    private final Duration handshakeTimeout;
    private final LoginThrottle loginThrottle;

    private SessionConfig(Builder b) {
        this.negotiationWait = b.negotiationWait;
        this.loginTimeout = b.loginTimeout;
        this.maxLoginAttempts = b.maxLoginAttempts;
        this.loginFailureDelay = b.loginFailureDelay;
        this.idleTimeout = b.idleTimeout;
        this.maxLineLength = b.maxLineLength;
        this.historySize = b.historySize;
        this.charset = b.charset;
        this.escapeTimeout = b.escapeTimeout;
        this.writeTimeout = b.writeTimeout;
        this.maxPendingOutput = b.maxPendingOutput;
        this.maxCommandLength = b.maxCommandLength;
        this.handshakeTimeout = b.handshakeTimeout;
        this.loginThrottle = b.loginThrottle != null ? b.loginThrottle : LoginThrottle.create();
    }

    /**
     * Returns the default settings (see {@link Builder} for each value).
     *
     * @return the default settings
     */
    public static SessionConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder holding the default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.negotiationWait = negotiationWait;
        b.loginTimeout = loginTimeout;
        b.maxLoginAttempts = maxLoginAttempts;
        b.loginFailureDelay = loginFailureDelay;
        b.idleTimeout = idleTimeout;
        b.maxLineLength = maxLineLength;
        b.historySize = historySize;
        b.charset = charset;
        b.escapeTimeout = escapeTimeout;
        b.writeTimeout = writeTimeout;
        b.maxPendingOutput = maxPendingOutput;
        b.maxCommandLength = maxCommandLength;
        b.handshakeTimeout = handshakeTimeout;
        b.loginThrottle = loginThrottle;
        return b;
    }

    /**
     * How long the session waits for the client to answer its opening negotiation.
     *
     * @return how long the session waits for the client to answer its opening negotiation
     */
    public Duration negotiationWait() {
        return negotiationWait;
    }

    /**
     * The absolute deadline for logging in, counted from the connection: the TLS handshake, the opening
     * negotiation, the banner and every attempt must fit in it. A session that has not logged in by then is cut
     * ({@code "Login timed out"}, or at once if it is stuck before the login prompt).
     *
     * @return the login deadline
     */
    public Duration loginTimeout() {
        return loginTimeout;
    }

    /**
     * How many failed logins end the session.
     *
     * @return how many failed logins end the session
     */
    public int maxLoginAttempts() {
        return maxLoginAttempts;
    }

    /**
     * The delay after the first failed login; it doubles after each further failure (those from the same address on
     * other connections count too), up to eight times this delay.
     *
     * @return the delay after the first failed login
     */
    public Duration loginFailureDelay() {
        return loginFailureDelay;
    }

    /**
     * How long a session waiting for a line may go without input before it is closed ({@code "Idle timeout"});
     * {@link Duration#ZERO} for never. It takes effect as soon as it has passed.
     *
     * @return the idle timeout
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The longest line, in characters, the editor accepts. It also bounds the input queued while no line is read
     * (type-ahead while a command runs): past this many characters and a little more, the session stops reading
     * its connection until a line takes input from the queue; nothing is dropped.
     *
     * @return the longest line, in characters, the editor accepts
     */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * How many lines the command history keeps.
     *
     * @return how many lines the command history keeps
     */
    public int historySize() {
        return historySize;
    }

    /**
     * The character set of the session's text, both ways.
     *
     * @return the character set of the session's text, both ways
     */
    public Charset charset() {
        return charset;
    }

    /**
     * How long a lone ESC waits for the rest of an escape sequence before it is dropped.
     *
     * @return how long a lone ESC waits for the rest of an escape sequence before it is dropped
     */
    public Duration escapeTimeout() {
        return escapeTimeout;
    }

    /**
     * How long a write to the client may stay blocked (the client stopped reading) before the session is
     * dropped.
     *
     * @return the write timeout
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * How many bytes of output may wait for a slow client; past it, the session's own threads producing output (its
     * commands) wait (at most the write timeout) for the client to catch up. Other threads never wait (a broadcast,
     * {@code TelnetSession.message}, an SSH window change): their output is written by a task of the session, and a
     * client with more than this much of it pending behind a write in progress is dropped as one that stopped
     * reading.
     *
     * @return the bound, in bytes
     */
    public int maxPendingOutput() {
        return maxPendingOutput;
    }

    /**
     * The longest command line, in characters, counting every continuation line and the line ends that join
     * them. Past it the command is dropped with one error line and the session goes on.
     *
     * @return the bound, in characters
     */
    public int maxCommandLength() {
        return maxCommandLength;
    }

    /**
     * The absolute deadline for a transport's handshake (the TLS handshake), counted from the connection.
     *
     * @return the handshake deadline
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * The login-failure budget per remote address, shared by every session using these settings.
     *
     * @return the throttle
     */
    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    @Override
    public String toString() {
        return "SessionConfig[negotiationWait=" + negotiationWait + ", loginTimeout=" + loginTimeout
                + ", maxLoginAttempts=" + maxLoginAttempts + ", loginFailureDelay=" + loginFailureDelay
                + ", idleTimeout=" + idleTimeout + ", maxLineLength=" + maxLineLength
                + ", historySize=" + historySize + ", charset=" + charset + ", escapeTimeout=" + escapeTimeout
                + ", writeTimeout=" + writeTimeout + ", maxPendingOutput=" + maxPendingOutput
                + ", maxCommandLength=" + maxCommandLength + ", handshakeTimeout=" + handshakeTimeout
                + ", " + loginThrottle + "]";
    }

    /** Builds a {@link SessionConfig}; not thread-safe. Every setter checks its argument at once. */
    public static final class Builder {
        private Duration negotiationWait = Duration.ofSeconds(2);
        private Duration loginTimeout = Duration.ofSeconds(60);
        private int maxLoginAttempts = 3;
        private Duration loginFailureDelay = Duration.ofSeconds(1);
        private Duration idleTimeout = Duration.ofMinutes(30);
        private int maxLineLength = 4096;
        private int historySize = 100;
        private Charset charset = StandardCharsets.UTF_8;
        private Duration escapeTimeout = Duration.ofMillis(100);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private int maxPendingOutput = 256 * 1024;
        private int maxCommandLength = 16 * 1024;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private LoginThrottle loginThrottle;

        private Builder() {
        }

        /**
         * Sets the wait for the opening negotiation (default 2 s; at most 60 s).
         *
         * @param wait the longest wait
         * @return this builder
         */
        public Builder negotiationWait(Duration wait) {
            this.negotiationWait = checkDuration("negotiationWait", wait, Duration.ofSeconds(60));
            return this;
        }

        /**
         * Sets the login deadline, counted from the connection (default 60 s; 1 ms..1 day).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder loginTimeout(Duration timeout) {
            this.loginTimeout = checkPositive("loginTimeout", timeout, Duration.ofDays(1));
            return this;
        }

        /**
         * Sets the deadline of a transport's handshake, counted from the connection (default 10 s; 1 ms..10 min).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = checkPositive("handshakeTimeout", timeout, Duration.ofMinutes(10));
            return this;
        }

        /**
         * Sets the longest command line, continuation lines included (default 16384; 16..16777216).
         *
         * @param length the length, in characters
         * @return this builder
         */
        public Builder maxCommandLength(int length) {
            this.maxCommandLength = checkRange("maxCommandLength", length, 16, 1 << 24);
            return this;
        }

        /**
         * Sets the login-failure budget per remote address (default: a new {@link LoginThrottle#create()} for each
         * {@link #build()}, shared by the sessions of that configuration).
         *
         * @param throttle the throttle
         * @return this builder
         */
        public Builder loginThrottle(LoginThrottle throttle) {
            this.loginThrottle = Objects.requireNonNull(throttle, "loginThrottle");
            return this;
        }

        /**
         * Sets how many failed logins end the session (default 3; 1..100).
         *
         * @param attempts the number of attempts
         * @return this builder
         */
        public Builder maxLoginAttempts(int attempts) {
            this.maxLoginAttempts = checkRange("maxLoginAttempts", attempts, 1, 100);
            return this;
        }

        /**
         * Sets the delay after the first failed login, doubled after each further one up to eight times (default 1 s;
         * at most 60 s).
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder loginFailureDelay(Duration delay) {
            this.loginFailureDelay = checkDuration("loginFailureDelay", delay, Duration.ofSeconds(60));
            return this;
        }

        /**
         * Sets the idle timeout (default 30 min; {@link Duration#ZERO} for none).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = checkDuration("idleTimeout", timeout, Duration.ofDays(365));
            return this;
        }

        /**
         * Sets the longest line accepted (default 4096; 16..1048576).
         *
         * @param length the length, in characters
         * @return this builder
         */
        public Builder maxLineLength(int length) {
            this.maxLineLength = checkRange("maxLineLength", length, 16, 1 << 20);
            return this;
        }

        /**
         * Sets the history size (default 100; 0..100000).
         *
         * @param size the number of lines
         * @return this builder
         */
        public Builder historySize(int size) {
            this.historySize = checkRange("historySize", size, 0, 100_000);
            return this;
        }

        /**
         * Sets the character set (default UTF-8).
         *
         * @param charset the character set
         * @return this builder
         */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /**
         * Sets how long a lone ESC waits for the rest of a sequence (default 100 ms; 1 ms..5 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder escapeTimeout(Duration timeout) {
            this.escapeTimeout = checkPositive("escapeTimeout", timeout, Duration.ofSeconds(5));
            return this;
        }

        /**
         * Sets how long a blocked write may last before the client is dropped (default 30 s; 1 ms..1 h).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = checkPositive("writeTimeout", timeout, Duration.ofHours(1));
            return this;
        }

        /**
         * Sets the bound on output waiting for a slow client (default 256 KiB; 1 KiB..64 MiB).
         *
         * @param bytes the number of bytes
         * @return this builder
         */
        public Builder maxPendingOutput(int bytes) {
            this.maxPendingOutput = checkRange("maxPendingOutput", bytes, 1024, 64 << 20);
            return this;
        }

        /**
         * Returns the settings.
         *
         * @return the settings
         */
        public SessionConfig build() {
            return new SessionConfig(this);
        }

        private static Duration checkDuration(String name, Duration d, Duration max) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: 0.." + max + ")");
            }
            return d;
        }

        private static Duration checkPositive(String name, Duration d, Duration max) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: 1ms.." + max + ")");
            }
            return d;
        }

        private static int checkRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
            }
            return value;
        }
    }
}
