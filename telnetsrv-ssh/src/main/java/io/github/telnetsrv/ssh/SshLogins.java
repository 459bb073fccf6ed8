package io.github.telnetsrv.ssh;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.spi.ClientText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>One password at a time per connection: {@link SerialUserAuth} holds the requests that follow one until it is
 * answered, so each failure is counted, and its delay served, before the next request is looked at; requests
 * pipelined past the last attempt are never checked. Passwords are checked on a pool of at most
 * {@link #CHECK_THREADS} threads, never on an SSH I/O thread (the {@link Authenticator} may block); checks wait in
 * the pool's queue beyond that (at most one per connection). The delay after a failure holds no thread: the answer
 * is scheduled on the SSH layer's timer. A check whose connection closes is abandoned: interrupted if it runs, never
 * started if it waits, never answered. A password accepted while the address has meanwhile been blocked logs no one
 * in.
 *
 * <p>A key the client offers and the server does not know is not a failure (a client tries each key it has; none
 * can be guessed); a blocked address gets no key login either. Thread-safe.
 */
final class SshLogins implements PasswordAuthenticator, PublickeyAuthenticator {

    /** The most passwords checked at once, whatever the number of connections. */
    static final int CHECK_THREADS = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());

    private static final Logger LOG = LoggerFactory.getLogger(SshLogins.class);
    private static final AttributeKey<Attempts> ATTEMPTS = new AttributeKey<>();
    /** The delay grows to eight times the base at most, as over Telnet. */
    private static final int MAX_DOUBLINGS = 3;
    /** How long an idle check thread is kept. */
    private static final long IDLE_SECONDS = 30;
    /** How long close() waits for the checks in progress to end. */
    private static final long CLOSE_SECONDS = 5;

    private final Authenticator passwords;
    private final PublickeyAuthenticator keys;
    private final LoginThrottle throttle;
    private final int maxAttempts;
    private final long baseDelayNanos;
    private final ThreadPoolExecutor checks;
    private final ScheduledExecutorService timer;

    /**
     * @param passwords checks passwords, or {@code null} for none
     * @param keys checks public keys, or {@code null} for none
     * @param throttle the per-address failure budget
     * @param maxAttempts failed passwords that end a connection
     * @param baseDelay the delay after the first failed password
     * @param threadNamePrefix the prefix of the check threads' names
     * @param timer where the answers after a delay are scheduled (the SSH layer's timer, a platform thread)
     */
    SshLogins(Authenticator passwords, PublickeyAuthenticator keys, LoginThrottle throttle, int maxAttempts,
            Duration baseDelay, String threadNamePrefix, ScheduledExecutorService timer) {
        this.passwords = passwords;
        this.keys = keys;
        this.throttle = throttle;
        this.maxAttempts = maxAttempts;
        this.baseDelayNanos = baseDelay.toNanos();
        this.timer = timer;
        this.checks = new ThreadPoolExecutor(CHECK_THREADS, CHECK_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name(threadNamePrefix + "ssh-login-", 1).daemon(true).factory());
        checks.allowCoreThreadTimeOut(true); // an idle server holds no check thread
    }

    /**
     * On the connection's I/O thread (or the thread of the answer before it): refuses at once, or starts the check
     * and answers later.
     */
    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        KeyOptions.forget(session);
        InetAddress address = address(session.getClientAddress());
        Attempts attempts = attempts(session);
        if (passwords == null || attempts.ended || refused(username, address, session)) {
            return false;
        }
        AsyncAuthException answer = new AsyncAuthException();
        try {
            attempts.pending = checks.submit(() -> check(new Request(username, password, address, session,
                    attempts, answer)));
        } catch (RejectedExecutionException e) {
            return false; // the server is closing
        }
        SerialUserAuth.answerLater(session);
        throw answer;
    }

    /** On the connection's I/O thread (or the thread of a password's answer): the key check, quick. */
    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        KeyOptions.forget(session);
        if (keys == null || attempts(session).ended
                || refused(username, address(session.getClientAddress()), session)) {
            return false;
        }
        try {
            return keys.authenticate(username, key, session);
        } catch (RuntimeException e) {
            LOG.warn("{}: key check failed", session.getClientAddress(), e);
            return false;
        }
    }

    /** How many password checks wait for a thread of the pool (for tests). */
    int waitingChecks() {
        return checks.getQueue().size();
    }

    /** Interrupts the password checks in progress, drops the waiting ones, and waits a bounded time for the rest. */
    void close() throws InterruptedException {
        checks.shutdownNow();
        if (!checks.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("SSH password checks still running {} s after the close (an Authenticator that ignores "
                    + "interrupts)", CLOSE_SECONDS);
        }
    }

    /** On a check thread: the password's answer; after the delay (on the timer) when it is wrong. */
    private void check(Request r) {
        if (r.attempts.ended) {
            return; // the client has gone: abandoned
        }
        SocketAddress remote = r.session.getClientAddress();
        String user = ClientText.forLog(r.username);
        boolean accepted;
        try {
            accepted = passwords.authenticate(r.username, r.password);
        } catch (InterruptedException e) {
            return; // abandoned: the connection closed, or the server
        } catch (Exception e) {
            LOG.warn("{}: authenticator failed", remote, e);
            accepted = false;
        }
        if (accepted) {
            if (throttle.isBlocked(r.address)) {
                LOG.warn("{}: SSH login for {} refused: too many failed logins from this address meanwhile",
                        remote, user);
                end(r.attempts, r.session, "Too many failed logins; try again later.");
            } else if (!r.attempts.ended) {
                LOG.info("{}: logged in over SSH as {}", remote, user);
                r.answer.setAuthed(true);
            }
            return;
        }
        int here = r.attempts.failures.incrementAndGet();
        int fromAddress = throttle.recordFailure(r.address);
        LOG.info("{}: SSH login failed for {} ({} of {}; {} from this address)", remote, user, here, maxAttempts,
                fromAddress);
        if (r.attempts.ended) {
            return;
        }
        int doublings = Math.min(Math.max(Math.max(here, fromAddress) - 1, 0), MAX_DOUBLINGS);
        try {
            r.attempts.pending = timer.schedule(() -> afterDelay(r, here), baseDelayNanos << doublings,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The server is closing: no answer.
        }
        if (r.attempts.ended) {
            r.attempts.abandon(); // closed while scheduling: cancel what was just scheduled
        }
    }

    /** On the timer, once the delay after a failure is served: the failure's answer, or the end. */
    private void afterDelay(Request r, int failures) {
        if (r.attempts.ended) {
            return;
        }
        if (throttle.isBlocked(r.address)) {
            end(r.attempts, r.session, "Too many failed logins; try again later.");
        } else if (failures >= maxAttempts) {
            end(r.attempts, r.session, "Too many failed login attempts");
        } else {
            r.answer.setAuthed(false);
        }
    }

    /** Whether the address is over its budget: then the connection is ended with a word why. */
    private boolean refused(String username, InetAddress address, ServerSession session) {
        if (!throttle.isBlocked(address)) {
            return false;
        }
        LOG.warn("{}: SSH login for {} refused: too many failed logins from this address",
                session.getClientAddress(), ClientText.forLog(username));
        end(attempts(session), session, "Too many failed logins; try again later.");
        return true;
    }

    /** Ends the connection: no further request of it is checked, the held ones are dropped with it. */
    private static void end(Attempts attempts, ServerSession session, String reason) {
        attempts.ended = true;
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, reason);
        } catch (IOException e) {
            session.close(true);
        }
    }

    /** The connection's attempts, made on its first request with what abandons its check when it closes. */
    private static Attempts attempts(ServerSession session) {
        return session.computeAttributeIfAbsent(ATTEMPTS, k -> {
            Attempts made = new Attempts();
            session.addCloseFutureListener(closed -> made.abandon());
            return made;
        });
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** One connection's failed passwords and its check in progress (or its answer waiting for the delay). */
    private static final class Attempts {
        final AtomicInteger failures = new AtomicInteger();
        volatile Future<?> pending;
        volatile boolean ended;

        void abandon() {
            ended = true;
            Future<?> p = pending;
            if (p != null) {
                p.cancel(true);
            }
        }
    }

    /** A password to check and where its answer goes. */
    private record Request(String username, String password, InetAddress address, ServerSession session,
            Attempts attempts, AsyncAuthException answer) {
        @Override
        public String toString() {
            return "Request[" + ClientText.forLog(username) + " from " + address + "]"; // never the password
        }
    }
}
