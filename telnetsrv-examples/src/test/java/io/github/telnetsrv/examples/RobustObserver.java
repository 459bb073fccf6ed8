package io.github.telnetsrv.examples;

import java.io.IOException;
import java.time.Duration;

/**
 * The well-behaved session of the robustness suite: a line-mode client that logs in if asked (as the demo's user)
 * and checks, one {@link #ping} at a time, that {@code echo ping-N} is answered with exactly {@code ping-N} within
 * {@link #ANSWER_BOUND}.
 */
final class RobustObserver implements AutoCloseable {

    /** The longest an answer may take, whatever attack is going on. */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    private static final Duration OPENING_BOUND = Duration.ofSeconds(5);

    private final RobustClient client;
    private int pings;
    private long slowestNanos;

    private RobustObserver(RobustClient client) {
        this.client = client;
    }

    /** Takes over a connected client and waits for its first prompt, logging in on the way if asked. */
    static RobustObserver open(RobustClient client) {
        RobustObserver observer = new RobustObserver(client);
        try {
            if (client.awaitAny(OPENING_BOUND, "Username: ", RobustClient.PROMPT) == 0) {
                client.line(DemoHandler.USER);
                client.await("Password: ", OPENING_BOUND);
                client.line(DemoHandler.PASSWORD);
                client.await(RobustClient.PROMPT, OPENING_BOUND);
            }
        } catch (IOException | AssertionError e) {
            throw new AssertionError("observer: no prompt within " + OPENING_BOUND + ": " + e.getMessage(), e);
        }
        return observer;
    }

    /**
     * Sends {@code echo ping-N} and checks the answer.
     *
     * @param when for the failure message, for example {@code "while an endless line is sent"}
     * @throws AssertionError if the answer is late, wrong or missing
     */
    void ping(String when) {
        String word = "ping-" + (++pings);
        long start = System.nanoTime();
        String answer;
        try {
            client.line("echo " + word);
            answer = client.await(RobustClient.PROMPT, ANSWER_BOUND);
        } catch (IOException | AssertionError e) {
            throw new AssertionError("observer: expected 'echo " + word + "' answered within " + ANSWER_BOUND
                    + " " + when + ", but: " + e.getMessage(), e);
        }
        long took = System.nanoTime() - start;
        slowestNanos = Math.max(slowestNanos, took);
        if (!answer.equals(word + "\r\n")) {
            throw new AssertionError("observer: expected the answer " + RobustClient.quote(word + "\r\n") + " "
                    + when + ", saw " + RobustClient.quote(answer));
        }
    }

    /** How many pings were answered. */
    int pings() {
        return pings;
    }

    /** The slowest answer so far. */
    Duration slowest() {
        return Duration.ofNanos(slowestNanos);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
