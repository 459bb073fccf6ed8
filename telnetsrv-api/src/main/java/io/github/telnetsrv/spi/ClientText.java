package io.github.telnetsrv.spi;

/**
 * Text a client chose (a user name, a terminal type, a command line, an environment value), made safe to put in a
 * log line: control characters cannot end the line, forge another one, or move a terminal's cursor when the log is
 * read on one.
 *
 * <p>{@link #forLog} escapes C0 and C1 control characters, DEL, the Unicode line and paragraph separators and the
 * bidirectional controls (which reorder what a reader sees) as {@code \n}, {@code \r}, {@code \t}, {@code \e} or
 * {@code \}{@code uXXXX}, doubles a backslash (so an escape in the log is always one the server wrote), and cuts
 * text longer than {@value #MAX_LOGGED} characters, saying how many were left out. Linear in the text's length,
 * at most {@value #MAX_LOGGED} characters are looked at.
 *
 * <p>{@link #printable} is for text shown rather than logged (to a handler, to an operator's terminal): the same
 * characters are replaced by U+FFFD, the rest is kept as it is, at any length. Stateless; any thread.
 */
public final class ClientText {

    /** The most characters of one client string a log line shows. */
    public static final int MAX_LOGGED = 256;

    private ClientText() {
    }

    /**
     * The text, escaped and bounded for a log line.
     *
     * @param text the client's text; {@code null} gives {@code "null"}
     * @return one line of printable text
     */
    public static String forLog(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int shown = Math.min(text.length(), MAX_LOGGED);
        if (shown > 0 && shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
            shown--; // never cut a surrogate pair in half
        }
        StringBuilder out = null;
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(shown + 16).append(text, 0, i);
            }
            out.append(escape);
        }
        if (shown == text.length()) {
            return out == null ? text.toString() : out.toString();
        }
        if (out == null) {
            out = new StringBuilder(shown + 24).append(text, 0, shown);
        }
        return out.append("...(").append(text.length() - shown).append(" more)").toString();
    }

    /**
     * The text with each control character {@link #forLog} escapes (C0 and C1 controls, DEL, the line and paragraph
     * separators, the bidirectional controls) replaced by U+FFFD, the replacement character; backslashes and the
     * length are kept. Linear in the text's length.
     *
     * @param text the client's text, or {@code null}
     * @return the text without control characters ({@code text} itself when it has none), or {@code null}
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = '\uFFFD';
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** The escape for {@code c}, or null when it is shown as it is. */
    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x1B -> "\\e";
            case '\\' -> "\\\\";
            default -> unsafe(c) ? String.format("\\u%04x", (int) c) : null;
        };
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == 0x2028 || c == 0x2029 // line and paragraph separators
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) // bidi embeddings and isolates
                || c == 0x200E || c == 0x200F || c == 0x061C; // bidi marks
    }
}
