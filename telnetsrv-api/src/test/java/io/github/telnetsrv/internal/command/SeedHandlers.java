package io.github.telnetsrv.internal.command;

import io.github.telnetsrv.Command;
import java.util.List;

/** Handlers shaped like the seed page's: built-in stand-ins plus {@code echo}. */
final class SeedHandlers {

    private SeedHandlers() {
    }

    /** Stands in for the built-in commands of the real handler base class. */
    static class BuiltIns {
        final CallLog log = new CallLog();

        @Command(value = {"help", "?"}, help = """
                [<command>]
                Display help
                Display either brief help on all commands, or detailed
                help on a single command passed as a parameter.
                """)
        void help(List<String> params) {
            log.record("built-in help " + params);
        }

        @Command(value = {"exit", "quit", "bye", "logout"}, help = """

                Exit the command shell
                """)
        void exit() {
            log.record("built-in exit");
        }
    }

    /** The seed page's {@code echo}, on top of the built-ins. */
    static class SeedHandler extends BuiltIns {
        @Command(value = "echo", help = """
                <text to echo>
                Echo text back to the console.
                This command simply echos the provided text
                back to the console.
                """)
        void echo(List<String> params) {
            log.record("echo " + params);
        }
    }
}
