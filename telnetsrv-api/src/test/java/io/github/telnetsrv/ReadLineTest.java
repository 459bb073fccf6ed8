package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A command reading lines from the user. */
class ReadLineTest {

    static class AskingHandler extends RecordingHandler {
        /** What each readLine returned ({@code "<null>"} for null, {@code "<interrupted>"} for the exception). */
        final List<String> answers = new CopyOnWriteArrayList<>();
        final CountDownLatch answered = new CountDownLatch(1);

        @Command(value = "ask", help = """

                Ask a name
                """)
        void ask() {
            String name;
            try {
                name = readLine("Name? ");
            } catch (InputInterruptedException e) {
                record("<interrupted>");
                throw e;
            }
            record(name == null ? "<null>" : name);
            if (name != null) {
                writeResult("hello " + name);
            }
        }

        @Command(value = "secret", help = """

                Ask a secret
                """)
        void secret() {
            String secret = readLine("Secret? ", false, false);
            record(secret);
            writeResult("got " + secret.length() + " characters");
        }

        @Command(value = "twice", help = """

                Ask twice, going on after Ctrl-D
                """)
        void twice() {
            String first = readLine("First? ");
            record(first == null ? "<null>" : first);
            String second = readLine("Second? ");
            writeResult("second " + second);
        }

        private void record(String answer) {
            answers.add(answer);
            answered.countDown();
        }
    }

    @Test
    void readLineShowsItsPromptAndReturnsTheTypedLineWhichGoesIntoTheHistory() {
        AskingHandler handler = new AskingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("ask\r").awaitText("ask\r\nName? ");
            run.client.type("Bob Smith\r").awaitText("Bob Smith\r\nhello Bob Smith\r\n" + PROMPT);
            assertEquals(List.of("Bob Smith"), handler.answers);
            run.client.type("history\r").awaitText("history\r\n");
            assertEquals("   1  ask\r\n   2  Bob Smith\r\n   3  history\r\n" + PROMPT, run.client.textUntil(PROMPT));
        }
    }

    @Test
    void readLineWithoutEchoShowsNothingAndKeepsNothingInTheHistory() {
        AskingHandler handler = new AskingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("secret\r").awaitText("Secret? ");
            run.client.type("hunter2\r");
            assertEquals("\r\ngot 7 characters\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(List.of("hunter2"), handler.answers);
            assertFalse(run.client.allText().contains("hunter2"));
            assertFalse(run.client.allText().contains("*"), "not even masked");

            run.client.type("\u001b[A").awaitScreen(s -> s.line().equals(PROMPT + "secret"), "Up recalls the command");
            run.client.type("\u0015history\r").awaitText("history\r\n");
            assertEquals("   1  secret\r\n   2  history\r\n" + PROMPT, run.client.textUntil(PROMPT));
        }
    }

    @Test
    void ctrlCWhileReadingALineThrowsInputInterruptedExceptionAndThePromptReturns() {
        AskingHandler handler = new AskingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("ask\r").awaitText("Name? ").type("Bo").send(0x03);
            assertEquals("Bo^C\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(List.of("<interrupted>"), handler.answers);
            assertFalse(run.client.allText().contains("Error in"), "an abandoned input is not a failure");
            run.client.type("echo next\r").awaitText("next\r\n" + PROMPT);
        }
    }

    @Test
    void readLineReturnsNullWhenTheClientHangsUp() {
        AskingHandler handler = new AskingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("ask\r").awaitText("Name? ").type("Bo");
            run.client.awaitScreen(s -> s.line().equals("Name? Bo"), "the typed answer");
            run.client.hangUp();
            RecordingHandler.await(handler.answered, "readLine to return");
            run.awaitEnd();
            assertEquals(List.of("<null>"), handler.answers);
            handler.assertEndedOnce();
        }
    }

    @Test
    void ctrlDInACommandsReadLineEndsOnlyThatInput() {
        AskingHandler handler = new AskingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("twice\r").awaitText("First? ").send(0x04);
            run.client.awaitText("Second? ").type("two\r").awaitText("second two\r\n" + PROMPT);
            assertEquals(List.of("<null>"), handler.answers);
            run.client.type("echo still open\r").awaitText("still open\r\n" + PROMPT);
            assertEquals(0, handler.ends.get());
            assertTrue(!run.client.serverClosed());
        }
    }

    @Test
    void ctrlDAtTheContinuationPromptAbandonsTheCommandAndTheSessionGoesOn() {
        AskingHandler handler = new AskingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo \"open quote\r").awaitText("\r\n... ").send(0x04);
            run.client.awaitText(PROMPT).type("echo closed\r").awaitText("closed\r\n" + PROMPT);
            assertEquals(List.of("echo closed"), handler.echoed);
            assertEquals(0, handler.ends.get());
        }
    }
}
