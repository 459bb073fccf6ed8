package io.github.telnetsrv.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyMapTest {

    private static final String ESC = "\u001b";

    /** Every default binding the line editor's brief asks for (checklist section 3). */
    private static Map<String, EditAction> expectedDefaults() {
        Map<String, EditAction> m = new LinkedHashMap<>();
        m.put("\r", EditAction.ACCEPT_LINE);
        m.put("\u007f", EditAction.BACKWARD_DELETE_CHAR);
        m.put("\b", EditAction.BACKWARD_DELETE_CHAR);
        m.put("\u0001", EditAction.BEGINNING_OF_LINE);
        m.put("\u0002", EditAction.BACKWARD_CHAR);
        m.put("\u0003", EditAction.INTERRUPT);
        m.put("\u0004", EditAction.END_OF_INPUT);
        m.put("\u0005", EditAction.END_OF_LINE);
        m.put("\u0006", EditAction.FORWARD_CHAR);
        m.put("\t", EditAction.COMPLETE);
        m.put("\u000b", EditAction.KILL_LINE);
        m.put("\u000c", EditAction.CLEAR_SCREEN);
        m.put("\u000e", EditAction.NEXT_HISTORY);
        m.put("\u0010", EditAction.PREVIOUS_HISTORY);
        m.put("\u0015", EditAction.UNIX_LINE_DISCARD);
        m.put("\u0017", EditAction.UNIX_WORD_RUBOUT);
        for (String introducer : new String[] {"[", "O"}) {
            m.put(ESC + introducer + "A", EditAction.PREVIOUS_HISTORY);
            m.put(ESC + introducer + "B", EditAction.NEXT_HISTORY);
            m.put(ESC + introducer + "C", EditAction.FORWARD_CHAR);
            m.put(ESC + introducer + "D", EditAction.BACKWARD_CHAR);
            m.put(ESC + introducer + "H", EditAction.BEGINNING_OF_LINE);
            m.put(ESC + introducer + "F", EditAction.END_OF_LINE);
        }
        m.put(ESC + "[1~", EditAction.BEGINNING_OF_LINE);
        m.put(ESC + "[4~", EditAction.END_OF_LINE);
        m.put(ESC + "[7~", EditAction.BEGINNING_OF_LINE);
        m.put(ESC + "[8~", EditAction.END_OF_LINE);
        m.put(ESC + "[2~", EditAction.IGNORE);
        m.put(ESC + "[3~", EditAction.DELETE_CHAR);
        m.put(ESC + "[5~", EditAction.IGNORE);
        m.put(ESC + "[6~", EditAction.IGNORE);
        m.put(ESC + "[1;5D", EditAction.BACKWARD_WORD);
        m.put(ESC + "[1;5C", EditAction.FORWARD_WORD);
        m.put(ESC + "Od", EditAction.BACKWARD_WORD);
        m.put(ESC + "Oc", EditAction.FORWARD_WORD);
        m.put(ESC + "b", EditAction.BACKWARD_WORD);
        m.put(ESC + "f", EditAction.FORWARD_WORD);
        return m;
    }

    @Test
    void defaultsHoldExactlyTheDocumentedBindings() {
        assertEquals(new java.util.TreeMap<>(expectedDefaults()), KeyMap.defaults().bindings());
    }

    @Test
    void defaultsAreOneSharedInstance() {
        assertSame(KeyMap.defaults(), KeyMap.defaults());
    }

    @Test
    void lookupTellsBoundSequencesFromPrefixes() {
        KeyMap keys = KeyMap.defaults();
        assertEquals(EditAction.DELETE_CHAR, keys.action(ESC + "[3~"));
        assertNull(keys.action(ESC + "[3"));
        assertTrue(keys.isPrefix(ESC + "[3"));
        assertTrue(keys.isPrefix(ESC));
        assertNull(keys.action(ESC));
        assertFalse(keys.isPrefix(ESC + "[3~"));
        assertFalse(keys.isPrefix("x"));
        assertNull(keys.action("x"));
    }

    @Test
    void bindReturnsANewMapAndLeavesTheOriginalUnchanged() {
        KeyMap keys = KeyMap.defaults();
        KeyMap changed = keys.bind(ESC + "[3~", EditAction.IGNORE).bind("\u0018\u0005", EditAction.CLEAR_SCREEN);
        assertEquals(EditAction.DELETE_CHAR, keys.action(ESC + "[3~"));
        assertNull(keys.action("\u0018\u0005"));
        assertEquals(EditAction.IGNORE, changed.action(ESC + "[3~"));
        assertEquals(EditAction.CLEAR_SCREEN, changed.action("\u0018\u0005"));
        assertEquals(EditAction.PREVIOUS_HISTORY, changed.action(ESC + "[A"));
    }

    @Test
    void aBindingMayBeAPrefixOfAnother() {
        KeyMap keys = KeyMap.defaults().bind(ESC, EditAction.UNIX_LINE_DISCARD);
        assertEquals(EditAction.UNIX_LINE_DISCARD, keys.action(ESC));
        assertTrue(keys.isPrefix(ESC));
    }

    @Test
    void anEmptySequenceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyMap.empty().bind("", EditAction.IGNORE));
        assertEquals("sequence: \"\" (expected: at least one character)", e.getMessage());
    }

    @Test
    void selfInsertIsOnlyForOneCharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyMap.empty().bind("ab", EditAction.SELF_INSERT));
        assertEquals("SELF_INSERT for a sequence of 2 characters (expected: 1)", e.getMessage());
        assertEquals(EditAction.SELF_INSERT, KeyMap.empty().bind("\t", EditAction.SELF_INSERT).action("\t"));
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> KeyMap.empty().bind(null, EditAction.IGNORE));
        assertThrows(NullPointerException.class, () -> KeyMap.empty().bind("a", null));
    }

    @Test
    void toStringShowsControlCharactersReadably() {
        assertEquals("KeyMap[^C, ESC[A]", KeyMap.empty().bind("\u0003", EditAction.INTERRUPT)
                .bind(ESC + "[A", EditAction.PREVIOUS_HISTORY).toString());
    }
}
