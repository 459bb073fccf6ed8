package io.github.telnetsrv.internal.editor;

import java.util.ArrayList;
import java.util.List;

/** The pieces of Tab completion that do not touch the screen: the word, the cleaned candidates, their common prefix. */
final class Completion {

    private Completion() {
    }

    /** Where the word being completed starts: just after the last space before the cursor. */
    static int wordStart(String text, int cursor) {
        return text.lastIndexOf(' ', cursor - 1) + 1;
    }

    /** The completer's answer without nulls, empty words, control characters or repeats, in its order. */
    static List<String> candidates(List<String> found) {
        List<String> kept = new ArrayList<>();
        if (found != null) {
            for (String candidate : found) {
                String clean = candidate == null ? "" : LineBuffer.printable(candidate);
                if (!clean.isEmpty() && !kept.contains(clean)) {
                    kept.add(clean);
                }
            }
        }
        return kept;
    }

    /** The longest common prefix of non-empty words, never ending inside a surrogate pair. */
    static String commonPrefix(List<String> words) {
        String first = words.get(0);
        int length = first.length();
        for (String word : words) {
            int i = 0;
            while (i < length && i < word.length() && word.charAt(i) == first.charAt(i)) {
                i++;
            }
            length = i;
        }
        if (length > 0 && Character.isHighSurrogate(first.charAt(length - 1))) {
            length--;
        }
        return first.substring(0, length);
    }
}
