package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.internal.editor.ScreenModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every example of the original library's documentation, typed into a session, with its exact text. */
class SeedExamplesTest {

    /** The handler of the "Command Help Text" and "Command Parameters" sections. */
    static class EchoHandler extends TelnetHandler {
        final List<List<String>> params = new CopyOnWriteArrayList<>();
        final List<String> raw = new CopyOnWriteArrayList<>();

        @Command(value = "echo", help = """
                <text to echo>
                Echo text back to the console.
                This command simply echos the provided text
                back to the console.
                """)
        void echo(List<String> words) {
            params.add(List.copyOf(words));
            raw.add(rawInput());
            writeResult(String.join(" ", words));
        }
    }

    /** The "Short Example": welcome, echo with two aliases, and a timer whose message is released by the test. */
    static class ShortExampleHandler extends TelnetHandler {
        final CountDownLatch fire = new CountDownLatch(1);

        @Override
        protected String welcome() {
            return "Welcome to my server.";
        }

        @Command(value = {"echo", "copy", "repeat"}, help = """
                <text to echo>
                Echo text back to the console.

                """)
        void echo(List<String> params) {
            writeResult(String.join(" ", params));
        }

        @Command(value = "timer", help = """
                <time> <message>
                In <time> seconds, display <message>.
                Send a message after a delay.
                <time> is in seconds.
                If <message> is more than one word, quotes are required.
                example:
                > TIMER 5 "hello world!"
                """)
        void timer(List<String> params) {
            int time;
            String message;
            try {
                time = Integer.parseInt(params.get(0));
                message = params.get(1);
            } catch (RuntimeException e) {
                writeError("Need both a time and a message");
                return;
            }
            writeResult("Waiting " + time + " seconds...");
            // The test stands in for the clock: the message goes out when it says so, from another thread.
            Thread.ofVirtual().start(() -> {
                try {
                    if (fire.await(10, TimeUnit.SECONDS)) {
                        writeMessage(message);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    static class AliasHandler extends TelnetHandler {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Command(value = "echo", help = """
                <text to echo>
                Echo text back to the console.
                """)
        @Command({"copy", "repeat"})
        @Command("ditto")
        void echo(List<String> params) {
            calls.add(String.join(" ", params));
            writeResult(String.join(" ", params));
        }
    }

    static class HiddenHandler extends TelnetHandler {
        @Command(value = {"echo", "copy"}, hidden = true, help = """
                <text to echo>
                Echo text back to the console.
                """)
        void echo(List<String> params) {
            writeResult(String.join(" ", params));
        }
    }

    static class StackedHiddenHandler extends TelnetHandler {
        @Command("echo")
        @Command(value = "copy", hidden = true, help = """
                <text to echo>
                Echo text back to the console.
                """)
        void echo(List<String> params) {
            writeResult(String.join(" ", params));
        }
    }

    private static final String PROMPT = "Telnet Server> ";

    @Test
    void parametersAreSplitOnSpacesWithQuotedTextKeptTogether() {
        EchoHandler handler = new EchoHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo 1  \"2    3\"\r");
            run.client.awaitText("1 2    3\r\n" + PROMPT);
            assertEquals(List.of(List.of("1", "2    3")), handler.params);
            assertEquals(List.of("echo 1  \"2    3\""), handler.raw);
        }
    }

    @Test
    void aCommandContinuesOnLinesAfterABackslashOrAnOpenQuoteWithTheContinuationPrompt() {
        EchoHandler handler = new EchoHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo 1 \\\r");
            run.client.awaitText("\r\n... ").type("2 \"3\r");
            run.client.awaitText("\r\n... ").type("4\"  \"5\\\r");
            run.client.awaitText("\r\n... ").type("6\"\r");
            run.client.awaitText(PROMPT);
            assertEquals(List.of(List.of("1", "2", "3\n4", "56")), handler.params);
            assertEquals(List.of("echo 1 \\\n2 \"3\n4\"  \"5\\\n6\""), handler.raw);
        }
    }

    @Test
    void aBackslashKeepsASpaceInsideAParameter() {
        EchoHandler handler = new EchoHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo 1\\ 2\r");
            run.client.awaitText(PROMPT);
            assertEquals(List.of(List.of("1 2")), handler.params);
        }
    }

    @Test
    void helpListsEveryCommandWithItsParametersAndShortText() {
        try (SessionRun run = SessionRun.start(new EchoHandler())) {
            run.client.awaitText(PROMPT).type("help\r");
            run.client.awaitText("help\r\n");
            assertEquals("""
                    ? [<command>] - Display help\r
                    BYE - Exit the command shell\r
                    ECHO <text to echo> - Echo text back to the console.\r
                    EXIT - Exit the command shell\r
                    HELP [<command>] - Display help\r
                    HISTORY - Display the command history\r
                    LOGOUT - Exit the command shell\r
                    QUIT - Exit the command shell\r
                    """ + PROMPT, run.client.textUntil(PROMPT));
        }
    }

    @Test
    void helpWithACommandShowsItsHeadingAndLongText() {
        try (SessionRun run = SessionRun.start(new EchoHandler())) {
            run.client.awaitText(PROMPT).type("help echo\r");
            run.client.awaitText("help echo\r\n");
            assertEquals("""
                    ECHO <text to echo>\r
                    \r
                    This command simply echos the provided text\r
                    back to the console.\r
                    """ + PROMPT, run.client.textUntil(PROMPT));
        }
    }

    @Test
    void helpOfACommandWithoutLongTextRepeatsItsShortText() {
        try (SessionRun run = SessionRun.start(new ShortExampleHandler())) {
            run.client.awaitText(PROMPT).type("help copy\r");
            run.client.awaitText("help copy\r\n");
            assertEquals("COPY <text to echo>\r\n\r\nEcho text back to the console.\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
        }
    }

    @Test
    void helpOfAnUnknownCommandSaysSo() {
        try (SessionRun run = SessionRun.start(new EchoHandler())) {
            run.client.awaitText(PROMPT).type("help nosuch\r");
            run.client.awaitText("help nosuch\r\n");
            assertEquals("Command 'NOSUCH' not known\r\n" + PROMPT, run.client.textUntil(PROMPT));
        }
    }

    @Test
    void everyAliasOfAStackedDeclarationRunsTheCommandAndIsListed() {
        AliasHandler handler = new AliasHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            for (String name : List.of("echo", "COPY", "Repeat", "ditto")) {
                run.client.awaitText(PROMPT).type(name + " via " + name + "\r");
                run.client.awaitText("\r\nvia " + name + "\r\n");
            }
            run.client.awaitText(PROMPT).type("help\r");
            String help = run.client.textUntil(PROMPT);
            for (String name : List.of("COPY", "DITTO", "ECHO", "REPEAT")) {
                assertTrue(help.contains("\r\n" + name + " <text to echo> - Echo text back to the console.\r\n"),
                        name + " in " + TestClient.quote(help));
            }
            assertEquals(List.of("via echo", "via COPY", "via Repeat", "via ditto"), handler.calls);
        }
    }

    @Test
    void aHiddenCommandIsLeftOutOfHelpButRunsAndHasDetailedHelp() {
        try (SessionRun run = SessionRun.start(new HiddenHandler())) {
            run.client.awaitText(PROMPT).type("help\r");
            String help = run.client.textUntil(PROMPT);
            assertTrue(help.contains("BYE - Exit the command shell"), help);
            assertTrue(!help.contains("ECHO") && !help.contains("COPY"), help);
            run.client.type("copy still works\r");
            run.client.awaitText("still works\r\n" + PROMPT);
            run.client.type("help echo\r");
            run.client.awaitText("help echo\r\n");
            assertEquals("ECHO <text to echo>\r\n\r\nEcho text back to the console.\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
        }
    }

    @Test
    void hiddenOnAnyStackedAnnotationHidesEveryName() {
        try (SessionRun run = SessionRun.start(new StackedHiddenHandler())) {
            run.client.awaitText(PROMPT).type("help\r");
            String help = run.client.textUntil(PROMPT);
            assertTrue(!help.contains("ECHO") && !help.contains("COPY"), help);
        }
    }

    @Test
    void theShortExampleWelcomesAndEchoesThroughEveryAlias() {
        try (SessionRun run = SessionRun.start(new ShortExampleHandler())) {
            run.client.awaitText("Welcome to my server.\r\n" + PROMPT);
            run.client.type("echo hello world\r").awaitText("hello world\r\n" + PROMPT);
            run.client.type("copy a\r").awaitText("a\r\n" + PROMPT);
            run.client.type("repeat \"b  c\"\r").awaitText("b  c\r\n" + PROMPT);
        }
    }

    @Test
    void theTimerNeedsATimeAndAMessage() {
        try (SessionRun run = SessionRun.start(new ShortExampleHandler())) {
            run.client.awaitText(PROMPT).type("timer soon\r");
            run.client.awaitText("Need both a time and a message\r\n" + PROMPT);
        }
    }

    @Test
    void theTimerMessageAppearsAboveThePromptAndThePartlyTypedLineIsRedrawn() {
        ShortExampleHandler handler = new ShortExampleHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("timer 5 \"hello world!\"\r");
            run.client.awaitText("Waiting 5 seconds...\r\n" + PROMPT);
            run.client.type("echo partly\u001b[D\u001b[D");
            run.client.awaitScreen(s -> s.line().equals(PROMPT + "echo partly")
                    && s.cursorColumn() == (PROMPT + "echo part").length(), "the partly typed line");

            handler.fire.countDown();

            ScreenModel screen = run.client.awaitScreen(s -> s.rows().contains("hello world!"), "the message");
            List<String> rows = screen.rows();
            int message = rows.indexOf("hello world!");
            assertEquals(PROMPT + "echo partly", rows.get(message + 1), "the line is redrawn below the message");
            assertEquals(message + 1, screen.cursorRow());
            assertEquals((PROMPT + "echo part").length(), screen.cursorColumn(), "the cursor is where it was");

            run.client.type("X\r");
            run.client.awaitText("\r\npartXly\r\n" + PROMPT);
        }
    }
}
