package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Per-session scheduling: runs once or repeatedly on the session's threads, is cancelled by the session's end. */
class ScheduleTest {

    /** {@code later N text}: a message in N ms; {@code tick N}: a counter every N ms. */
    static class TimerHandler extends RecordingHandler {
        final AtomicInteger ticks = new AtomicInteger();
        final CountDownLatch threeTicks = new CountDownLatch(3);
        final AtomicReference<TelnetHandler.Scheduled> ticking = new AtomicReference<>();

        @Command(value = "later", help = """
                <ms> <text>
                Say something later
                """)
        void later(List<String> params) {
            schedule(Duration.ofMillis(Long.parseLong(params.get(0))), () -> writeMessage(params.get(1)));
            writeResult("scheduled");
        }

        @Command(value = "tick", help = """
                <ms>
                Count
                """)
        void tick(List<String> params) {
            Duration period = Duration.ofMillis(Long.parseLong(params.get(0)));
            ticking.set(schedule(Duration.ZERO, period, () -> {
                ticks.incrementAndGet();
                threeTicks.countDown();
            }));
            writeResult("ticking");
        }
    }

    @Test
    void aTaskRunsOnceAfterItsDelayAndItsMessageShowsAboveThePrompt() {
        TimerHandler handler = new TimerHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("later 50 hello\r").awaitText("scheduled\r\n" + PROMPT);
            run.client.awaitText("hello\r\n" + PROMPT);
        }
    }

    @Test
    void aRepeatingTaskRunsUntilCancelled() throws InterruptedException {
        TimerHandler handler = new TimerHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("tick 5\r").awaitText("ticking\r\n");
            assertTrue(handler.threeTicks.await(10, TimeUnit.SECONDS), "three ticks");
            assertTrue(handler.ticking.get().cancel());
            assertTrue(handler.ticking.get().done());
            assertFalse(handler.ticking.get().cancel(), "already cancelled");
            int after = handler.ticks.get();
            // A late tick may have been handed to the executor just before the cancel; then none.
            run.client.type("echo x\r").awaitText("x\r\n" + PROMPT);
            assertTrue(handler.ticks.get() <= after + 1, handler.ticks.get() + " ticks after " + after);
        }
    }

    @Test
    void theSessionsEndCancelsWhatIsScheduled() {
        TimerHandler handler = new TimerHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT).type("tick 3600000\r").awaitText("ticking\r\n");
        TelnetHandler.Scheduled hourly = handler.schedule(Duration.ofHours(1), () -> { });
        assertFalse(hourly.done());
        run.close();
        handler.assertEndedOnce();
        assertTrue(hourly.done(), "cancelled by the end");
        assertTrue(handler.ticking.get().done());
        TelnetHandler.Scheduled late = handler.schedule(Duration.ZERO, () -> { });
        assertTrue(late.done(), "nothing is scheduled after the end");
    }

    @Test
    void aFailingTaskIsLoggedAndTheSessionGoesOn() {
        CountDownLatch ran = new CountDownLatch(1);
        TimerHandler handler = new TimerHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT);
            handler.schedule(Duration.ZERO, () -> {
                ran.countDown();
                throw new IllegalStateException("simulated failure of a scheduled task");
            });
            RecordingHandler.await(ran, "the task to run");
            run.client.type("echo still\r").awaitText("still\r\n" + PROMPT);
        }
    }

    @Test
    void badDurationsAreRefusedAndAHandlerWithoutASessionCannotSchedule() {
        TimerHandler idle = new TimerHandler();
        assertThrows(IllegalStateException.class, () -> idle.schedule(Duration.ZERO, () -> { }));
        TimerHandler handler = new TimerHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT);
            assertThrows(IllegalArgumentException.class, () -> handler.schedule(Duration.ofMillis(-1), () -> { }));
            assertThrows(IllegalArgumentException.class,
                    () -> handler.schedule(Duration.ZERO, Duration.ZERO, () -> { }));
        }
    }
}
