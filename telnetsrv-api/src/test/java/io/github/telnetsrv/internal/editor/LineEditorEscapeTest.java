package io.github.telnetsrv.internal.editor;

import static io.github.telnetsrv.internal.editor.Keys.ESC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.edit.EditAction;
import io.github.telnetsrv.edit.KeyMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Escape sequences: known ones act, unknown ones vanish whole, a lone ESC waits for the clock. */
class LineEditorEscapeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "\u001b[99~",        // unknown tilde key
        "\u001b[1;5A",       // Ctrl-Up
        "\u001b[15;2~",      // Shift-F5
        "\u001bOP",          // F1 (SS3)
        "\u001bO5P",         // F1 with a modifier, old xterm
        "\u001b[200~",       // bracketed paste start
        "\u001b[?1;2c",      // device attributes answer
        "\u001b[2$",         // rxvt Shift-Insert
        "\u001bx",           // Alt-x
        "\u001b(B",          // a designation with an intermediate byte
        "\u001b[<0;12;5M",   // mouse report
    })
    void unknownSequencesAreSwallowedWhole(String sequence) {
        RecordingTerminal t = RecordingTerminal.reading().type("a").type(sequence).type("b");
        t.assertBuffer("ab", 2);
        t.assertScreen("> ab", 4);
        assertFalse(t.editor.escapePending());
        t.assertLog();
    }

    @Test
    void unknownSequencesSplitAcrossReceiveCallsAreStillSwallowed() {
        RecordingTerminal t = RecordingTerminal.reading().type("a");
        String sequence = ESC + "[15;2~";
        for (char c : sequence.toCharArray()) {
            t.type(String.valueOf(c));
        }
        t.type("b");
        t.assertBuffer("ab", 2);
    }

    @Test
    void knownSequencesSplitAcrossReceiveCallsStillAct() {
        RecordingTerminal t = RecordingTerminal.reading().type("abc");
        t.type(ESC).type("[").type("D");
        t.assertBuffer("abc", 2);
        t.type(ESC + "[").type("1;").type("5D");
        t.assertBuffer("abc", 0);
    }

    @Test
    void aLoneEscapeWaitsForTheTimeoutAndIsThenSwallowed() {
        RecordingTerminal t = RecordingTerminal.reading().type("a").type(ESC);
        assertTrue(t.editor.escapePending());
        t.assertBuffer("a", 1);
        t.editor.timeout();
        assertFalse(t.editor.escapePending());
        t.type("[A");
        t.assertBuffer("a[A", 3);
        t.assertLog();
    }

    @Test
    void anIncompleteSequenceIsSwallowedByTheTimeout() {
        RecordingTerminal t = RecordingTerminal.reading().type("a" + ESC + "[1;");
        assertTrue(t.editor.escapePending());
        t.editor.timeout();
        assertFalse(t.editor.escapePending());
        t.type("5D");
        t.assertBuffer("a5D", 3);
    }

    @Test
    void anIncompleteUnknownSequenceIsSwallowedByTheTimeout() {
        RecordingTerminal t = RecordingTerminal.reading().type("a" + ESC + "[99");
        assertTrue(t.editor.escapePending());
        t.editor.timeout();
        assertFalse(t.editor.escapePending());
        t.type("~");
        t.assertBuffer("a~", 2);
    }

    @Test
    void timeoutWithNothingPendingDoesNothing() {
        RecordingTerminal t = RecordingTerminal.reading().type("ab");
        t.clear();
        t.editor.timeout();
        t.assertBuffer("ab", 2);
        assertEquals("", t.written());
    }

    @Test
    void escapeFollowedByEscapeStartsANewSequence() {
        RecordingTerminal t = RecordingTerminal.reading().type("ab" + ESC + ESC + "[D");
        t.assertBuffer("ab", 1);
    }

    @Test
    void aControlCharacterEndsAnUnknownSequenceAndStillActs() {
        RecordingTerminal t = RecordingTerminal.reading().type("ab" + ESC + "[12\r");
        t.assertLog("accepted:ab");
    }

    @Test
    void aPrintableCharacterThatCannotFollowEscapeIsInserted() {
        RecordingTerminal t = RecordingTerminal.reading().type(ESC + "é");
        t.assertBuffer("é", 1);
    }

    @Test
    void anEndlessParameterListIsSwallowedWithoutGrowingAnything() {
        RecordingTerminal t = RecordingTerminal.reading().type("a" + ESC + "[");
        for (int i = 0; i < 10_000; i++) {
            t.type("1;");
        }
        t.type("A" + "b");
        t.assertBuffer("ab", 2);
        t.assertLog();
    }

    @Test
    void sequencesLongerThanMaxEscapeLengthAreNotMatchedButSwallowed() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 100, 4);
        t.editor.readLine("> ", true, true);
        t.type("abc" + ESC + "[D");
        t.assertBuffer("abc", 2);
        t.type(ESC + "[1;5D" + "x"); // six characters: over the limit of four
        t.assertBuffer("abxc", 3);
        t.assertLog();
    }

    @Test
    void maxEscapeLengthMustBePositive() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LineEditor(new RecordingTerminal(80), KeyMap.defaults(), new History(1), 10, 0));
        assertEquals("maxEscapeLength: 0 (expected: 1 or more)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LineEditor(new RecordingTerminal(80), KeyMap.defaults(), new History(1), 0, 8));
        assertEquals("maxLineLength: 0 (expected: 1 or more)", e.getMessage());
    }

    @Test
    void aBoundLoneEscapeRunsOnTimeout() {
        RecordingTerminal t = new RecordingTerminal(80,
                KeyMap.defaults().bind(ESC, EditAction.UNIX_LINE_DISCARD), 100, 8);
        t.editor.readLine("> ", true, true);
        t.type("abc" + ESC);
        assertTrue(t.editor.escapePending());
        t.assertBuffer("abc", 3);
        t.editor.timeout();
        t.assertBuffer("", 0);
    }

    @Test
    void aBoundLoneEscapeRunsWhenTheNextCharacterCannotContinueASequence() {
        RecordingTerminal t = new RecordingTerminal(80,
                KeyMap.defaults().bind(ESC, EditAction.UNIX_LINE_DISCARD), 100, 8);
        t.editor.readLine("> ", true, true);
        t.type("abc" + ESC + "x");
        t.assertBuffer("x", 1);
        t.type(ESC + "[D");
        t.assertBuffer("x", 0);
    }

    @Test
    void escapePendingIsFalseWhileIdle() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.type(ESC);
        assertFalse(t.editor.escapePending());
        t.editor.timeout();
        t.editor.readLine("> ", true, true);
        assertTrue(t.editor.escapePending());
    }
}
