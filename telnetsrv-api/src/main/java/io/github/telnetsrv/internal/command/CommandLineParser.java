package io.github.telnetsrv.internal.command;

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
 *       incomplete}: the session asks for another line and goes on parsing from where it stopped
 *       ({@link #lines()}).</li>
 * </ul>
 *
 * <p>{@link #parse} is stateless and thread-safe; neither it nor {@link Lines} ever throws on any text.
 */
public final class CommandLineParser {

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
        Lines lines = new Lines();
        lines.scan(text);
        return lines.result();
    }

    /**
     * Starts an incremental parse: feed the first line, then each continuation line while the result is
     * {@link ParseResult.Incomplete}. Each line is scanned once, so a command of many lines costs its length,
     * not the square of it.
     *
     * @return a new parse, confined to the calling thread
     */
    public static Lines lines() {
        return new Lines();
    }

    /**
     * An incremental parse of one command line and its continuation lines: the same words as {@link #parse} of
     * the lines joined with {@code "\n"}. Not thread-safe.
     */
    public static final class Lines {

        private enum State { UNQUOTED, UNQUOTED_ESCAPE, SINGLE_QUOTED, DOUBLE_QUOTED, DOUBLE_QUOTED_ESCAPE }

        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        private State state = State.UNQUOTED;
        private int lineCount;
        private long length;
        private boolean complete;

        private Lines() {
        }

        /**
         * Adds the next line: the first one, or a continuation line (joined to the text so far with
         * {@code "\n"}).
         *
         * @param line the line, without its line end
         * @return the words once the command line is complete, else {@link ParseResult.Incomplete}
         * @throws IllegalStateException if the command line was already complete
         */
        public ParseResult add(String line) {
            Objects.requireNonNull(line, "line");
            if (complete) {
                throw new IllegalStateException("add: the command line is complete (expected: a new parse)");
            }
            if (lineCount++ > 0) {
                scan('\n');
                length++;
            }
            scan(line);
            return result();
        }

        /**
         * The characters added so far, counting one for each join of two lines.
         *
         * @return the length of the text so far
         */
        public long length() {
            return length;
        }

        private void scan(String text) {
            for (int i = 0; i < text.length(); i++) {
                scan(text.charAt(i));
            }
            length += text.length();
        }

        private void scan(char c) {
            switch (state) {
                case UNQUOTED -> {
                    if (c == ' ' || c == '\t' || c == '\n') {
                        endWord();
                    } else if (c == '\\') {
                        state = State.UNQUOTED_ESCAPE;
                    } else if (c == '\'') {
                        state = State.SINGLE_QUOTED;
                        inWord = true;
                    } else if (c == '"') {
                        state = State.DOUBLE_QUOTED;
                        inWord = true;
                    } else {
                        word.append(c);
                        inWord = true;
                    }
                }
                case UNQUOTED_ESCAPE -> {
                    // A backslash before a newline removes both; before anything else it quotes that character.
                    if (c != '\n') {
                        word.append(c);
                        inWord = true;
                    }
                    state = State.UNQUOTED;
                }
                case SINGLE_QUOTED -> {
                    if (c == '\'') {
                        state = State.UNQUOTED;
                    } else {
                        word.append(c);
                    }
                }
                case DOUBLE_QUOTED -> {
                    if (c == '"') {
                        state = State.UNQUOTED;
                    } else if (c == '\\') {
                        state = State.DOUBLE_QUOTED_ESCAPE;
                    } else {
                        word.append(c);
                    }
                }
                case DOUBLE_QUOTED_ESCAPE -> {
                    state = State.DOUBLE_QUOTED;
                    if (escapableInDoubleQuotes(c)) {
                        if (c != '\n') {
                            word.append(c);
                        }
                    } else {
                        word.append('\\');
                        scan(c);
                    }
                }
            }
        }

        private void endWord() {
            if (inWord) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        }

        private ParseResult result() {
            if (state != State.UNQUOTED) {
                return ParseResult.Incomplete.INSTANCE;
            }
            complete = true;
            endWord();
            return new ParseResult.Complete(words);
        }
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
