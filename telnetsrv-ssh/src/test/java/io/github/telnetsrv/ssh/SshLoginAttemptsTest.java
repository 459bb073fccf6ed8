package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.SessionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.sshd.common.SshConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password attempts over SSH from clients that do not wait for the answers: one check at a time per connection,
 * nothing checked past the last attempt, checks on a bounded pool, abandoned when the client goes, and the login
 * deadline counted from the connection.
 */
class SshLoginAttemptsTest {

    @TempDir
    Path dir;

    private SshServer server;
    private RawSshClient raw;

    @BeforeEach
    void fresh() {
        SshTestHandler.record = new SshTestHandler.Record();
    }

    @AfterEach
    void stop() {
        if (raw != null) {
            raw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(Authenticator passwords, SessionConfig session) throws Exception {
        server = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .threadNamePrefix("attempts-")
                .hostKey(dir.resolve("hostkey"))
                .session(session)
                .passwords(passwords)
                .start();
    }

    @Test
    void pipelinedPasswordsAreCheckedOneAtATimeAndNoneAfterTheLastAttempt() throws Exception {
        Duration delay = Duration.ofMillis(200);
        List<String> checked = new CopyOnWriteArrayList<>();
        List<Long> began = new CopyOnWriteArrayList<>();
        List<Long> ended = new CopyOnWriteArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        start((user, password) -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            began.add(System.nanoTime());
            checked.add(password);
            try {
                return "secret".equals(password);
            } finally {
                ended.add(System.nanoTime());
                inside.decrementAndGet();
            }
        }, SessionConfig.builder().maxLoginAttempts(3).loginFailureDelay(delay).build());
        raw = new RawSshClient(false);
        RawSshClient.Session session = raw.connect(server.port(), "admin");
        for (int i = 0; i < 11; i++) {
            session.sendPassword("admin", "wrong" + i);
        }
        session.sendPassword("admin", "secret"); // the right one, sent before any answer came

        assertTrue(session.awaitClosed(SshTestClient.WAIT), "disconnected after maxLoginAttempts failures");
        assertEquals(List.of("wrong0", "wrong1", "wrong2"), checked,
                "only maxLoginAttempts passwords were checked, in order");
        assertEquals(1, mostInside.get(), "one check at a time");
        for (int i = 1; i < began.size(); i++) {
            assertTrue(began.get(i) - ended.get(i - 1) >= delay.toNanos(),
                    "check " + i + " started before the delay after the failure before it was served");
        }
        assertEquals(0, session.count(SshConstants.SSH_MSG_USERAUTH_SUCCESS), session.received().toString());
        assertEquals(2, session.count(SshConstants.SSH_MSG_USERAUTH_FAILURE),
                "two failures answered, the third ended the connection: " + session.received());
        assertEquals(0, SshTestHandler.record.starts.get(), "no session started");
    }

    @Test
    void aPasswordCheckWhoseClientHasGoneIsAbandonedAndTheRequestsHeldBehindItAreNeverChecked() throws Exception {
        List<String> checked = new CopyOnWriteArrayList<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        start((user, password) -> {
            checked.add(password);
            inside.countDown();
            try {
                new CountDownLatch(1).await(); // a directory server that never answers
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return true;
        }, SessionConfig.builder().loginFailureDelay(Duration.ofMillis(10)).build());
        raw = new RawSshClient(false);
        RawSshClient.Session session = raw.connect(server.port(), "admin");
        session.sendPassword("admin", "first");
        session.sendPassword("admin", "second");
        assertTrue(inside.await(10, TimeUnit.SECONDS), "the first check started");
        session.close(true);
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the check of a client that has gone was interrupted");
        assertEquals(List.of("first"), checked);
    }

    @Test
    void passwordChecksShareABoundedPoolOfThreads() throws Exception {
        int pool = SshLogins.CHECK_THREADS;
        int connections = pool + 2;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        start((user, password) -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                release.await();
            } finally {
                inside.decrementAndGet();
            }
            return false;
        }, SessionConfig.builder().loginFailureDelay(Duration.ofMillis(10))
                .loginThrottle(LoginThrottle.builder().maxFailures(1000).build()).build());
        raw = new RawSshClient(false);
        List<RawSshClient.Session> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                RawSshClient.Session session = raw.connect(server.port(), "user" + i);
                session.sendPassword("user" + i, "guess");
                sessions.add(session);
            }
            awaitCondition(() -> inside.get() >= pool && server.logins().waitingChecks() >= 2,
                    () -> "checks running " + inside.get() + ", waiting " + server.logins().waitingChecks());
            assertEquals(pool, mostInside.get(), "no more checks at once than the pool's threads");
            long threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("attempts-ssh-login")).count();
            assertTrue(threads <= pool, threads + " check threads");
        } finally {
            release.countDown();
        }
        for (RawSshClient.Session session : sessions) {
            awaitCondition(() -> session.count(SshConstants.SSH_MSG_USERAUTH_FAILURE) == 1,
                    () -> "a waiting check was answered in the end: " + session.received());
        }
        assertEquals(pool, mostInside.get());
    }

    @Test
    void theLoginDeadlineCountsFromTheConnectionNotFromTheUserAuthService() throws Exception {
        Duration timeout = Duration.ofSeconds(3);
        start((user, password) -> false, SessionConfig.builder().loginTimeout(timeout).build());
        raw = new RawSshClient(true);
        long connected = System.nanoTime();
        RawSshClient.Session session = raw.connect(server.port(), "admin");
        // The user-auth service is asked for two thirds into the deadline: MINA SSHD's own login timeout starts
        // again then, and would close the connection at 5 s.
        Duration untilAsk = Duration.ofNanos(connected + Duration.ofSeconds(2).toNanos() - System.nanoTime());
        assertFalse(session.awaitClosed(untilAsk), "still open before the deadline");
        session.requestService();
        Duration untilLate = Duration.ofNanos(connected + Duration.ofMillis(4200).toNanos() - System.nanoTime());
        assertTrue(session.awaitClosed(untilLate),
                "closed at the deadline counted from the connection (3 s), not from the service request (5 s)");
        assertEquals(0, session.count(SshConstants.SSH_MSG_USERAUTH_SUCCESS));
    }

    /** Polls {@code condition} until it holds; fails with {@code state} after {@link SshTestClient#WAIT}. */
    private static void awaitCondition(BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + SshTestClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + SshTestClient.WAIT + ": " + state.get());
            }
            Thread.sleep(10); // polling a condition with a deadline
        }
    }
}
