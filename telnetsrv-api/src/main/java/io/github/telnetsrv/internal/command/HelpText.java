package io.github.telnetsrv.internal.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The help text of one command, split by the docstring rule: line 0 = parameters (may be blank), line 1 =
 * short text (mandatory), lines 2 and on = long text (if absent or blank, the short text).
 */
record HelpText(String parameters, String shortText, String longText) {

    /** What a help text must look like; the tail of every help error message. */
    static final String EXPECTED =
            "(expected: line 0 = parameters, may be blank; line 1 = short text; lines 2+ = long text)";

    /**
     * Splits a help text. Lines 0 and 1 are trimmed. The long text loses its leading and trailing blank
     * lines, the trailing whitespace of each line and the indentation its non-blank lines have in common,
     * so an indented text block and a flush-left string give the same result.
     *
     * @throws IllegalArgumentException if line 1 is missing or blank
     */
    static HelpText parse(String help) {
        List<String> lines = help.lines().toList();
        String parameters = lines.isEmpty() ? "" : lines.get(0).strip();
        String shortText = lines.size() < 2 ? "" : lines.get(1).strip();
        if (shortText.isEmpty()) {
            throw new IllegalArgumentException("help has no short text on line 1 " + EXPECTED);
        }
        String longText = longText(lines.subList(Math.min(2, lines.size()), lines.size()));
        return new HelpText(parameters, shortText, longText.isEmpty() ? shortText : longText);
    }

    private static String longText(List<String> lines) {
        int first = 0;
        int end = lines.size();
        while (first < end && lines.get(first).isBlank()) {
            first++;
        }
        while (end > first && lines.get(end - 1).isBlank()) {
            end--;
        }
        int indent = Integer.MAX_VALUE;
        for (String line : lines.subList(first, end)) {
            if (!line.isBlank()) {
                indent = Math.min(indent, leadingWhitespace(line));
            }
        }
        List<String> kept = new ArrayList<>(end - first);
        for (String line : lines.subList(first, end)) {
            kept.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        return String.join("\n", kept);
    }

    private static int leadingWhitespace(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
