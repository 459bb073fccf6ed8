package io.github.telnetsrv.ssh;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.ServerConfig;
import io.github.telnetsrv.SessionConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of an {@link SshServer}: the settings every server has ({@link ServerConfig}: the handler, where to
 * listen, the limits, the session settings, set with the same names as on a Telnet server's builder), plus the
 * host key, the ways users log in and the channels one connection may open. Immutable; made by {@link #builder()}.
 *
 * <pre>{@code
 * SshServer ssh = SshServerConfig.builder()
 *         .handler(MyHandler::new)
 *         .port(2222)
 *         .hostKey(Path.of("hostkey"))                  // generated on the first start, then reused
 *         .passwords((user, password) -> ...)           // default: the handler's authenticator()
 *         .authorizedKeysDirectory(Path.of("keys"))     // keys/alice: alice's authorized_keys
 *         .start();
 * }</pre>
 *
 * <p>Logins are the SSH layer's: a session over SSH shows no login prompt, and {@code username()} is the SSH user.
 * At least one way in must be set (passwords, keys, or {@link Builder#allowAnonymous()}); with none,
 * {@link Builder#start()} fails rather than start a server nobody can use.
 *
 * <p>Public keys are bound to users as OpenSSH binds them: an {@code authorized_keys} file per user
 * ({@link Builder#authorizedKeys(String, Path)}), or a directory of them named after the users
 * ({@link Builder#authorizedKeysDirectory(Path)}), besides a callback ({@link Builder#publicKeys}). Their lines'
 * options work as with OpenSSH: {@code from="..."} (addresses, CIDR blocks, {@code *}/{@code ?} wildcards,
 * {@code !} negation; host names are never looked up), {@code expiry-time="YYYYMMDD[HHMM[SS]]"},
 * {@code command="..."} (a forced command: every shell or exec request runs this command line instead, the
 * client's own exec line is in the environment as {@code SSH_ORIGINAL_COMMAND}), {@code no-pty}, {@code restrict}
 * (no PTY; forwarding is always refused) and {@code pty} after it, and the {@code no-*-forwarding}/{@code no-user-rc}
 * options, which change nothing here. A line with any other option fails the start, naming the file, the line and
 * the option.
 */
public final class SshServerConfig extends ServerConfig {

    private final int maxChannelsPerConnection;
    private final Path hostKey;
    private final Authenticator passwords;
    private final Path authorizedKeys;
    private final Map<String, Path> authorizedKeysByUser;
    private final Path authorizedKeysDirectory;
    private final KeyAuthenticator publicKeys;
    private final boolean anonymous;

    private SshServerConfig(Builder b) {
        super(b);
        this.maxChannelsPerConnection = b.maxChannelsPerConnection;
        this.hostKey = b.hostKey;
        this.passwords = b.passwords;
        this.authorizedKeys = b.authorizedKeys;
        this.authorizedKeysByUser = Collections.unmodifiableMap(new LinkedHashMap<>(b.authorizedKeysByUser));
        this.authorizedKeysDirectory = b.authorizedKeysDirectory;
        this.publicKeys = b.publicKeys;
        this.anonymous = b.anonymous;
    }

    /**
     * A builder holding the defaults (port 8022); a handler factory and a host key must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
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
     * login, counted from the connection; {@link SessionConfig#loginThrottle()},
     * {@link SessionConfig#maxLoginAttempts()} and {@link SessionConfig#loginFailureDelay()} apply to passwords;
     * {@link SessionConfig#writeTimeout()} drops a client that stops reading (its channel is closed, the
     * connection's other channels go on); a connection silent for a minute longer than
     * {@link SessionConfig#idleTimeout()} is closed by the SSH layer. The negotiation and handshake settings do not
     * apply.
     *
     * @return the session settings
     */
    @Override
    public SessionConfig session() {
        return super.session();
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
     * The OpenSSH {@code authorized_keys} file whose keys may log in as any user name, or {@code null}.
     *
     * @return the file, or {@code null}
     * @deprecated a file whose keys log in as any user is not what an {@code authorized_keys} file means to OpenSSH
     *     users; see {@link #authorizedKeysByUser()} and {@link #authorizedKeysDirectory()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Path authorizedKeys() {
        return authorizedKeys;
    }

    /**
     * The OpenSSH {@code authorized_keys} file of each user: its keys log in as that user only.
     *
     * @return the files by user name, in the order they were set; empty if none
     */
    public Map<String, Path> authorizedKeysByUser() {
        return authorizedKeysByUser;
    }

    /**
     * The directory of {@code authorized_keys} files named after their users ({@code <dir>/<user>}), or
     * {@code null}.
     *
     * @return the directory, or {@code null}
     */
    public Path authorizedKeysDirectory() {
        return authorizedKeysDirectory;
    }

    /**
     * What checks public keys besides the {@code authorized_keys} files, or {@code null}.
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
        return "SshServerConfig[" + describe() + ", hostKey=" + hostKey + ", passwords=" + (passwords != null)
                + ", authorizedKeys=" + authorizedKeys + ", authorizedKeysByUser=" + authorizedKeysByUser.keySet()
                + ", authorizedKeysDirectory=" + authorizedKeysDirectory + ", publicKeys=" + (publicKeys != null)
                + ", anonymous=" + anonymous + ", maxChannelsPerConnection=" + maxChannelsPerConnection + "]";
    }

    /** Builds {@link SshServerConfig}; not thread-safe. Every setter checks its argument at once. */
    public static final class Builder extends ServerConfig.Builder<Builder> {
        private int maxChannelsPerConnection = 4;
        private Path hostKey;
        private Authenticator passwords;
        private Path authorizedKeys;
        private final Map<String, Path> authorizedKeysByUser = new LinkedHashMap<>();
        private Path authorizedKeysDirectory;
        private KeyAuthenticator publicKeys;
        private boolean anonymous;

        private Builder() {
            super(8022);
        }

        @Override
        protected Builder self() {
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
         * Lets the keys of an OpenSSH {@code authorized_keys} file log in as {@code user}, and as no other user, as
         * OpenSSH's {@code ~user/.ssh/authorized_keys} does; call it once per user (a second call for the same user
         * replaces the file). Each line's options apply (see {@link SshServerConfig}). The file is read at the
         * start (a bad line, or an option this server does not support, fails it, naming the file, the line and
         * the option) and again whenever it changes (a line that has become bad is then skipped with a warning).
         *
         * @param user the user name the keys log in as (exactly as the client gives it)
         * @param file the file
         * @return this builder
         */
        public Builder authorizedKeys(String user, Path file) {
            Objects.requireNonNull(user, "user");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("authorizedKeys: an empty user name (expected: the name the keys "
                        + "log in as)");
            }
            authorizedKeysByUser.put(user, Objects.requireNonNull(file, "authorizedKeys file"));
            return this;
        }

        /**
         * Lets the keys of {@code <dir>/<user>}, an OpenSSH {@code authorized_keys} file, log in as {@code <user>},
         * and as no other user; each line's options apply (see {@link SshServerConfig}). The files there at the
         * start are read then (a bad line fails the start); files added later are read at their first login; each
         * is read again whenever it changes. A user name that could not be a file name of its own ({@code .} or
         * {@code -} first, a path separator, other characters than ASCII letters, digits and {@code . _ - @}, more
         * than 64 characters) has no file.
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder authorizedKeysDirectory(Path dir) {
            this.authorizedKeysDirectory = Objects.requireNonNull(dir, "authorizedKeysDirectory");
            return this;
        }

        /**
         * Lets the keys of an OpenSSH {@code authorized_keys} file log in as any user name the client gives, within
         * each line's options. The file is read at the start (a mistake fails it) and again whenever it changes.
         *
         * @param file the file
         * @return this builder
         * @deprecated an {@code authorized_keys} file belongs to one user for OpenSSH; a key of this file logs in as
         *     {@code root}, {@code admin} or anyone, which an application deciding by {@code username()} does not
         *     expect. Use {@link #authorizedKeys(String, Path)} or {@link #authorizedKeysDirectory(Path)}; the server
         *     logs a warning at the start while this is set.
         */
        @Deprecated(since = "0.1.0", forRemoval = true)
        public Builder authorizedKeys(Path file) {
            this.authorizedKeys = Objects.requireNonNull(file, "authorizedKeys");
            return this;
        }

        /**
         * Lets the keys the callback accepts log in (after the {@code authorized_keys} files, with no options).
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
        @Override
        public SshServerConfig build() {
            checkHandler();
            if (hostKey == null) {
                throw new IllegalStateException("no host key: call hostKey(Path.of(\"hostkey\")) (expected: a file "
                        + "that holds the server's private key, or where a new one is saved)");
            }
            return new SshServerConfig(this);
        }

        /**
         * Starts an SSH server with these settings on the runtime found on the class path (see
         * {@link #runtime(String)}). The handler class is registered first, the host key read or generated, the
         * authorized_keys files read: a mistake in any fails here.
         *
         * @return the running server
         * @throws IOException if the port cannot be bound, or the host key or an authorized_keys file cannot be used
         * @throws IllegalStateException if no way to log in is set, or no runtime is on the class path
         * @throws io.github.telnetsrv.CommandDeclarationException if the handler class declares a command wrongly
         */
        public SshServer start() throws IOException {
            return SshServer.start(build());
        }
    }
}
