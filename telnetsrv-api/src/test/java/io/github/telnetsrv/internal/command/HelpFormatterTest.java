package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.internal.command.SeedHandlers.SeedHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpFormatterTest {

    private static final CommandRegistry SEED = CommandRegistry.of(SeedHandler.class);

    @Test
    void seedSummaryHasOneLinePerVisibleNameSorted() {
        assertEquals(List.of(
                "? [<command>] - Display help",
                "BYE - Exit the command shell",
                "ECHO <text to echo> - Echo text back to the console.",
                "EXIT - Exit the command shell",
                "HELP [<command>] - Display help",
                "LOGOUT - Exit the command shell",
                "QUIT - Exit the command shell"), HelpFormatter.summary(SEED));
    }

    @Test
    void seedDetailOfEchoShowsParametersThenLongText() {
        assertEquals(List.of(
                "ECHO <text to echo>",
                "",
                "This command simply echos the provided text",
                "back to the console."), HelpFormatter.detail(SEED, "echo"));
    }

    @Test
    void detailWithoutParametersIsHeadedByTheNameAlone() {
        assertEquals(List.of("BYE", "", "Exit the command shell"), HelpFormatter.detail(SEED, "bye"));
    }

    @Test
    void detailIsHeadedByTheNameAskedFor() {
        assertEquals("? [<command>]", HelpFormatter.detail(SEED, "?").get(0));
        assertEquals("LOGOUT", HelpFormatter.detail(SEED, "Logout").get(0));
    }

    @Test
    void detailOfAnUnknownNameSaysSoUpperCase() {
        assertEquals(List.of("Command 'FOO' not known"), HelpFormatter.detail(SEED, "foo"));
    }

    static class WithHidden extends SeedHandlers.BuiltIns {
        @Command(value = "secret", hidden = true, help = """
                <code>
                Unlock the door
                Unlocks the door
                when the code is right.
                """)
        void secret(List<String> params) {
        }

        @Command(value = "copy", help = "<text>\nCopy text")
        @Command(value = "ditto", hidden = true)
        void copy(List<String> params) {
        }
    }

    @Test
    void hiddenCommandsAreLeftOutOfTheSummary() {
        assertEquals(List.of(
                "? [<command>] - Display help",
                "BYE - Exit the command shell",
                "EXIT - Exit the command shell",
                "HELP [<command>] - Display help",
                "LOGOUT - Exit the command shell",
                "QUIT - Exit the command shell"), HelpFormatter.summary(CommandRegistry.of(WithHidden.class)));
    }

    @Test
    void hiddenCommandsStillHaveTheirDetail() {
        CommandRegistry registry = CommandRegistry.of(WithHidden.class);
        assertEquals(List.of("SECRET <code>", "", "Unlocks the door", "when the code is right."),
                HelpFormatter.detail(registry, "secret"));
        assertEquals(List.of("COPY <text>", "", "Copy text"), HelpFormatter.detail(registry, "copy"));
    }

    static class ReadmeExample {
        @Command(value = {"echo", "copy", "repeat"}, help = """
                <text to echo>
                Echo text back to the console.

                """)
        void echo(List<String> params) {
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
        }
    }

    @Test
    void readmeExampleListsEachAliasAndTheTimer() {
        assertEquals(List.of(
                "COPY <text to echo> - Echo text back to the console.",
                "ECHO <text to echo> - Echo text back to the console.",
                "REPEAT <text to echo> - Echo text back to the console.",
                "TIMER <time> <message> - In <time> seconds, display <message>."),
                HelpFormatter.summary(CommandRegistry.of(ReadmeExample.class)));
    }

    @Test
    void readmeExampleBlankLongTextFallsBackToTheShortText() {
        assertEquals(List.of("REPEAT <text to echo>", "", "Echo text back to the console."),
                HelpFormatter.detail(CommandRegistry.of(ReadmeExample.class), "repeat"));
    }

    @Test
    void readmeExampleTimerDetailKeepsEveryLongLine() {
        assertEquals(List.of(
                "TIMER <time> <message>",
                "",
                "Send a message after a delay.",
                "<time> is in seconds.",
                "If <message> is more than one word, quotes are required.",
                "example:",
                "> TIMER 5 \"hello world!\""), HelpFormatter.detail(CommandRegistry.of(ReadmeExample.class), "timer"));
    }
}
