package io.github.telnetsrv.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void negativeMaxSizeIsRefusedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new History(-1));
        assertEquals("maxSize: -1 (expected: 0 or more)", e.getMessage());
    }

    @Test
    void linesAreKeptMostRecentLast() {
        History history = new History(5);
        history.add("one");
        history.add("two");
        assertEquals(List.of("one", "two"), history.entries());
        assertEquals(5, history.maxSize());
    }

    @Test
    void blankLinesAreIgnored() {
        History history = new History(5);
        history.add("");
        history.add("   ");
        assertEquals(List.of(), history.entries());
    }

    @Test
    void anImmediateRepeatIsIgnoredButAnEarlierOneIsKept() {
        History history = new History(5);
        history.add("ls");
        history.add("ls");
        history.add("pwd");
        history.add("ls");
        assertEquals(List.of("ls", "pwd", "ls"), history.entries());
    }

    @Test
    void theOldestLineIsDroppedBeyondMaxSize() {
        History history = new History(2);
        history.add("a");
        history.add("b");
        history.add("c");
        assertEquals(List.of("b", "c"), history.entries());
    }

    @Test
    void aZeroSizeHistoryKeepsNothing() {
        History history = new History(0);
        history.add("a");
        assertEquals(List.of(), history.entries());
    }

    @Test
    void entriesIsALiveViewTheHandlerMayClear() {
        History history = new History(3);
        List<String> entries = history.entries();
        history.add("a");
        assertEquals(List.of("a"), entries);
        entries.clear();
        history.add("b");
        assertEquals(List.of("b"), history.entries());
    }

    @Test
    void addingThroughTheViewIsStillBounded() {
        History history = new History(2);
        history.entries().add("a");
        history.entries().addAll(List.of("b", "c", "d"));
        assertEquals(List.of("c", "d"), history.entries());
    }

    @Test
    void theViewRefusesNullLines() {
        History history = new History(2);
        assertThrows(NullPointerException.class, () -> history.entries().add(null));
        assertThrows(NullPointerException.class, () -> history.add(null));
    }

    @Test
    void theViewSupportsSetAndRemove() {
        History history = new History(3);
        history.add("a");
        history.add("b");
        history.entries().set(0, "x");
        history.entries().remove("b");
        assertEquals(List.of("x"), history.entries());
    }
}
