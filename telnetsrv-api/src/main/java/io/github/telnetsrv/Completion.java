package io.github.telnetsrv;

import java.util.List;
import java.util.Objects;

/**
 * What Tab is completing in a command's arguments, as {@link TelnetHandler#complete(Completion)} is told.
 *
 * @param command the command name as typed
 * @param argumentIndex the index of the word among the command's arguments (0 for the first word after the
 *     name; options and their values count as words)
 * @param option the option whose value is being completed (as typed, for example {@code "--times"}), or
 *     {@code null} when the word is not an option's value
 * @param wordsBefore the arguments before the word, as parsed (quotes removed)
 * @param word the part of the word before the cursor
 * @param candidates what the command's declaration offers: option names for a word starting with a dash, an
 *     enum's constants, the values of a completer named on the parameter; empty for an untyped command
 */
public record Completion(String command, int argumentIndex, String option, List<String> wordsBefore, String word,
        List<String> candidates) {

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException if a component other than {@code option} is null
     */
    public Completion {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(word, "word");
        wordsBefore = List.copyOf(wordsBefore);
        candidates = List.copyOf(candidates);
    }
}
