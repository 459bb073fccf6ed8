package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The login-failure budget per address: counting, refusal, expiry, bounded memory, and its use by sessions. */
class LoginThrottleTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private LoginThrottle throttle(int maxFailures, int maxAddresses) {
        return LoginThrottle.builder().maxFailures(maxFailures).window(Duration.ofMinutes(10))
                .blockDuration(Duration.ofMinutes(5)).maxAddresses(maxAddresses).build(clock::get);
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, (byte) (last >> 8), (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void anAddressIsRefusedOnceItUsedItsBudgetAndOnlyThatAddress() {
        LoginThrottle throttle = throttle(3, 100);
        assertEquals(1, throttle.recordFailure(address(1)));
        assertEquals(2, throttle.recordFailure(address(1)));
        assertFalse(throttle.isBlocked(address(1)));
        assertEquals(3, throttle.recordFailure(address(1)));
        assertTrue(throttle.isBlocked(address(1)));
        assertFalse(throttle.isBlocked(address(2)), "another address is not refused");
    }

    @Test
    void theRefusalEndsAfterTheBlockDurationAndTheCountStartsAgain() {
        LoginThrottle throttle = throttle(2, 100);
        throttle.recordFailure(address(1));
        throttle.recordFailure(address(1));
        advance(Duration.ofMinutes(4));
        assertTrue(throttle.isBlocked(address(1)));
        advance(Duration.ofMinutes(7));
        assertFalse(throttle.isBlocked(address(1)));
        assertEquals(1, throttle.recordFailure(address(1)), "a new window");
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        LoginThrottle throttle = throttle(3, 100);
        throttle.recordFailure(address(1));
        throttle.recordFailure(address(1));
        advance(Duration.ofMinutes(11));
        assertEquals(1, throttle.recordFailure(address(1)));
        assertFalse(throttle.isBlocked(address(1)));
    }

    @Test
    void memoryIsBoundedByMaxAddresses() {
        LoginThrottle throttle = throttle(3, 50);
        for (int i = 0; i < 5000; i++) {
            throttle.recordFailure(address(i));
        }
        assertTrue(throttle.trackedAddresses() <= 50, throttle.trackedAddresses() + " addresses remembered");
    }

    @Test
    void anUnknownAddressIsNeitherCountedNorRefused() {
        LoginThrottle throttle = throttle(1, 10);
        assertEquals(1, throttle.recordFailure(null));
        assertFalse(throttle.isBlocked(null));
        assertEquals(0, throttle.trackedAddresses());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().maxFailures(0));
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().window(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().blockDuration(Duration.ofDays(2)));
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().maxAddresses(0));
    }

    @Test
    void failuresSpanSessionsFromOneAddressUntilItsLoginsAreRefused() {
        LoginThrottle shared = LoginThrottle.builder().maxFailures(4).build();
        SessionConfig config = SessionRun.CONFIG.toBuilder().loginThrottle(shared).maxLoginAttempts(3)
                .loginFailureDelay(Duration.ofMillis(1)).build();
        // First connection: three failures, the session's own limit.
        LoginTest.LoginHandler first = new LoginTest.LoginHandler();
        try (SessionRun run = SessionRun.start(first, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            for (int i = 0; i < 3; i++) {
                run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("wrong\r");
            }
            run.client.awaitText("Too many failed login attempts");
            run.client.awaitClosed();
        }
        // Second connection from the same address: the fourth failure uses the address's budget.
        LoginTest.LoginHandler second = new LoginTest.LoginHandler();
        try (SessionRun run = SessionRun.start(second, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("wrong\r");
            run.client.awaitText("Login incorrect\r\nToo many failed logins; try again later.\r\n");
            run.client.awaitClosed();
        }
        // Third connection: refused before any prompt, even with the right password.
        LoginTest.LoginHandler third = new LoginTest.LoginHandler();
        try (SessionRun run = SessionRun.start(third, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            run.client.awaitText("Too many failed logins; try again later.\r\n");
            run.client.awaitClosed();
            assertFalse(run.client.allText().contains("Username: "), run.client.allText());
            assertFalse(run.client.allText().contains(PROMPT));
        }
        assertTrue(third.attempts.isEmpty());
        assertEquals(0, third.starts.get());
    }

    @Test
    void theDelayAfterAFailureKeepsGrowingOnTheNextConnectionFromTheSameAddress() {
        Duration base = Duration.ofMillis(40);
        SessionConfig config = SessionRun.CONFIG.toBuilder().loginThrottle(LoginThrottle.create())
                .maxLoginAttempts(3).loginFailureDelay(base).build();
        LoginTest.LoginHandler first = new LoginTest.LoginHandler();
        try (SessionRun run = SessionRun.start(first, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            for (int i = 0; i < 3; i++) {
                run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("wrong\r");
            }
            run.client.awaitClosed();
        }
        // The fourth failure from this address, the first of a new connection: 8 times the base, not the base.
        LoginTest.LoginHandler second = new LoginTest.LoginHandler();
        try (SessionRun run = SessionRun.start(second, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("wrong\r");
            run.client.awaitText("Login incorrect");
            long answered = System.nanoTime();
            long checked = second.attempts.get(0).nanos();
            assertTrue(answered - checked >= base.toNanos() * 8,
                    "answered " + Duration.ofNanos(answered - checked) + " after the check (expected: 8 x " + base + ")");
        }
    }
}
