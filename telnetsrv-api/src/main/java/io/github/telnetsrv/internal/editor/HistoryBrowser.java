package io.github.telnetsrv.internal.editor;

import java.util.List;

/**
 * Where Up/Down are in the {@link History} while one line is edited, and the line being typed, kept while
 * older lines are shown. Tolerates a history changed in between (positions are clamped). Confined to one
 * session's thread.
 */
final class HistoryBrowser {

    private final History history;
    /** Index of the entry shown; {@code entries().size()} means the line being typed. */
    private int index;
    private String draft = "";

    HistoryBrowser(History history) {
        this.history = history;
    }

    History history() {
        return history;
    }

    /** A new line starts: the newest position, no draft. */
    void start() {
        index = history.entries().size();
        draft = "";
    }

    /**
     * Steps to the older entry.
     *
     * @param current the text being edited, kept as the draft when leaving the newest position
     * @return the older entry, or null when already at the oldest
     */
    String older(String current) {
        List<String> entries = history.entries();
        index = Math.min(index, entries.size());
        if (index == 0) {
            return null;
        }
        if (index == entries.size()) {
            draft = current;
        }
        index--;
        return entries.get(index);
    }

    /**
     * Steps to the newer entry, or back to the draft past the newest.
     *
     * @return the newer entry or the draft, or null when already at the draft
     */
    String newer() {
        List<String> entries = history.entries();
        index = Math.min(index, entries.size());
        if (index == entries.size()) {
            return null;
        }
        index++;
        return index == entries.size() ? draft : entries.get(index);
    }
}
