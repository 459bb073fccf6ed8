package io.github.telnetsrv.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of the {@code help} command, in the original library's formats.
 *
 * <pre>
 * ? [&lt;command&gt;] - Display help
 * BYE - Exit the command shell
 * ECHO &lt;text to echo&gt; - Echo text back to the console.
 * </pre>
 *
 * <p>Stateless and thread-safe. Lines carry no line terminator.
 */
public final class HelpFormatter {

    private HelpFormatter() {
    }

    /**
     * The summary {@code help} prints: one line per visible name (each alias has its own line), sorted:
     * {@code "NAME PARAMS - SHORT"}, or {@code "NAME - SHORT"} when the command has no parameters line.
     *
     * @param registry the handler's commands
     * @return the lines
     */
    public static List<String> summary(CommandRegistry registry) {
        List<String> lines = new ArrayList<>(registry.visibleNames().size());
        for (String name : registry.visibleNames()) {
            CommandInfo command = registry.find(name).orElseThrow();
            lines.add(heading(name, command) + " - " + command.shortText());
        }
        return List.copyOf(lines);
    }

    /**
     * The detail {@code help NAME} prints, hidden commands included: {@code "NAME PARAMS"} (or {@code "NAME"}
     * when the command has no parameters line) with the name as asked for, upper case; an empty line; then
     * the long text, line by line. For an unknown name, the single line {@code "Command 'NAME' not known"}.
     *
     * @param registry the handler's commands
     * @param name the name asked for, any case
     * @return the lines
     */
    public static List<String> detail(CommandRegistry registry, String name) {
        String upper = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        Optional<CommandInfo> found = registry.find(upper);
        if (found.isEmpty()) {
            return List.of("Command '" + upper + "' not known");
        }
        List<String> lines = new ArrayList<>();
        lines.add(heading(upper, found.get()));
        lines.add("");
        lines.addAll(found.get().longTextLines());
        found.get().signature().ifPresent(signature -> lines.addAll(signature.helpLines()));
        return List.copyOf(lines);
    }

    private static String heading(String name, CommandInfo command) {
        return command.parameters().isBlank() ? name : name + " " + command.parameters();
    }
}
