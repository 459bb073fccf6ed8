package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ctrl-C, telnet IP and BRK, and Ctrl-D, at the prompt and while a command runs. */
class InterruptTest {

    /** A command that blocks until its thread is interrupted. */
    static class BlockingHandler extends RecordingHandler {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final AtomicReference<Thread> commandThread = new AtomicReference<>();

        @Command(value = "block", help = """

                Wait until interrupted
                """)
        void block() {
            commandThread.set(Thread.currentThread());
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                writeResult("interrupted");
            }
        }
    }

    static Stream<Arguments> interrupts() {
        return Stream.of(
                Arguments.of("Ctrl-C", new int[] {0x03}),
                Arguments.of("telnet IP", new int[] {255, 244}),
                Arguments.of("telnet BRK", new int[] {255, 243}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interrupts")
    void anInterruptWhileACommandRunsInterruptsItsThreadAndThePromptReturns(String name, int[] bytes) {
        BlockingHandler handler = new BlockingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("block\r").awaitText("block\r\n");
            RecordingHandler.await(handler.started, "the command to start");

            run.client.send(bytes);

            RecordingHandler.await(handler.interrupted, "the command's thread to be interrupted");
            assertEquals("^C\r\ninterrupted\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("echo next\r").awaitText("next\r\n" + PROMPT);
            assertEquals(0, handler.ends.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interrupts")
    void anInterruptAtThePromptAbandonsTheTypedLineForAFreshPrompt(String name, int[] bytes) {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo never");
            run.client.awaitScreen(s -> s.line().equals(PROMPT + "echo never"), "the typed line");
            run.client.send(bytes);
            run.client.awaitText("^C\r\n" + PROMPT);
            run.client.type("echo instead\r").awaitText("instead\r\n" + PROMPT);
            assertEquals(List.of("echo instead"), handler.echoed);
        }
    }

    @Test
    void typeAheadBeforeAnInterruptIsDiscardedWithTheCommand() {
        BlockingHandler handler = new BlockingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("block\r");
            RecordingHandler.await(handler.started, "the command to start");
            run.client.type("echo typed ahead\r").send(0x03);
            RecordingHandler.await(handler.interrupted, "the command's thread to be interrupted");
            run.client.awaitText(PROMPT).type("echo after\r").awaitText("after\r\n" + PROMPT);
            assertEquals(List.of("echo after"), handler.echoed);
        }
    }

    @Test
    void ctrlDOnAnEmptyLineEndsTheSession() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).send(0x04);
            run.client.awaitClosed();
            run.awaitEnd();
            handler.assertEndedOnce();
        }
    }

    @Test
    void ctrlDOnALineWithTextDeletesTheCharacterUnderTheCursorAndTheSessionGoesOn() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo xzy\u001b[D\u001b[D").send(0x04);
            run.client.type("\r").awaitText("xy\r\n" + PROMPT);
            run.client.type("echo x").send(0x04).type("\r").awaitText("x\r\n" + PROMPT);
            assertEquals(List.of("echo xy", "echo x"), handler.echoed);
            assertFalse(run.client.serverClosed());
            assertEquals(0, handler.ends.get());
        }
    }

    @Test
    void theInterruptedCommandRanOnTheThreadThatWasInterrupted() {
        BlockingHandler handler = new BlockingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("block\r");
            RecordingHandler.await(handler.started, "the command to start");
            Thread thread = handler.commandThread.get();
            run.client.send(0x03);
            RecordingHandler.await(handler.interrupted, "the interrupt");
            assertSame(thread, handler.commandThread.get());
        }
    }

    @Test
    void ctrlCRightAfterEnterStopsTheCommandEvenBeforeItStarted() {
        BlockingHandler handler = new BlockingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            // One read holds both: the interrupt is handled before the command's task can start the command.
            run.client.awaitText(PROMPT).send(new byte[] {'b', 'l', 'o', 'c', 'k', '\r', 0, 0x03});
            run.client.awaitText("block\r\n^C\r\n");
            run.client.awaitText(PROMPT).type("echo next\r").awaitText("next\r\n" + PROMPT);
            assertEquals(1, handler.started.getCount(), "the command was abandoned before it started");
        }
    }

    @Test
    void ctrlCWhileALoginIsCheckedIsShownAndTheLoginGoesOn() {
        java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {
            @Override
            protected Authenticator authenticator() {
                return (user, password) -> {
                    checking.countDown();
                    RecordingHandler.await(answer, "the test's interrupt");
                    return false;
                };
            }
        };
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("pw\r");
            RecordingHandler.await(checking, "the authenticator");
            run.client.send(0x03);
            run.client.awaitText("^C\r\n");
            answer.countDown();
            assertEquals("Login incorrect\r\nUsername: ", run.client.textUntil("Username: "));
        }
    }
}
