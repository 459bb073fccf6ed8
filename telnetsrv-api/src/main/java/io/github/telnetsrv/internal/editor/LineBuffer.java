package io.github.telnetsrv.internal.editor;

/**
 * The text being edited and the cursor, moved by user-perceived characters: a code point plus the
 * zero-width code points that follow it (combining marks), so a surrogate pair or "e" + U+0301 is one
 * step for moves and deletes. Bounded by a maximum length in chars. Confined to one session's thread.
 */
final class LineBuffer {

    private static final int KEEP_CAPACITY = 256;

    private final int maxLength;
    private StringBuilder text = new StringBuilder();
    private int cursor;

    LineBuffer(int maxLength) {
        this.maxLength = maxLength;
    }

    String text() {
        return text.toString();
    }

    CharSequence chars() {
        return text;
    }

    int cursor() {
        return cursor;
    }

    int length() {
        return text.length();
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    boolean atEnd() {
        return cursor == text.length();
    }

    /** Empties the buffer, giving back memory a long line took. */
    void clear() {
        if (text.capacity() > KEEP_CAPACITY) {
            text = new StringBuilder();
        } else {
            text.setLength(0);
        }
        cursor = 0;
    }

    /** Replaces everything, cursor at the end; the text is cut to the maximum length. */
    void set(String value) {
        clear();
        String kept = value.length() <= maxLength ? value : value.substring(0, start(value, maxLength));
        text.append(kept);
        cursor = text.length();
    }

    /** Inserts at the cursor and moves after it; false (nothing changed) when the line would be too long. */
    boolean insert(CharSequence s) {
        if (text.length() + s.length() > maxLength) {
            return false;
        }
        text.insert(cursor, s);
        cursor = pastMarks(cursor + s.length());
        return true;
    }

    /**
     * The first index at or after {@code i} that is not in front of a zero-width code point: text inserted before
     * a combining mark (one that began the line) takes the mark, and the cursor goes after both.
     */
    private int pastMarks(int i) {
        while (i < text.length() && DisplayWidth.isZeroWidth(Character.codePointAt(text, i))) {
            i += Character.charCount(Character.codePointAt(text, i));
        }
        return i;
    }

    boolean insert(int codePoint) {
        return insert(Character.toString(codePoint));
    }

    /** Replaces {@code [from, cursor)} with {@code s}; false (nothing changed) when the line would be too long. */
    boolean replaceBeforeCursor(int from, String s) {
        if (text.length() - (cursor - from) + s.length() > maxLength) {
            return false;
        }
        text.replace(from, cursor, s);
        cursor = pastMarks(from + s.length());
        return true;
    }

    boolean left() {
        if (cursor == 0) {
            return false;
        }
        cursor = previous(text, cursor);
        return true;
    }

    boolean right() {
        if (atEnd()) {
            return false;
        }
        cursor = next(text, cursor);
        return true;
    }

    void home() {
        cursor = 0;
    }

    void end() {
        cursor = text.length();
    }

    /** Moves to the start of the word left of the cursor (words are letters and digits). */
    boolean wordLeft() {
        if (cursor == 0) {
            return false;
        }
        while (cursor > 0 && !isWordChar(Character.codePointBefore(text, cursor))) {
            cursor = previous(text, cursor);
        }
        while (cursor > 0 && isWordChar(Character.codePointBefore(text, cursor))) {
            cursor = previous(text, cursor);
        }
        return true;
    }

    /** Moves to the end of the word right of the cursor (words are letters and digits). */
    boolean wordRight() {
        if (atEnd()) {
            return false;
        }
        while (!atEnd() && !isWordChar(Character.codePointAt(text, cursor))) {
            cursor = next(text, cursor);
        }
        while (!atEnd() && isWordChar(Character.codePointAt(text, cursor))) {
            cursor = next(text, cursor);
        }
        return true;
    }

    boolean deleteBefore() {
        if (cursor == 0) {
            return false;
        }
        int from = previous(text, cursor);
        text.delete(from, cursor);
        cursor = from;
        return true;
    }

    boolean deleteAt() {
        if (atEnd()) {
            return false;
        }
        text.delete(cursor, next(text, cursor));
        return true;
    }

    void killToEnd() {
        text.setLength(cursor);
    }

    void killToStart() {
        text.delete(0, cursor);
        cursor = 0;
    }

    /** Deletes the whitespace and then the non-whitespace left of the cursor (Ctrl-W). */
    boolean killWordBefore() {
        if (cursor == 0) {
            return false;
        }
        int from = cursor;
        while (from > 0 && Character.isWhitespace(Character.codePointBefore(text, from))) {
            from = previous(text, from);
        }
        while (from > 0 && !Character.isWhitespace(Character.codePointBefore(text, from))) {
            from = previous(text, from);
        }
        text.delete(from, cursor);
        cursor = from;
        return true;
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }

    /** Index after the character (code point plus following zero-width code points) starting at {@code i}. */
    static int next(CharSequence s, int i) {
        int n = s.length();
        i += Character.charCount(Character.codePointAt(s, i));
        while (i < n) {
            int cp = Character.codePointAt(s, i);
            if (!DisplayWidth.isZeroWidth(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Index where the character ending at {@code i} starts. */
    static int previous(CharSequence s, int i) {
        while (i > 0) {
            int cp = Character.codePointBefore(s, i);
            i -= Character.charCount(cp);
            if (!DisplayWidth.isZeroWidth(cp)) {
                break;
            }
        }
        return i;
    }

    /** The character boundary at or before {@code i}. */
    static int start(CharSequence s, int i) {
        if (i >= s.length()) {
            return s.length();
        }
        if (i > 0 && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1))) {
            i--;
        }
        while (i > 0 && DisplayWidth.isZeroWidth(Character.codePointAt(s, i))) {
            i = previous(s, i);
        }
        return i;
    }

    /** Columns taken by {@code s[from, to)}. */
    static int width(CharSequence s, int from, int to) {
        int columns = 0;
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(s, i);
            columns += DisplayWidth.of(cp);
            i += Character.charCount(cp);
        }
        return columns;
    }

    /**
     * The text without control characters, a tab made a space (it separates words: a line typed in line mode
     * keeps its words when recalled): text from the history or a completer never reaches the terminal raw.
     */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.getType(c) == Character.CONTROL;
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null && (!control || c == '\t')) {
                out.append(control ? ' ' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
