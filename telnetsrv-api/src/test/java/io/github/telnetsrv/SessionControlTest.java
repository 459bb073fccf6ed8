package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What an admin console sees of a session and does to it from another thread: who, since when, doing what; kick. */
class SessionControlTest {

    @Test
    void aSessionTellsWhoIsOnSinceWhenAndWhatRuns() {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {
            @Command(value = "work", help = """

                    Work until released
                    """)
            void work() {
                running.countDown();
                RecordingHandler.await(release, "the test to release the command");
            }
        };
        Instant before = Instant.now();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT);
            TelnetSession session = run.session;
            assertEquals("XTERM", session.terminalType());
            assertNull(session.username());
            assertFalse(session.startTime().isBefore(before.minusSeconds(1)));
            assertEquals(Optional.empty(), session.runningCommand());
            Instant typed = Instant.now();
            run.client.type("work\r");
            RecordingHandler.await(running, "the command to run");
            assertEquals(Optional.of("WORK"), session.runningCommand());
            assertFalse(session.lastInputTime().isBefore(typed.minus(Duration.ofSeconds(1))),
                    session.lastInputTime() + " vs " + typed);
            release.countDown();
            run.client.awaitText(PROMPT);
            assertEquals(Optional.empty(), session.runningCommand());
        }
    }

    @Test
    void endingASessionAtItsPromptShowsTheMessageThenEndsAtOnce() {
        RecordingHandler handler = new RecordingHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT);
        run.client.awaitReaderWaiting();
        Thread admin = Thread.ofPlatform().start(() -> run.session.end("Server going down for maintenance"));
        run.client.awaitText("Server going down for maintenance\r\n");
        run.client.awaitClosed();
        run.awaitEnd();
        handler.assertEndedOnce();
        join(admin);
    }

    @Test
    void endingASessionWhileItsCommandAsksSomethingEndsTheQuestionAndTheSession() {
        AtomicReference<String> answer = new AtomicReference<>("unset");
        CountDownLatch asking = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {
            @Command(value = "ask", help = """

                    Ask
                    """)
            void ask() {
                asking.countDown();
                answer.set(readLine("sure? "));
            }
        };
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT).type("ask\r").awaitText("sure? ");
        RecordingHandler.await(asking, "the question");
        run.session.end("bye now");
        run.client.awaitText("bye now");
        run.client.awaitClosed();
        run.awaitEnd();
        assertNull(answer.get(), "readLine returned null");
        handler.assertEndedOnce();
    }

    @Test
    void endingASessionInterruptsItsRunningCommand() {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {
            @Command(value = "wait", help = """

                    Wait
                    """)
            void waitForever() {
                running.countDown();
                if (RecordingHandler.blockUntilInterrupted()) {
                    interrupted.countDown();
                }
            }
        };
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT).type("wait\r");
        RecordingHandler.await(running, "the command");
        run.session.end(null);
        RecordingHandler.await(interrupted, "the command to be interrupted");
        run.client.awaitClosed();
        run.awaitEnd();
        handler.assertEndedOnce();
        assertTrue(run.client.serverClosed());
    }

    private static void join(Thread thread) {
        try {
            thread.join(TestClient.TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(thread.isAlive());
    }
}
