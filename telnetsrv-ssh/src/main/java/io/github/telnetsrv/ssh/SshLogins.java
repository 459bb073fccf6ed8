package io.github.telnetsrv.ssh;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.LoginThrottle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH layer's logins, with the limits of a Telnet login: an address that spent its failure budget (the
 * {@link LoginThrottle}, which a Telnet server may share) is refused, a failed password is answered after a delay
 * that doubles (as over Telnet: 1, 2, 4, then 8 s with the defaults), and a connection that failed
 * {@code maxLoginAttempts} passwords is disconnected.
 *
 * <p>Passwords are checked on a thread of the runtime's, never on an SSH I/O thread: the {@link Authenticator} may
 * block, and the delay after a failure holds no thread of the SSH layer. A key the client offers and the server
 * does not know is not a failure (a client tries each key it has; none can be guessed); a blocked address gets no
 * key login either.
 */
final class SshLogins implements PasswordAuthenticator, PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(SshLogins.class);
    private static final AttributeKey<AtomicInteger> FAILURES = new AttributeKey<>();
    /** The delay grows to eight times the base at most, as over Telnet. */
    private static final int MAX_DOUBLINGS = 3;

    private final Authenticator passwords;
    private final PublickeyAuthenticator keys;
    private final LoginThrottle throttle;
    private final int maxAttempts;
    private final long baseDelayNanos;
    private final ThreadFactory threads;
    private final Set<Thread> checking = ConcurrentHashMap.newKeySet();

    /**
     * @param passwords checks passwords, or {@code null} for none
     * @param keys checks public keys, or {@code null} for none
     * @param throttle the per-address failure budget
     * @param maxAttempts failed passwords that end a connection
     * @param baseDelay the delay after the first failed password
     * @param threads makes the threads that check passwords
     */
    SshLogins(Authenticator passwords, PublickeyAuthenticator keys, LoginThrottle throttle, int maxAttempts,
            Duration baseDelay, ThreadFactory threads) {
        this.passwords = passwords;
        this.keys = keys;
        this.throttle = throttle;
        this.maxAttempts = maxAttempts;
        this.baseDelayNanos = baseDelay.toNanos();
        this.threads = threads;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        InetAddress address = address(session.getClientAddress());
        if (passwords == null || refused(address, session)) {
            return false;
        }
        AsyncAuthException answer = new AsyncAuthException();
        Thread thread = threads.newThread(() -> {
            try {
                answer.setAuthed(check(username, password, address, session));
            } finally {
                checking.remove(Thread.currentThread());
            }
        });
        checking.add(thread);
        thread.start();
        throw answer;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (keys == null || refused(address(session.getClientAddress()), session)) {
            return false;
        }
        try {
            return keys.authenticate(username, key, session);
        } catch (RuntimeException e) {
            LOG.warn("{}: key check failed", session.getClientAddress(), e);
            return false;
        }
    }

    /** Interrupts the password checks in progress and waits for their threads (the server closes). */
    void close() throws InterruptedException {
        for (Thread thread : Set.copyOf(checking)) {
            thread.interrupt();
        }
        for (Thread thread : Set.copyOf(checking)) {
            thread.join();
        }
    }

    /** On a thread of its own: the password's answer, after the delay when it is wrong. */
    private boolean check(String username, String password, InetAddress address, ServerSession session) {
        SocketAddress remote = session.getClientAddress();
        boolean accepted;
        try {
            accepted = passwords.authenticate(username, password);
        } catch (InterruptedException e) {
            return false;
        } catch (Exception e) {
            LOG.warn("{}: authenticator failed", remote, e);
            accepted = false;
        }
        if (accepted) {
            LOG.info("{}: logged in over SSH as {}", remote, username);
            return true;
        }
        AtomicInteger failures = session.computeAttributeIfAbsent(FAILURES, k -> new AtomicInteger());
        int here = failures.incrementAndGet();
        int fromAddress = throttle.recordFailure(address);
        LOG.info("{}: SSH login failed for {} ({} of {}; {} from this address)", remote, username, here, maxAttempts,
                fromAddress);
        int doublings = Math.min(Math.max(Math.max(here, fromAddress) - 1, 0), MAX_DOUBLINGS);
        try {
            TimeUnit.NANOSECONDS.sleep(baseDelayNanos << doublings);
        } catch (InterruptedException e) {
            return false;
        }
        if (throttle.isBlocked(address)) {
            disconnect(session, "Too many failed logins; try again later.");
        } else if (here >= maxAttempts) {
            disconnect(session, "Too many failed login attempts");
        }
        return false;
    }

    /** Whether the address is over its budget: then the connection is ended with a word why. */
    private boolean refused(InetAddress address, ServerSession session) {
        if (!throttle.isBlocked(address)) {
            return false;
        }
        LOG.warn("{}: SSH login refused: too many failed logins from this address", session.getClientAddress());
        disconnect(session, "Too many failed logins; try again later.");
        return true;
    }

    private static void disconnect(ServerSession session, String reason) {
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, reason);
        } catch (IOException e) {
            session.close(true);
        }
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
