package io.github.telnetsrv.internal.editor;

import io.github.telnetsrv.edit.KeyMap;
import org.junit.jupiter.api.Test;

/** A flood of keys past the line's bound gets one bell, not one per key (no output amplification). */
class LineEditorFloodTest {

    @Test
    void keysPastTheFullLineRingTheBellOnceUntilAnEditSucceeds() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 4, 8);
        t.editor.readLine(RecordingTerminal.PROMPT, true, true);
        t.clear();
        t.type("abcd" + "x".repeat(1000));
        t.assertLog("bell");
        t.type("\u007f").type("yz");
        t.assertLog("bell");
        t.type("\r");
        t.assertLog("accepted:abcy");
    }

    @Test
    void aNewLineRingsForItsOwnOverflow() {
        RecordingTerminal t = new RecordingTerminal(80, KeyMap.defaults(), 2, 8);
        t.editor.readLine(RecordingTerminal.PROMPT, true, true);
        t.clear();
        t.type("abc\r");
        t.assertLog("bell", "accepted:ab");
        t.editor.readLine(RecordingTerminal.PROMPT, true, true);
        t.clear();
        t.type("def");
        t.assertLog("bell");
    }
}
