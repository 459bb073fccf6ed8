package io.github.telnetsrv.bench;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.Option;
import io.github.telnetsrv.Param;
import io.github.telnetsrv.TelnetHandler;
import java.util.List;
import java.util.Locale;

/**
 * The handler the in-memory benchmarks serve: {@code echo} (words as typed, like the load harnesses'
 * {@code BenchHandler}) and {@code greet}, a typed command with options (as the demo's: {@code greet [--times N]
 * [--loud] NAME}).
 */
public class BenchCommands extends TelnetHandler {

    /** A handler; one per session. */
    public BenchCommands() {
    }

    @Command(value = "echo", help = """
            <text to echo>
            Echo text back to the console.
            """)
    void echo(List<String> params) {
        writeResult(String.join(" ", params));
    }

    @Command(value = "greet", help = """

            Greet someone.
            Prints "Hello, NAME!" N times, in capitals with --loud.
            """)
    void greet(@Option(value = {"-t", "--times"}, defaultValue = "1", description = "how many times") int times,
            @Option(value = {"-l", "--loud"}, description = "shout") boolean loud,
            @Param(name = "NAME", description = "who to greet") String name) {
        String line = "Hello, " + name + "!";
        for (int i = 0; i < times; i++) {
            writeResult(loud ? line.toUpperCase(Locale.ROOT) : line);
        }
    }
}
