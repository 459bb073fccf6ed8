package io.github.telnetsrv.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a command line into words the way Bash does, with continuation lines.
 *
 * <ul>
 *   <li>Words are separated by spaces, tabs and unquoted newlines.</li>
 *   <li>{@code "..."} and {@code '...'} group text into one word, and quoted parts join the text around
 *       them: {@code a"b c"d} is {@code ab cd}; {@code ""} is an empty word.</li>
 *   <li>Outside quotes, {@code \x} is a literal {@code x}.</li>
 *   <li>Inside double quotes a backslash escapes only {@code "}, {@code \}, {@code $}, {@code `} and a newline;
 *       before anything else it is kept. Inside single quotes nothing is special.</li>
 *   <li>A backslash before a newline (outside quotes or inside double quotes) removes both: the line goes
 *       on. A newline inside quotes is kept.</li>
 *   <li>A trailing unquoted backslash or an unterminated quote makes the text {@link ParseResult.Incomplete
 *       incomplete}: the session asks for another line, joins it with {@code "\n"} and parses again.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; never throws on any text.
 */
public final class CommandLineParser {

    private enum State { UNQUOTED, SINGLE_QUOTED, DOUBLE_QUOTED }

    private CommandLineParser() {
    }

    /**
     * Parses the lines typed so far.
     *
     * @param text the lines typed so far, joined with {@code "\n"}
     * @return the words, or {@link ParseResult.Incomplete} if another line is needed
     */
    public static ParseResult parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        State state = State.UNQUOTED;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            switch (state) {
                case UNQUOTED -> {
                    if (c == ' ' || c == '\t' || c == '\n') {
                        if (inWord) {
                            words.add(word.toString());
                            word.setLength(0);
                            inWord = false;
                        }
                        i++;
                    } else if (c == '\\') {
                        if (i + 1 == text.length()) {
                            return ParseResult.Incomplete.INSTANCE;
                        }
                        char next = text.charAt(i + 1);
                        if (next != '\n') {
                            word.append(next);
                            inWord = true;
                        }
                        i += 2;
                    } else {
                        if (c == '\'') {
                            state = State.SINGLE_QUOTED;
                        } else if (c == '"') {
                            state = State.DOUBLE_QUOTED;
                        } else {
                            word.append(c);
                        }
                        inWord = true;
                        i++;
                    }
                }
                case SINGLE_QUOTED -> {
                    if (c == '\'') {
                        state = State.UNQUOTED;
                    } else {
                        word.append(c);
                    }
                    i++;
                }
                case DOUBLE_QUOTED -> {
                    if (c == '"') {
                        state = State.UNQUOTED;
                        i++;
                    } else if (c == '\\' && i + 1 < text.length() && escapableInDoubleQuotes(text.charAt(i + 1))) {
                        if (text.charAt(i + 1) != '\n') {
                            word.append(text.charAt(i + 1));
                        }
                        i += 2;
                    } else {
                        word.append(c);
                        i++;
                    }
                }
            }
        }
        if (state != State.UNQUOTED) {
            return ParseResult.Incomplete.INSTANCE;
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new ParseResult.Complete(words);
    }

    private static boolean escapableInDoubleQuotes(char c) {
        return c == '"' || c == '\\' || c == '$' || c == '`' || c == '\n';
    }

    /**
     * What {@link #parse} found: the words of a complete command line, or the need for another line.
     */
    public sealed interface ParseResult {

        /**
         * A complete command line.
         *
         * @param words the words: the command name first, then its parameters; empty for a blank line
         */
        record Complete(List<String> words) implements ParseResult {
            /** Copies the words. */
            public Complete {
                words = List.copyOf(words);
            }
        }

        /**
         * The text ends inside a quote or with an unquoted backslash: another line is needed.
         */
        record Incomplete() implements ParseResult {
            static final Incomplete INSTANCE = new Incomplete();
        }
    }
}
