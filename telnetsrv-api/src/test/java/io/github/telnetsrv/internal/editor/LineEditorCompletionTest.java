package io.github.telnetsrv.internal.editor;

import static io.github.telnetsrv.internal.editor.Keys.LEFT;
import static io.github.telnetsrv.internal.editor.Keys.TAB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.internal.editor.Keys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineEditorCompletionTest {

    private static final List<String> COMMANDS = List.of("echo", "exit", "help", "history", "copy");

    /** Completes command names by prefix, and records what it was asked. */
    private static final class RecordingCompleter implements Completer {
        final List<String> asked = new ArrayList<>();

        @Override
        public List<String> complete(String line, int wordStart, int cursor) {
            asked.add(line + "|" + wordStart + "|" + cursor);
            String word = line.substring(wordStart, cursor);
            return COMMANDS.stream().filter(c -> c.startsWith(word)).toList();
        }
    }

    private static RecordingTerminal withCompleter(Completer completer) {
        RecordingTerminal t = RecordingTerminal.reading();
        t.editor.setCompleter(completer);
        return t;
    }

    @Test
    void oneCandidateInsertsTheRestAndASpace() {
        RecordingTerminal t = withCompleter(new RecordingCompleter()).type("ec").type(TAB);
        t.assertBuffer("echo ", 5);
        t.assertScreen("> echo", 7);
        t.assertLog();
    }

    @Test
    void theWordStartsAfterTheLastSpaceBeforeTheCursor() {
        RecordingCompleter completer = new RecordingCompleter();
        RecordingTerminal t = withCompleter(completer).type("help hi").type(TAB);
        assertEquals(List.of("help hi|5|7"), completer.asked);
        t.assertBuffer("help history ", 13);
    }

    @Test
    void completionMidLineReplacesOnlyUpToTheCursor() {
        RecordingCompleter completer = new RecordingCompleter();
        RecordingTerminal t = withCompleter(completer).type("co x" + LEFT + LEFT).type(TAB);
        assertEquals(List.of("co x|0|2"), completer.asked);
        t.assertBuffer("copy  x", 5);
        t.assertScreen("> copy  x", 7);
    }

    @Test
    void severalCandidatesInsertTheirLongestCommonPrefix() {
        RecordingTerminal t = withCompleter((line, start, cursor) -> List.of("history", "historic")).type("h")
                .type(TAB);
        t.assertBuffer("histor", 6);
        t.assertLog();
    }

    @Test
    void severalCandidatesWithNothingToInsertRingTheBellThenASecondTabListsThem() {
        RecordingTerminal t = withCompleter(new RecordingCompleter()).type("e").type(TAB);
        t.assertLog("bell");
        t.assertBuffer("e", 1);
        t.type(TAB);
        t.assertLog();
        assertEquals(List.of("echo exit", "> e"), t.screen.rows());
        t.assertScreen("> e", 3);
    }

    @Test
    void aSecondTabAfterInsertingThePrefixLists() {
        RecordingTerminal t = withCompleter((line, start, cursor) -> List.of("history", "historic")).type("h");
        t.type(TAB).type(TAB);
        assertEquals(List.of("history historic", "> histor"), t.screen.rows());
        t.assertLog();
    }

    @Test
    void anotherKeyBetweenTabsStartsOver() {
        RecordingTerminal t = withCompleter(new RecordingCompleter()).type("e").type(TAB);
        t.type("x").type(Keys.BACKSPACE).type(TAB);
        t.assertLog("bell", "bell");
        assertEquals(1, t.screen.rows().size());
    }

    @Test
    void noCandidateRingsTheBell() {
        RecordingTerminal t = withCompleter(new RecordingCompleter()).type("zz").type(TAB);
        t.assertLog("bell");
        t.assertBuffer("zz", 2);
    }

    @Test
    void nullCandidatesCountAsNone() {
        RecordingTerminal t = withCompleter((line, start, cursor) -> null).type("a").type(TAB);
        t.assertLog("bell");
    }

    @Test
    void aCandidateInAnotherCaseReplacesTheTypedWord() {
        RecordingTerminal t = withCompleter((line, start, cursor) -> List.of("echo")).type("EC").type(TAB);
        t.assertBuffer("echo ", 5);
    }

    @Test
    void candidatesHaveControlCharactersRemovedAndRepeatsDropped() {
        RecordingTerminal t = withCompleter((line, start, cursor) -> List.of("ec\u001bho", "echo", "")).type("e")
                .type(TAB);
        t.assertBuffer("echo ", 5);
    }

    @Test
    void aCompletionThatWouldOverflowTheLineRingsTheBell() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 4, 8);
        t.editor.readLine("> ", true, true);
        t.editor.setCompleter((line, start, cursor) -> List.of("history"));
        t.type("h").type(TAB);
        t.assertLog("bell");
        t.assertBuffer("h", 1);
    }

    @Test
    void passwordsAreNeverCompleted() {
        RecordingCompleter completer = new RecordingCompleter();
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.setCompleter(completer);
        t.editor.readLine("Password: ", false, false);
        t.type("ec").type(TAB);
        assertEquals(List.of(), completer.asked);
        t.assertBuffer("ec", 2);
        t.assertLog();
    }

    @Test
    void removingTheCompleterMakesTabRingTheBell() {
        RecordingTerminal t = withCompleter(new RecordingCompleter());
        t.editor.setCompleter(null);
        t.type("ec").type(TAB);
        t.assertLog("bell");
    }
}
