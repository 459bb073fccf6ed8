package io.github.telnetsrv.internal.editor;

/**
 * Asynchronous Tab completion: the editor asks for candidates and goes on with other work; the answer comes back
 * through {@link LineEditor#completed}. See {@link LineEditor#setCompletionRequests}.
 */
@FunctionalInterface
public interface CompletionRequests {

    /**
     * Candidates are wanted for the word being completed. Called from {@link LineEditor#receive}, on the thread
     * feeding the editor: it must not block; the answer comes later, from any thread that holds the editor's
     * confinement.
     *
     * @param line the whole buffer
     * @param wordStart index where the word being completed starts
     * @param cursor the cursor index
     * @return true if the candidates will come; false if the request is refused (a completion still runs): the
     *     Tab then rings the bell at once, and nothing is awaited
     */
    boolean requested(String line, int wordStart, int cursor);
}
