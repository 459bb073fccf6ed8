package io.github.telnetsrv;

import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.IOException;
import java.util.ServiceLoader;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;

/**
 * The settings of a {@link TelnetServer}: the settings every server has ({@link ServerConfig}: what to serve,
 * where, its limits and those of each session) and Telnet's own, TLS. Immutable; made with {@link #builder()} (or
 * {@link TelnetServer#builder()}).
 */
public final class TelnetServerConfig extends ServerConfig {

    private final SSLContext sslContext;
    private final ServerSocketFactory serverSocketFactory;

    private TelnetServerConfig(Builder b) {
        super(b);
        this.sslContext = b.sslContext;
        this.serverSocketFactory = b.serverSocketFactory;
    }

    /**
     * A builder holding the defaults (port 8023); a handler factory must be set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
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

    @Override
    public String toString() {
        return "TelnetServerConfig[" + describe() + ", tls=" + (sslContext != null) + "]";
    }

    /** Builds a {@link TelnetServerConfig}; not thread-safe. Every setter checks its argument at once. */
    public static final class Builder extends ServerConfig.Builder<Builder> {
        private SSLContext sslContext;
        private ServerSocketFactory serverSocketFactory;

        private Builder() {
            super(8023);
        }

        @Override
        protected Builder self() {
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
         * Returns the settings.
         *
         * @return the settings
         * @throws IllegalStateException if no handler factory was set
         */
        @Override
        public TelnetServerConfig build() {
            checkHandler();
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
    }
}
