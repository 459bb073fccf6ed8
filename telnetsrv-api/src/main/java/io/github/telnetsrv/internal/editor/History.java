package io.github.telnetsrv.internal.editor;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bounded, mutable command history, most recent last.
 *
 * <p>Confined to one session's thread: the editor reads it while a line is edited, the handler may change
 * it between lines (for example {@code entries().clear()}). Not thread-safe.
 */
public final class History {

    private final int maxSize;
    private final List<String> lines = new ArrayList<>();
    private final List<String> view = new Entries();

    /**
     * An empty history.
     *
     * @param maxSize how many lines are kept at most; 0 keeps none
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public History(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize: " + maxSize + " (expected: 0 or more)");
        }
        this.maxSize = maxSize;
    }

    /**
     * Remembers a line: blank lines and a repeat of the most recent line are ignored; the oldest line is
     * dropped when more than {@link #maxSize()} would be kept.
     *
     * @param line the line, not null
     */
    public void add(String line) {
        Objects.requireNonNull(line, "line");
        if (line.isBlank() || !lines.isEmpty() && lines.get(lines.size() - 1).equals(line)) {
            return;
        }
        view.add(line);
    }

    /**
     * A live, mutable view of the lines, oldest first. Adding through the view is bounded too: the oldest
     * lines are dropped beyond {@link #maxSize()}. Null elements are refused.
     *
     * @return the entries
     */
    public List<String> entries() {
        return view;
    }

    /**
     * The bound given at construction.
     *
     * @return how many lines are kept at most
     */
    public int maxSize() {
        return maxSize;
    }

    @Override
    public String toString() {
        return "History" + lines;
    }

    /** The bounded view: every insertion trims from the front. */
    private final class Entries extends AbstractList<String> {

        @Override
        public String get(int index) {
            return lines.get(index);
        }

        @Override
        public int size() {
            return lines.size();
        }

        @Override
        public String set(int index, String element) {
            return lines.set(index, Objects.requireNonNull(element, "element"));
        }

        @Override
        public void add(int index, String element) {
            lines.add(index, Objects.requireNonNull(element, "element"));
            modCount++;
            int excess = lines.size() - maxSize;
            if (excess > 0) {
                lines.subList(0, excess).clear();
            }
        }

        @Override
        public String remove(int index) {
            modCount++;
            return lines.remove(index);
        }

        @Override
        protected void removeRange(int fromIndex, int toIndex) {
            modCount++;
            lines.subList(fromIndex, toIndex).clear();
        }
    }
}
