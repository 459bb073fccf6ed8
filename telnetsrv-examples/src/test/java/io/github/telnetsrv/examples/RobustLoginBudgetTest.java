package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.examples.RobustRig.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Password guessing from one address over many connections at once (checklist section 2, item 14): each connection
 * allows a few attempts, so without a budget per address a guesser only needs more connections. With one, the
 * address is slowed and then refused any login for a while, whatever the number of connections.
 */
class RobustLoginBudgetTest {

    private static final int BUDGET = 10;
    private static final int GUESSERS = 8;
    private static final Duration ATTACK_LIMIT = Duration.ofSeconds(30);
    /** How long the guessers may take to use up the budget. */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final String REFUSED = "Too many failed logins";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    void oneAddressCannotKeepGuessingPasswordsAcrossReconnects(String runtime) throws Exception {
        String attack = GUESSERS + " connections at a time guessing the password, reconnecting after each refusal";
        try (RobustRig rig = RobustRig.start(runtime, Transport.PLAIN, () -> new DemoHandler(true),
                b -> b.session(SessionConfig.builder().loginFailureDelay(Duration.ofMillis(10)).build())
                        .negotiationWait(Duration.ofSeconds(1))
                        .writeTimeout(Duration.ofSeconds(1))
                        .loginThrottle(LoginThrottle.builder().maxFailures(BUDGET)
                                .blockDuration(Duration.ofMinutes(1)).build()))) {
            int[] seen = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                AtomicInteger guesses = new AtomicInteger();
                CountDownLatch refused = new CountDownLatch(1);
                Set<RobustClient> open = ConcurrentHashMap.newKeySet();
                List<Future<Void>> guessers = new ArrayList<>();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int g = 0; g < GUESSERS; g++) {
                        guessers.add(pool.submit(() -> guess(rig, guesses, refused, open)));
                    }
                    boolean blocked = refused.await(WINDOW.toMillis(), TimeUnit.MILLISECONDS);
                    // Once the address is refused the guessers stop; their connections, some waiting for the
                    // answer to a guess, close.
                    refused.countDown();
                    for (RobustClient client : open) {
                        client.close();
                    }
                    for (Future<Void> guesser : guessers) {
                        guesser.get(ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS);
                    }
                    int guessed = guesses.get();
                    int freshRefused;
                    try (RobustClient fresh = rig.connect()) {
                        freshRefused = fresh.awaitAny(ANSWER_BOUND, "Username: ", REFUSED);
                    }
                    return new int[] {blocked ? 1 : 0, guessed, freshRefused};
                }
            });
            assertEquals(1, seen[0], "expected the address refused any login within " + WINDOW + " (budget " + BUDGET
                    + " failures), after " + seen[1] + " guesses it was not");
            assertTrue(seen[1] <= BUDGET + GUESSERS, "expected at most " + (BUDGET + GUESSERS) + " passwords tried "
                    + "(the budget, and one in flight per connection) before the address was refused, saw " + seen[1]);
            assertEquals(1, seen[2], "expected a new connection from the address refused a login (even the right one) "
                    + "while the address is blocked");
            rig.assertBackToBaseline(attack);
        }
    }

    /** One guesser: connects, guesses until the server closes, reconnects, until the address is refused. */
    private static Void guess(RobustRig rig, AtomicInteger guesses, CountDownLatch refused, Set<RobustClient> open)
            throws IOException {
        while (refused.getCount() > 0) {
            RobustClient client = rig.connect();
            open.add(client);
            try {
                while (refused.getCount() > 0) {
                    int found = client.awaitAny(ANSWER_BOUND, "Username: ", REFUSED);
                    if (found == 1) {
                        refused.countDown();
                    }
                    if (found != 0) {
                        break; // refused, or the connection ended (attempts used up, or closed by the test)
                    }
                    client.line(DemoHandler.USER);
                    if (client.awaitAny(ANSWER_BOUND, "Password: ") != 0 || refused.getCount() == 0) {
                        break;
                    }
                    client.line("guess-" + guesses.incrementAndGet());
                }
            } catch (IOException e) {
                if (refused.getCount() > 0) {
                    throw e;
                }
            } finally {
                open.remove(client);
                client.close();
            }
        }
        return null;
    }
}
