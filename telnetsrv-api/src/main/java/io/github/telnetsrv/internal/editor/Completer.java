package io.github.telnetsrv.internal.editor;

import java.util.List;

/**
 * Tab completion hook: the candidates for the word at the cursor.
 *
 * <p>Called on the session's thread, from {@link LineEditor#receive}.
 */
@FunctionalInterface
public interface Completer {

    /**
     * Candidates for the word being completed.
     *
     * @param line the whole buffer
     * @param wordStart index where the word being completed starts (just after the last space before the cursor)
     * @param cursor the cursor index
     * @return candidates that replace {@code line[wordStart..cursor)}: full words, for example {@code "echo"},
     *     {@code "exit"}; possibly empty (null counts as empty)
     */
    List<String> complete(String line, int wordStart, int cursor);
}
