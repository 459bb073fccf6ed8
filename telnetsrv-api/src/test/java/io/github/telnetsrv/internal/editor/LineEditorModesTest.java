package io.github.telnetsrv.internal.editor;

import static io.github.telnetsrv.internal.editor.Keys.BACKSPACE;
import static io.github.telnetsrv.internal.editor.Keys.ENTER;
import static io.github.telnetsrv.internal.editor.Keys.LEFT;
import static io.github.telnetsrv.internal.editor.Keys.TAB;
import static io.github.telnetsrv.internal.editor.Keys.UP;
import static io.github.telnetsrv.internal.editor.Keys.ctrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.edit.EditAction;
import io.github.telnetsrv.edit.KeyMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client echo (line mode), passwords, Telnet EC/EL/IP, the line limit and type-ahead. */
class LineEditorModesTest {

    private static RecordingTerminal clientEcho() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.setServerEcho(false);
        t.editor.readLine("> ", true, true);
        t.clear();
        return t;
    }

    private static RecordingTerminal password() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.readLine("Password: ", false, false);
        t.clear();
        return t;
    }

    @Test
    void withClientEchoNothingIsEchoedAndTheLineIsCollectedUntilCr() {
        RecordingTerminal t = clientEcho().type("ls -l");
        assertEquals("", t.written());
        t.assertBuffer("ls -l", 5);
        t.type(ENTER);
        assertEquals("", t.written());
        t.assertLog("accepted:ls -l");
        assertEquals(List.of("ls -l"), t.history.entries());
    }

    @Test
    void withClientEchoBackspaceStillDeletesSilently() {
        RecordingTerminal t = clientEcho().type("abc" + BACKSPACE + "\b" + "x");
        t.assertBuffer("ax", 2);
        assertEquals("", t.written());
        t.type(BACKSPACE + BACKSPACE + BACKSPACE);
        t.assertBuffer("", 0);
        t.assertLog();
    }

    @Test
    void withClientEchoCursorKeysAndEscapesAreSwallowed() {
        RecordingTerminal t = clientEcho().type("ab" + LEFT + UP + ctrl('A') + "\u001b[99~" + "c");
        t.assertBuffer("abc", 3);
        assertEquals("", t.written());
        t.assertLog();
    }

    @Test
    void withClientEchoTabIsKeptInTheLineAsText() {
        RecordingTerminal t = clientEcho().type("echo\thi" + ENTER);
        assertEquals("", t.written());
        t.assertLog("accepted:echo\thi");
    }

    @Test
    void withClientEchoTabIsTextWhateverItIsBoundTo() {
        for (KeyMap keys : List.of(KeyMap.empty().bind(ENTER, EditAction.ACCEPT_LINE),
                KeyMap.defaults().bind(TAB, EditAction.CLEAR_SCREEN))) {
            RecordingTerminal t = new RecordingTerminal(80, keys, 200, 16);
            t.editor.setServerEcho(false);
            t.editor.readLine("> ", true, true);
            t.clear();
            t.type("a\tb" + ENTER);
            assertEquals("", t.written(), keys.toString());
            t.assertLog("accepted:a\tb");
        }
    }

    @Test
    void tabTypedAheadIsTextOrCompletionByTheModeWhenItIsRead() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.setCompleter((line, start, cursor) -> List.of("echo"));
        t.editor.setServerEcho(false);
        t.type("ec\tx");
        t.editor.setServerEcho(true);
        t.editor.readLine("> ", true, true);
        t.assertBuffer("echo x", 6);
        t.editor.setServerEcho(false);
        t.type(ENTER + "ec\tx");
        t.assertLog("accepted:echo x");
        t.editor.readLine("> ", true, true);
        t.assertBuffer("ec\tx", 4);
    }

    @Test
    void withClientEchoPrintAboveRewritesATypedTabAsASpace() {
        RecordingTerminal t = clientEcho().type("a\tb");
        t.editor.printAbove("note");
        assertEquals("\\r\\e[Knote\\r\\n> a b", t.written());
        t.assertBuffer("a\tb", 3);
    }

    @Test
    void switchingServerEchoOnMidLineTurnsATypedTabIntoASpace() {
        RecordingTerminal t = clientEcho().type("echo\thi");
        t.screen.write("echo hi"); // what the client echoed locally, near enough
        t.editor.setServerEcho(true);
        t.assertBuffer("echo hi", 7);
        t.assertScreen("> echo hi", 9);
    }

    @Test
    void withClientEchoCtrlCAndCtrlDStillWork() {
        RecordingTerminal t = clientEcho().type("ab" + ctrl('D'));
        t.assertLog();
        t.type(ctrl('C'));
        t.assertLog("interrupted");
        assertEquals("^C\\r\\n", t.written());
        t.editor.readLine("> ", true, true);
        t.clear();
        t.type(ctrl('D'));
        t.assertLog("eof");
        assertEquals("", t.written());
    }

    @Test
    void withClientEchoTheLineLimitStillRingsTheBell() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 3, 8);
        t.editor.setServerEcho(false);
        t.editor.readLine("> ", true, true);
        t.type("abcd");
        t.assertBuffer("abc", 3);
        t.assertLog("bell");
    }

    @Test
    void withClientEchoPrintAboveRewritesPromptAndTheTextTypedSoFar() {
        RecordingTerminal t = clientEcho().type("ab");
        t.editor.printAbove("note");
        assertEquals("\\r\\e[Knote\\r\\n> ab", t.written());
    }

    @Test
    void switchingServerEchoOnMidLineRewritesTheRowFromThePrompt() {
        RecordingTerminal t = clientEcho().type("ab");
        t.screen.write("ab"); // what the client echoed locally
        t.editor.setServerEcho(true);
        t.assertScreen("> ab", 4);
        t.type(LEFT + "X");
        t.assertScreen("> aXb", 4);
    }

    @Test
    void switchingServerEchoOffMidLineLeavesTheCursorAtTheEnd() {
        RecordingTerminal t = RecordingTerminal.reading().type("abc" + LEFT + LEFT);
        t.editor.setServerEcho(false);
        t.assertScreen("> abc", 5);
        t.assertBuffer("abc", 3);
        t.type("d");
        t.assertScreen("> abc", 5);
        t.assertBuffer("abcd", 4);
    }

    @Test
    void passwordsAreNeverEchoedNotEvenAsStars() {
        RecordingTerminal t = password().type("s3cr3t");
        assertEquals("", t.written());
        t.assertScreen("Password:", 10);
    }

    @Test
    void passwordsCanBeEditedInvisibly() {
        RecordingTerminal t = password().type("secrxt" + LEFT + BACKSPACE + "e" + ctrl('E'));
        t.assertBuffer("secret", 6);
        assertEquals("", t.written());
    }

    @Test
    void enterAfterAPasswordWritesCrLfAndKeepsItOutOfHistory() {
        RecordingTerminal t = password().type("secret" + ENTER);
        assertEquals("\\r\\n", t.written());
        t.assertLog("accepted:secret");
        assertEquals(List.of(), t.history.entries());
    }

    @Test
    void historyIsNotBrowsableFromAPasswordPrompt() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.history.add("visible command");
        t.editor.readLine("Password: ", false, true);
        t.type(UP);
        t.assertBuffer("", 0);
        t.assertLog("bell");
    }

    @Test
    void ctrlLDuringAPasswordRedrawsOnlyThePrompt() {
        RecordingTerminal t = password().type("secret" + ctrl('L'));
        assertEquals(List.of("Password:"), t.screen.rows());
        assertFalse(t.written().contains("secret"));
    }

    @Test
    void telnetEraseCharacterIsBackspaceWithTheClassicEcho() {
        RecordingTerminal t = RecordingTerminal.reading().type("abc");
        t.clear();
        t.editor.eraseCharacter();
        assertEquals("\\b \\b", t.written());
        t.assertBuffer("ab", 2);
    }

    @Test
    void telnetEraseLineClearsTheWholeLine() {
        RecordingTerminal t = RecordingTerminal.reading().type("hello" + LEFT + LEFT);
        t.editor.eraseLine();
        t.assertBuffer("", 0);
        t.assertScreen(">", 2);
    }

    @Test
    void telnetInterruptIsCtrlC() {
        RecordingTerminal t = RecordingTerminal.reading().type("abc");
        t.clear();
        t.editor.interrupt();
        assertEquals("^C\\r\\n", t.written());
        t.assertLog("interrupted");
        assertFalse(t.editor.reading());
    }

    @Test
    void typingBeyondMaxLineLengthRingsTheBellOnce() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 5, 8);
        t.editor.readLine("> ", true, true);
        t.type("abcdefg");
        t.assertBuffer("abcde", 5);
        t.assertLog("bell");
        t.assertScreen("> abcde", 7);
    }

    @Test
    void aSurrogatePairDoesNotFitInTheLastFreeChar() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 2, 8);
        t.editor.readLine("> ", true, true);
        t.type("a\uD83D\uDE00");
        t.assertBuffer("a", 1);
        t.assertLog("bell");
    }

    @Test
    void readLineWhileReadingIsRefused() {
        RecordingTerminal t = RecordingTerminal.reading();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.editor.readLine("> ", true, true));
        assertEquals("readLine while a line is being read (expected: idle)", e.getMessage());
    }

    @Test
    void inputWhileIdleIsTypeAheadForTheNextLine() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.type("ls" + LEFT + "x");
        assertEquals("", t.written());
        assertFalse(t.editor.reading());
        t.editor.readLine("> ", true, true);
        t.assertBuffer("lxs", 2);
        t.assertScreen("> lxs", 4);
    }

    @Test
    void typeAheadOfSeveralLinesIsHandedOutOneLinePerReadLine() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.type("one\rtwo\rthr");
        t.editor.readLine("> ", true, true);
        t.assertLog("accepted:one");
        assertFalse(t.editor.reading());
        t.editor.readLine("> ", true, true);
        t.assertLog("accepted:two");
        t.editor.readLine("> ", true, true);
        t.assertLog();
        t.assertBuffer("thr", 3);
    }

    @Test
    void typeAheadLongerThanALineIsKeptAndTheLineLimitRingsTheBellWhenItIsEdited() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 5, 3);
        t.type("abcdefghijkl");
        assertEquals(12, t.editor.queuedInput(), "type-ahead is never dropped by the editor");
        t.editor.readLine("> ", true, true);
        t.assertBuffer("abcde", 5);
        assertEquals(0, t.editor.queuedInput());
        t.assertLog("bell"); // one bell for the batch
    }

    @Test
    void typeAheadOfThousandsOfLinesIsHandedOutWholeAndInOrder() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 20, 3);
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            script.append("echo line-").append(i).append('\r');
        }
        t.type(script.toString());
        assertEquals(script.length(), t.editor.queuedInput());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            expected.add("accepted:echo line-" + i);
            t.editor.readLine("> ", true, true);
        }
        assertEquals(expected, t.takeLog());
        assertEquals(0, t.editor.queuedInput());
    }

    @Test
    void takingTypeAheadOutsideReceiveIsToldSoThatTheSessionReadsAgain() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.type("one\rtwo\r");
        assertEquals(0, t.inputTaken, "receive itself never reports: its caller knows");
        assertEquals(8, t.editor.queuedInput());
        t.editor.readLine("> ", true, true);
        assertEquals(1, t.inputTaken);
        assertEquals(4, t.editor.queuedInput());
        t.editor.eraseLine(); // idle: drops the type-ahead of the current line
        assertEquals(2, t.inputTaken);
        t.type("three");
        t.editor.interrupt(); // telnet IP while idle discards the type-ahead
        assertEquals(3, t.inputTaken);
        assertEquals(0, t.editor.queuedInput());
    }

    @Test
    void ctrlCWhileIdleDiscardsTypeAheadAndReportsTheInterrupt() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.type("rm -rf /" + ctrl('C') + "ls");
        t.assertLog("idle-interrupt");
        assertEquals("", t.written());
        t.editor.readLine("> ", true, true);
        t.assertBuffer("ls", 2);
    }

    @Test
    void ctrlCRightAfterEnterInTheSameInputIsForTheCommandNotTheNextLine() {
        RecordingTerminal t = RecordingTerminal.reading().type("sleep 10\r\u0003");
        t.assertLog("accepted:sleep 10", "idle-interrupt");
        t.editor.readLine("> ", true, true);
        t.assertLog();
        t.assertBuffer("", 0);
    }

    @Test
    void telnetInterruptWhileIdleDiscardsTypeAheadAndReportsTheInterrupt() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.type("abc");
        t.editor.interrupt();
        t.assertLog("idle-interrupt");
        t.editor.readLine("> ", true, true);
        t.assertBuffer("", 0);
    }

    @Test
    void telnetEraseCharacterAndEraseLineWhileIdleEditTheTypeAhead() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.type("first\rsecond");
        t.editor.eraseCharacter();
        t.editor.readLine("> ", true, true);
        t.assertLog("accepted:first");
        t.type(""); // still idle
        t.editor.eraseLine();
        t.editor.readLine("> ", true, true);
        t.assertBuffer("", 0);
        RecordingTerminal u = new RecordingTerminal(80);
        u.type("ab");
        u.editor.eraseCharacter();
        u.editor.readLine("> ", true, true);
        u.assertBuffer("a", 1);
    }

    @Test
    void aLineAcceptedCallbackMayStartTheNextLineAtOnce() {
        List<String> lines = new ArrayList<>();
        LineEditor[] editor = new LineEditor[1];
        EditorOutput output = new EditorOutput() {
            @Override
            public void write(String text) {
            }

            @Override
            public void bell() {
            }

            @Override
            public void lineAccepted(String line) {
                lines.add(line);
                editor[0].readLine("> ", true, true);
            }

            @Override
            public void interrupted() {
            }

            @Override
            public void endOfInput() {
            }
        };
        editor[0] = new LineEditor(output, KeyMap.defaults(), new History(10), 100, 8);
        editor[0].readLine("> ", true, true);
        editor[0].receive("a\r".repeat(5000) + "b");
        assertEquals(5000, lines.size());
        assertTrue(editor[0].reading());
        assertEquals("b", editor[0].buffer());
    }

    @Test
    void outputOfOneReceiveIsWrittenInOnePieceAndBeforeEveryCallback() {
        List<String> events = new ArrayList<>();
        EditorOutput output = new EditorOutput() {
            @Override
            public void write(String text) {
                events.add("write:" + ScreenModel.visible(text));
            }

            @Override
            public void bell() {
                events.add("bell");
            }

            @Override
            public void lineAccepted(String line) {
                events.add("accepted:" + line);
            }

            @Override
            public void interrupted() {
            }

            @Override
            public void endOfInput() {
            }
        };
        LineEditor editor = new LineEditor(output, KeyMap.defaults(), new History(10), 100, 8);
        editor.readLine("> ", true, true);
        editor.receive("abc" + LEFT + LEFT + LEFT + LEFT + "x" + ENTER + "next");
        assertEquals(List.of("write:> ", "write:abc\\b\\b\\b", "bell", "write:xabc\\b\\b\\b\\r\\n", "accepted:xabc"),
                events);
    }

    @Test
    void interruptedWhileIdleDoesNothingByDefault() {
        EditorOutput quiet = new EditorOutput() {
            @Override
            public void write(String text) {
            }

            @Override
            public void bell() {
            }

            @Override
            public void lineAccepted(String line) {
            }

            @Override
            public void interrupted() {
                throw new AssertionError("not at the prompt");
            }

            @Override
            public void endOfInput() {
            }
        };
        LineEditor editor = new LineEditor(quiet, KeyMap.defaults(), new History(10), 100, 8);
        editor.receive("\u0003");
        editor.interrupt();
        assertFalse(editor.reading());
    }
}
