package io.github.telnetsrv.internal.editor;

import static io.github.telnetsrv.internal.editor.Keys.DOWN;
import static io.github.telnetsrv.internal.editor.Keys.ENTER;
import static io.github.telnetsrv.internal.editor.Keys.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.edit.KeyMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineEditorHistoryTest {

    /** A terminal that has accepted the given lines and is reading the next one. */
    private static RecordingTerminal after(String... lines) {
        RecordingTerminal t = new RecordingTerminal(80);
        for (String line : lines) {
            t.editor.readLine("> ", true, true);
            t.type(line + ENTER);
        }
        t.editor.readLine("> ", true, true);
        t.clear();
        return t;
    }

    @Test
    void acceptedLinesAreAddedToTheHistory() {
        RecordingTerminal t = after("one", "two");
        assertEquals(List.of("one", "two"), t.history.entries());
    }

    @Test
    void upAndDownWalkTheHistoryKeepingTheLineBeingTyped() {
        RecordingTerminal t = after("one", "two").type("dra");
        t.type(UP);
        t.assertBuffer("two", 3);
        t.assertScreen("> two", 5);
        t.type(UP);
        t.assertScreen("> one", 5);
        t.type(DOWN);
        t.assertScreen("> two", 5);
        t.type(DOWN);
        t.assertBuffer("dra", 3);
        t.assertScreen("> dra", 5);
        t.assertLog();
    }

    @Test
    void upAtTheOldestAndDownAtTheDraftRingTheBell() {
        RecordingTerminal t = after("one").type(DOWN);
        t.assertLog("bell");
        t.type(UP).type(UP);
        t.assertLog("bell");
        t.assertBuffer("one", 3);
    }

    @Test
    void upWithAnEmptyHistoryRingsTheBell() {
        RecordingTerminal t = after().type(UP);
        t.assertLog("bell");
    }

    @Test
    void aRecalledLineReplacesALongerOneOnScreen() {
        RecordingTerminal t = after("ls").type("a much longer draft").type(UP);
        t.assertScreen("> ls", 4);
        t.type(DOWN);
        t.assertScreen("> a much longer draft", 21);
    }

    @Test
    void aRecalledLineCanBeEditedAndAccepted() {
        RecordingTerminal t = after("echo hi").type(UP + "!" + ENTER);
        t.assertLog("accepted:echo hi!");
        assertEquals(List.of("echo hi", "echo hi!"), t.history.entries());
    }

    @Test
    void withoutUseHistoryUpRingsTheBellAndTheLineIsNotAdded() {
        RecordingTerminal fresh = new RecordingTerminal(80);
        fresh.history.add("one");
        fresh.editor.readLine("? ", true, false);
        fresh.type(UP);
        fresh.assertLog("bell");
        fresh.type("answer" + ENTER);
        fresh.assertLog("accepted:answer");
        assertEquals(List.of("one"), fresh.history.entries());
    }

    @Test
    void historyClearedByTheHandlerBetweenLinesIsRespected() {
        RecordingTerminal t = after("one");
        t.type(ENTER);
        t.history.entries().clear();
        t.editor.readLine("> ", true, true);
        t.clear();
        t.type(UP);
        t.assertLog("bell");
    }

    @Test
    void aRecalledLineLongerThanMaxLineLengthIsCut() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 5, 8);
        t.history.add("abcdefgh");
        t.editor.readLine("> ", true, true);
        t.type(UP);
        t.assertBuffer("abcde", 5);
    }

    @Test
    void blankAndRepeatedLinesAreNotAddedTwice() {
        RecordingTerminal t = after("ls", "ls", "  ");
        assertEquals(List.of("ls"), t.history.entries());
    }
}
