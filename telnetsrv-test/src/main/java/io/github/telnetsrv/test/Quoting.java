package io.github.telnetsrv.test;

import java.time.Duration;

/** How failure messages show text and durations. Stateless. */
final class Quoting {

    private Quoting() {
    }

    /** Text as a Java string literal: control characters escaped ({@code \r}, {@code \e}, {@code \u0007}). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        escape(text, true, out);
        return out.append('"').toString();
    }

    /**
     * Text over several lines for reading: control characters escaped as in {@link #quote}, and a real line
     * break after each {@code \n}; each line is indented and ends with a bar, so trailing blanks show.
     */
    static String block(String text) {
        if (text.isEmpty()) {
            return "  (nothing)";
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            out.append("  |");
            escape(text.substring(start, end), false, out);
            out.append("|\n");
            start = end;
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** A duration as a person writes it: {@code 250 ms}, {@code 10 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The text after the last {@code "\n"}. */
    static String lastLine(String text) {
        return text.substring(text.lastIndexOf('\n') + 1);
    }

    private static void escape(String text, boolean literal, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\u001b' -> out.append("\\e");
                default -> {
                    if (literal && (c == '"' || c == '\\')) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
