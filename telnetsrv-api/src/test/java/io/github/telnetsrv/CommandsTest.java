package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Running commands: failures, unknown names, replaced built-ins, exit, history and the raw input. */
class CommandsTest {

    static class FailingHandler extends RecordingHandler {
        @Command(value = "fail", help = """

                Fail with an unchecked exception
                """)
        void fail() {
            throw new IllegalStateException("disk on fire\nsecond line of detail");
        }

        @Command(value = "failchecked", help = """

                Fail with a checked exception
                """)
        void failChecked() throws IOException {
            throw new IOException("no route");
        }

        @Command(value = "recurse", help = """

                Recurse until the stack overflows
                """)
        void recurse() {
            recurse(0);
        }

        private int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }

        @Command(value = "assert", help = """

                Fail an assertion
                """)
        void failAssertion() {
            throw new AssertionError("invariant broken");
        }
    }

    static class CustomFailureHandler extends FailingHandler {
        @Override
        protected void commandFailed(String command, Throwable failure) {
            writeError("[" + command + "] " + failure.getClass().getSimpleName());
        }
    }

    static class FailingFailureHandler extends FailingHandler {
        @Override
        protected void commandFailed(String command, Throwable failure) {
            throw new IllegalArgumentException("the failure hook failed too");
        }
    }

    static class OwnBuiltInsHandler extends RecordingHandler {
        @Command(value = "help", help = """
                [<topic>]
                My own help
                """)
        void myHelp(List<String> params) {
            writeResult("my own help " + params);
        }

        @Command(value = "exit", help = """

                Refuse to exit
                """)
        void myExit() {
            writeResult("no exit here");
        }
    }

    static class HistoryHandler extends RecordingHandler {
        @Command(value = "plant", help = """

                Replace the history with one line
                """)
        void plant() {
            history().clear();
            history().add("echo planted");
        }
    }

    /** The reference in an internal error line, from the client's text: six hex digits. */
    private static final java.util.regex.Pattern INTERNAL_ERROR =
            java.util.regex.Pattern.compile("Error in ([A-Z]+): internal error \\(ref ([0-9a-f]{6})\\)\r\n");

    private static String reference(String text, String command) {
        java.util.regex.Matcher matcher = INTERNAL_ERROR.matcher(text);
        assertTrue(matcher.find(), "an internal error line: " + TestClient.quote(text));
        assertEquals(command, matcher.group(1));
        return matcher.group(2);
    }

    @Test
    void aCommandThatThrowsShowsAnInternalErrorWithAReferenceAndTheSessionGoesOn() {
        FailingHandler handler = new FailingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("fail\r").awaitText("fail\r\n");
            String failed = run.client.textUntil(PROMPT);
            reference(failed, "FAIL");
            run.client.type("failchecked\r").awaitText("failchecked\r\n");
            String failedChecked = run.client.textUntil(PROMPT);
            assertTrue(failedChecked.matches("Error in FAILCHECKED: internal error \\(ref [0-9a-f]{6}\\)\r\n"
                    + java.util.regex.Pattern.quote(PROMPT)), TestClient.quote(failedChecked));
            run.client.type("echo still here\r").awaitText("still here\r\n" + PROMPT);

            String all = run.client.allText();
            assertFalse(all.contains("disk on fire") || all.contains("no route") || all.contains("at io.github")
                    || all.contains("Exception"), "no message, stack trace or detail for the client: "
                    + TestClient.quote(all));
            assertEquals(0, handler.ends.get());
        }
    }

    @Test
    void theLogCarriesTheReferenceWithTheFailureAndItsStackTraceAtError() {
        FailingHandler handler = new FailingHandler();
        try (LogCapture log = LogCapture.start(); SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("fail\r").awaitText("fail\r\n");
            String ref = reference(run.client.textUntil(PROMPT), "FAIL");
            String logged = log.text();
            int line = logged.indexOf("command fail failed (ref " + ref + ")");
            assertTrue(line >= 0, "the log line with the reference: " + logged);
            String entry = logged.substring(logged.lastIndexOf('\n', line) + 1);
            assertTrue(entry.startsWith("[") && entry.contains(" ERROR "), "at ERROR: " + entry);
            assertTrue(entry.contains("java.lang.IllegalStateException: disk on fire"), entry);
            assertTrue(entry.contains("at io.github.telnetsrv.CommandsTest$FailingHandler.fail("), "the stack trace: "
                    + entry);
        }
    }

    @Test
    void aCommandThatOverflowsTheStackOrFailsAnAssertionIsReportedLikeAnExceptionAndTheSessionGoesOn() {
        FailingHandler handler = new FailingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("recurse\r").awaitText("recurse\r\n");
            reference(run.client.textUntil(PROMPT), "RECURSE");
            run.client.type("assert\r").awaitText("assert\r\n");
            reference(run.client.textUntil(PROMPT), "ASSERT");
            run.client.type("echo still here\r").awaitText("still here\r\n" + PROMPT);
            assertEquals(0, handler.ends.get());
        }
    }

    static class MessageHandler extends RecordingHandler {
        @Command(value = "restart", help = """
                SERVICE
                Restart a service
                """)
        void restart(List<String> params) {
            throw new CommandException("no service named " + params.get(0) + "\nsecond line not shown",
                    new IOException("internal detail"));
        }

        @Command(value = "quota", help = """

                Fail with a handler's own exception type
                """)
        void quota() {
            throw new QuotaExceeded("quota of 5 jobs reached");
        }

        @Command(value = "npe", help = """

                Fail with a bug
                """)
        void npe() {
            throw new NullPointerException("Cannot invoke \"Object.toString()\" because \"o\" is null");
        }

        @Override
        protected boolean showsMessage(Throwable failure) {
            return failure instanceof QuotaExceeded || super.showsMessage(failure);
        }
    }

    static final class QuotaExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QuotaExceeded(String message) {
            super(message);
        }
    }

    @Test
    void aCommandExceptionAndTheTypesAHandlerChoosesShowTheirMessageAndNothingElseDoes() {
        try (SessionRun run = SessionRun.start(new MessageHandler())) {
            run.client.awaitText(PROMPT).type("restart web\r").awaitText("restart web\r\n");
            assertEquals("Error in RESTART: no service named web\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("quota\r").awaitText("quota\r\n");
            assertEquals("Error in QUOTA: quota of 5 jobs reached\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("npe\r").awaitText("npe\r\n");
            reference(run.client.textUntil(PROMPT), "NPE");
            assertFalse(run.client.allText().contains("Object.toString()"), "the bug's message stays in the log");
            assertFalse(run.client.allText().contains("internal detail"));
        }
    }

    @Test
    void aCommandsFailureEndsAnExecWithStatusOne() {
        assertEquals(TelnetHandler.EXIT_FAILED, ExecRun.exec(new FailingHandler(), "fail").status());
        ExecRun.Result shown = ExecRun.exec(new MessageHandler(), "restart db");
        assertEquals(TelnetHandler.EXIT_FAILED, shown.status());
        assertEquals("Error in RESTART: no service named db\n", shown.output());
    }

    @Test
    void commandFailedCanBeOverridden() {
        try (SessionRun run = SessionRun.start(new CustomFailureHandler())) {
            run.client.awaitText(PROMPT).type("fail\r").awaitText("fail\r\n");
            assertEquals("[fail] IllegalStateException\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertFalse(run.client.allText().contains("Error in"));
        }
    }

    @Test
    void aCommandFailedHookThatThrowsDoesNotEndTheSession() {
        FailingFailureHandler handler = new FailingFailureHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("fail\r").awaitText("fail\r\n" + PROMPT);
            run.client.type("echo alive\r").awaitText("alive\r\n" + PROMPT);
            assertEquals(0, handler.ends.get());
        }
    }

    @Test
    void anUnknownCommandIsNamedInAnErrorLineAndTheSessionGoesOn() {
        try (SessionRun run = SessionRun.start(new RecordingHandler())) {
            run.client.awaitText(PROMPT).type("frobnicate now\r").awaitText("frobnicate now\r\n");
            assertEquals("Unknown command 'FROBNICATE'\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("echo ok\r").awaitText("ok\r\n" + PROMPT);
        }
    }

    @Test
    void anEmptyOrBlankLineRunsNothing() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("\r").awaitText("\r\n" + PROMPT).type("   \r");
            assertEquals("   \r\n" + PROMPT, run.client.textUntil(PROMPT));
        }
    }

    @Test
    void aHandlersOwnHelpAndExitReplaceTheBuiltInsOfThoseNamesOnly() {
        OwnBuiltInsHandler handler = new OwnBuiltInsHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("help me\r").awaitText("help me\r\n");
            assertEquals("my own help [me]\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("exit\r").awaitText("exit\r\n");
            assertEquals("no exit here\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("?\r").awaitText("?\r\n");
            String builtInHelp = run.client.textUntil(PROMPT);
            assertTrue(builtInHelp.startsWith("? [<command>] - Display help\r\n"), TestClient.quote(builtInHelp));
            assertTrue(builtInHelp.contains("EXIT - Refuse to exit\r\n"), TestClient.quote(builtInHelp));
            assertTrue(builtInHelp.contains("HELP [<topic>] - My own help\r\n"), TestClient.quote(builtInHelp));
            run.client.type("quit\r").awaitText("Goodbye\r\n");
            run.client.awaitClosed();
            handler.assertEndedOnce();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exit", "quit", "bye", "logout", "EXIT"})
    void everyExitNameSaysGoodbyeAndClosesTheSession(String name) {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type(name + "\r").awaitText(name + "\r\n");
            run.client.awaitClosed();
            run.awaitEnd();
            assertEquals("Goodbye\r\n", run.client.textUntil("Goodbye\r\n"));
            assertTrue(run.client.allText().endsWith("Goodbye\r\n"), "nothing after Goodbye, not even a prompt");
            handler.assertEndedOnce();
        }
    }

    @Test
    void historyListsThePreviousCommandsNumbered() {
        try (SessionRun run = SessionRun.start(new RecordingHandler())) {
            run.client.awaitText(PROMPT).type("echo a\r").awaitText(PROMPT).type("nosuch\r").awaitText(PROMPT);
            run.client.type("echo a\r").awaitText(PROMPT).type("echo b\r").awaitText(PROMPT).type("history\r");
            run.client.awaitText("history\r\n");
            assertEquals("   1  echo a\r\n   2  nosuch\r\n   3  echo a\r\n   4  echo b\r\n   5  history\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
        }
    }

    @Test
    void aCommandCanChangeTheHistoryThatUpBrowses() {
        RecordingHandler handler = new HistoryHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo old\r").awaitText(PROMPT).type("plant\r").awaitText(PROMPT);
            run.client.type("\u001b[A\r").awaitText("planted\r\n" + PROMPT);
            run.client.type("history\r").awaitText("history\r\n");
            assertEquals("   1  echo planted\r\n   2  history\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(List.of("echo old", "echo planted"), handler.echoed);
        }
    }

    @Test
    void rawInputIsTheCommandLineExactlyAsTyped() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("  ECHO   'a  b'\\ c  \"d\"\r").awaitText("a  b c d\r\n" + PROMPT);
            assertEquals(List.of("  ECHO   'a  b'\\ c  \"d\""), handler.echoed);
        }
    }

    @Test
    void aHandlerWhosePromptMethodsFailOrGiveNullStillServes() {
        RecordingHandler handler = new RecordingHandler() {
            @Override
            protected String prompt() {
                return echoed.isEmpty() ? null : "> ";
            }

            @Override
            protected String continuationPrompt() {
                throw new IllegalStateException("no continuation prompt today");
            }
        };
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("You have connected to the telnet server.\r\n").type("echo first\r");
            run.client.awaitText("first\r\n> ").type("echo 'two\r").type("lines'\r");
            run.client.awaitText("\r\n... lines'\r\ntwo\r\nlines\r\n> ");
            assertEquals(List.of("echo first", "echo 'two\nlines'"), handler.echoed);
        }
    }
}
