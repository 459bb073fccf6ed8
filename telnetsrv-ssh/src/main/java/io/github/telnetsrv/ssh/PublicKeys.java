package io.github.telnetsrv.ssh;

import io.github.telnetsrv.spi.ClientText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's public-key logins, bound to users as OpenSSH binds them: the keys of the file set for a user
 * ({@link SshServerConfig.Builder#authorizedKeys(String, Path)}) or of {@code <dir>/<user>}
 * ({@link SshServerConfig.Builder#authorizedKeysDirectory(Path)}) log in as that user only, within their line's
 * options ({@link KeyOptions}: {@code from=} and {@code expiry-time=} are checked here, the rest is kept on the
 * connection for its channels); then the callback decides. The first line of a file that holds the key and whose
 * options let it in wins, as with OpenSSH. Files are read again when they change. Thread-safe; called on an SSH I/O
 * thread (or the thread that answered the connection's previous request).
 */
final class PublicKeys implements PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PublicKeys.class);

    private final Map<String, AuthorizedKeysFile> byUser;
    private final KeyDirectory directory;
    private final AuthorizedKeysFile anyUser;
    private final KeyAuthenticator callback;

    private PublicKeys(Map<String, AuthorizedKeysFile> byUser, KeyDirectory directory, AuthorizedKeysFile anyUser,
            KeyAuthenticator callback) {
        this.byUser = Map.copyOf(byUser);
        this.directory = directory;
        this.anyUser = anyUser;
        this.callback = callback;
    }

    /**
     * The public-key check: the authorized-keys files (read now, so that a mistake fails the start), then the
     * callback.
     *
     * @param config the settings
     * @return the check, or {@code null} when no key source is set
     * @throws IOException if a file cannot be read or has a line that is not a usable key with supported options
     */
    @SuppressWarnings("removal") // the file of any user, kept for compatibility, warned about
    static PublicKeys of(SshServerConfig config) throws IOException {
        ZoneId zone = ZoneId.systemDefault();
        Map<String, AuthorizedKeysFile> byUser = new LinkedHashMap<>();
        for (Map.Entry<String, Path> binding : config.authorizedKeysByUser().entrySet()) {
            byUser.put(binding.getKey(), AuthorizedKeysFile.open(binding.getValue(), zone));
        }
        KeyDirectory directory = config.authorizedKeysDirectory() == null ? null
                : KeyDirectory.open(config.authorizedKeysDirectory(), zone);
        AuthorizedKeysFile anyUser = null;
        if (config.authorizedKeys() != null) {
            anyUser = AuthorizedKeysFile.open(config.authorizedKeys(), zone);
            LOG.warn("authorized keys {} lets its keys log in as any user name (authorizedKeys(Path) is deprecated: "
                    + "bind the file to its user with authorizedKeys(user, file), or use authorizedKeysDirectory)",
                    config.authorizedKeys());
        }
        if (byUser.isEmpty() && directory == null && anyUser == null && config.publicKeys() == null) {
            return null;
        }
        return new PublicKeys(byUser, directory, anyUser, config.publicKeys());
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        InetAddress address = session.getClientAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        Instant now = Instant.now();
        for (AuthorizedKeysFile file : filesOf(username)) {
            for (AuthorizedKeysFile.Entry entry : file.entries()) {
                if (!KeyUtils.compareKeys(entry.key(), key)) {
                    continue;
                }
                String refusal = entry.options().refusal(address, now);
                if (refusal == null) {
                    entry.options().keepOn(session);
                    return true;
                }
                LOG.info("{}: key of {} line {} ({}) refused for {}: {}", session.getClientAddress(), file.file(),
                        entry.line(), ClientText.forLog(entry.comment()), ClientText.forLog(username), refusal);
            }
        }
        if (callback == null) {
            return false;
        }
        try {
            return callback.authenticate(username, key);
        } catch (Exception e) {
            LOG.warn("{}: publicKeys() failed", session.getClientAddress(), e);
            return false;
        }
    }

    /** The files whose keys may log in as {@code username}, in the order they are looked at. */
    private List<AuthorizedKeysFile> filesOf(String username) {
        List<AuthorizedKeysFile> files = new ArrayList<>(3);
        AuthorizedKeysFile bound = byUser.get(username);
        if (bound != null) {
            files.add(bound);
        }
        AuthorizedKeysFile own = directory == null ? null : directory.of(username);
        if (own != null) {
            files.add(own);
        }
        if (anyUser != null) {
            files.add(anyUser);
        }
        return files;
    }
}
