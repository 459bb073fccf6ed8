package io.github.telnetsrv.internal.editor;

import static io.github.telnetsrv.internal.editor.Keys.BACKSPACE;
import static io.github.telnetsrv.internal.editor.Keys.ENTER;
import static io.github.telnetsrv.internal.editor.Keys.ESC;
import static io.github.telnetsrv.internal.editor.Keys.ctrl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.edit.EditAction;
import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.internal.editor.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every key of checklist section 3, in every encoding, as the user sees its effect. */
class LineEditorKeysTest {

    private static RecordingTerminal typed(String text) {
        RecordingTerminal t = RecordingTerminal.reading();
        t.type(text);
        t.clear();
        return t;
    }

    @ParameterizedTest(name = "Left as {0}")
    @ValueSource(strings = {"\u001b[D", "\u001bOD", "\u0002"})
    void leftMovesOneCharacterBackWithABackspace(String key) {
        RecordingTerminal t = typed("abc").type(key);
        t.assertBuffer("abc", 2);
        t.assertScreen("> abc", 4);
        assertEquals("\\b", t.written());
    }

    @ParameterizedTest(name = "Right as {0}")
    @ValueSource(strings = {"\u001b[C", "\u001bOC", "\u0006"})
    void rightMovesOneCharacterOnByReprintingIt(String key) {
        RecordingTerminal t = typed("abc" + ctrl('A')).type(key);
        t.assertBuffer("abc", 1);
        t.assertScreen("> abc", 3);
        assertEquals("a", t.written());
    }

    @ParameterizedTest(name = "Home as {0}")
    @ValueSource(strings = {"\u001b[H", "\u001bOH", "\u001b[1~", "\u001b[7~", "\u0001"})
    void everyHomeEncodingMovesToTheStart(String key) {
        RecordingTerminal t = typed("hello").type(key);
        t.assertBuffer("hello", 0);
        t.assertScreen("> hello", 2);
        t.assertLog();
    }

    @ParameterizedTest(name = "End as {0}")
    @ValueSource(strings = {"\u001b[F", "\u001bOF", "\u001b[4~", "\u001b[8~", "\u0005"})
    void everyEndEncodingMovesToTheEnd(String key) {
        RecordingTerminal t = typed("hello" + ctrl('A')).type(key);
        t.assertBuffer("hello", 5);
        t.assertScreen("> hello", 7);
        t.assertLog();
    }

    @ParameterizedTest(name = "Up as {0}")
    @ValueSource(strings = {"\u001b[A", "\u001bOA", "\u0010"})
    void everyUpEncodingRecallsThePreviousLine(String key) {
        RecordingTerminal t = RecordingTerminal.reading();
        t.type("first" + ENTER);
        t.editor.readLine("> ", true, true);
        t.type(key);
        t.assertBuffer("first", 5);
        t.assertScreen("> first", 7);
    }

    @ParameterizedTest(name = "Down as {0}")
    @ValueSource(strings = {"\u001b[B", "\u001bOB", "\u000e"})
    void everyDownEncodingGoesBackToTheNewerLine(String key) {
        RecordingTerminal t = RecordingTerminal.reading();
        t.type("first" + ENTER);
        t.editor.readLine("> ", true, true);
        t.type("dra" + Keys.UP + key);
        t.assertBuffer("dra", 3);
        t.assertScreen("> dra", 5);
    }

    @ParameterizedTest(name = "Backspace as {0}")
    @ValueSource(strings = {"\u007f", "\b"})
    void bothBackspaceCodesDeleteLeftOfTheCursor(String key) {
        RecordingTerminal t = typed("abc").type(key);
        t.assertBuffer("ab", 2);
        t.assertScreen("> ab", 4);
        assertEquals("\\b \\b", t.written());
    }

    @Test
    void deleteRemovesTheCharacterUnderTheCursor() {
        RecordingTerminal t = typed("abc" + ctrl('A')).type(Keys.DELETE);
        t.assertBuffer("bc", 0);
        t.assertScreen("> bc", 2);
    }

    @ParameterizedTest(name = "Insert/PgUp/PgDn {0}")
    @ValueSource(strings = {"\u001b[2~", "\u001b[5~", "\u001b[6~"})
    void insertAndPageKeysAreSwallowed(String key) {
        RecordingTerminal t = typed("ab").type(key);
        t.assertBuffer("ab", 2);
        assertEquals("", t.written());
        t.assertLog();
    }

    @ParameterizedTest(name = "Ctrl-Left as {0}")
    @ValueSource(strings = {"\u001b[1;5D", "\u001bOd", "\u001bb"})
    void ctrlLeftMovesToTheStartOfThePreviousWord(String key) {
        RecordingTerminal t = typed("git commit -m").type(key);
        t.assertBuffer("git commit -m", 12);
        t.type(key);
        t.assertBuffer("git commit -m", 4);
        t.assertScreen("> git commit -m", 6);
        t.type(key).type(key);
        t.assertBuffer("git commit -m", 0);
        t.assertLog("bell");
    }

    @ParameterizedTest(name = "Ctrl-Right as {0}")
    @ValueSource(strings = {"\u001b[1;5C", "\u001bOc", "\u001bf"})
    void ctrlRightMovesToTheEndOfTheNextWord(String key) {
        RecordingTerminal t = typed("git commit -m" + ctrl('A')).type(key);
        t.assertBuffer("git commit -m", 3);
        t.type(key);
        t.assertBuffer("git commit -m", 10);
        t.assertScreen("> git commit -m", 12);
        t.type(key).type(key);
        t.assertBuffer("git commit -m", 13);
        t.assertLog("bell");
    }

    @Test
    void puttyCtrlArrowsInApplicationFormAreAlsoPlainArrows() {
        RecordingTerminal t = typed("abc").type(ESC + "OD" + ESC + "OD");
        t.assertBuffer("abc", 1);
        t.type(ESC + "OC");
        t.assertBuffer("abc", 2);
    }

    @Test
    void ctrlKKillsToTheEndOfTheLine() {
        RecordingTerminal t = typed("hello world" + ctrl('A') + ESC + "[1;5C").type(ctrl('K'));
        t.assertBuffer("hello", 5);
        t.assertScreen("> hello", 7);
    }

    @Test
    void ctrlUKillsToTheStartOfTheLine() {
        RecordingTerminal t = typed("hello world" + Keys.CTRL_LEFT).type(ctrl('U'));
        t.assertBuffer("world", 0);
        t.assertScreen("> world", 2);
    }

    @Test
    void ctrlWKillsTheWhitespaceDelimitedWordBeforeTheCursor() {
        RecordingTerminal t = typed("echo a-b.c  ").type(ctrl('W'));
        t.assertBuffer("echo ", 5);
        t.assertScreen("> echo", 7);
        t.type(ctrl('W'));
        t.assertBuffer("", 0);
        t.type(ctrl('W'));
        t.assertLog("bell");
    }

    @Test
    void ctrlLClearsTheScreenAndRedrawsPromptLineAndCursor() {
        RecordingTerminal t = RecordingTerminal.reading();
        t.editor.printAbove("old output");
        t.type("abc" + Keys.LEFT).type(ctrl('L'));
        assertEquals(java.util.List.of("> abc"), t.screen.rows());
        t.assertScreen("> abc", 4);
        t.assertBuffer("abc", 2);
    }

    @Test
    void enterWritesCrLfThenAcceptsTheLine() {
        RecordingTerminal t = typed("ls -l").type(ENTER);
        assertEquals("\\r\\n", t.written());
        t.assertLog("accepted:ls -l");
        assertEquals(false, t.editor.reading());
        t.assertBuffer("", 0);
    }

    @Test
    void enterAcceptsTheWholeLineWhereverTheCursorIs() {
        RecordingTerminal t = typed("ls -l" + ctrl('A')).type(ENTER);
        t.assertLog("accepted:ls -l");
    }

    @Test
    void ctrlCWritesCaretCAndAbandonsTheLine() {
        RecordingTerminal t = typed("rm -rf").type(ctrl('C'));
        assertEquals("^C\\r\\n", t.written());
        t.assertLog("interrupted");
        assertEquals(false, t.editor.reading());
        assertEquals(java.util.List.of(), t.history.entries());
    }

    @Test
    void ctrlDOnAnEmptyLineIsEndOfInput() {
        RecordingTerminal t = typed("").type(ctrl('D'));
        t.assertLog("eof");
        assertEquals("\\r\\n", t.written());
        assertEquals(false, t.editor.reading());
    }

    @Test
    void ctrlDOnANonEmptyLineDeletesUnderTheCursor() {
        RecordingTerminal t = typed("abc" + Keys.LEFT).type(ctrl('D'));
        t.assertBuffer("ab", 2);
        t.type(ctrl('D'));
        t.assertLog("bell");
        assertEquals(true, t.editor.reading());
    }

    @Test
    void everyUnboundControlCharacterIsIgnoredNeverInserted() {
        RecordingTerminal t = RecordingTerminal.reading();
        StringBuilder input = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            if (KeyMap.defaults().action(String.valueOf(c)) == null && c != 0x1B) {
                input.append('a').append(c);
            }
        }
        input.append("\u0085\u009b"); // C1 controls too
        t.type(input.toString());
        t.assertBuffer("a".repeat(input.length() / 2 - 1), input.length() / 2 - 1);
        t.assertLog();
    }

    @Test
    void lineFeedIsIgnored() {
        RecordingTerminal t = typed("a\nb");
        t.assertBuffer("ab", 2);
        t.assertLog();
    }

    @Test
    void tabWithoutACompleterRingsTheBell() {
        RecordingTerminal t = typed("ec").type(Keys.TAB);
        t.assertLog("bell");
        t.assertBuffer("ec", 2);
    }

    @Test
    void keysFromACustomMapAreUsed() {
        RecordingTerminal t = new RecordingTerminal(80,
                KeyMap.defaults().bind("\u0018\u0005", EditAction.END_OF_LINE).bind("?", EditAction.ACCEPT_LINE),
                100, 8);
        t.editor.readLine("> ", true, true);
        t.type("ab" + ctrl('A') + "\u0018\u0005");
        t.assertBuffer("ab", 2);
        t.type("?");
        t.assertLog("accepted:ab");
    }

    @Test
    void anUnboundPrefixOfAMultiKeyBindingIsDroppedAndTheNextKeyReadNormally() {
        RecordingTerminal t = new RecordingTerminal(80,
                KeyMap.defaults().bind("\u0018\u0005", EditAction.END_OF_LINE), 100, 8);
        t.editor.readLine("> ", true, true);
        t.type("ab\u0018x");
        t.assertBuffer("abx", 3);
    }

    @Test
    void backspaceAtTheStartRingsTheBell() {
        RecordingTerminal t = typed("").type(BACKSPACE);
        t.assertLog("bell");
        assertEquals("", t.written());
    }
}
