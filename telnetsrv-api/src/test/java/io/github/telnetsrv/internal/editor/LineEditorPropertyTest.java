package io.github.telnetsrv.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.internal.editor.Keys;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever is typed, at whatever width, the screen shows the buffer around the cursor on one row. Widths
 * start at 7: the prompt (2) plus the narrowest text area (4) plus the unused last column.
 */
class LineEditorPropertyTest {

    private static final int MAX_LINE = 60;

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "b", "z", " ", "0"),
                Arbitraries.of("中", "\uD83D\uDE00", "e\u0301", "ｗ"),
                Arbitraries.of(Keys.LEFT, Keys.RIGHT, Keys.HOME, Keys.END, Keys.BACKSPACE, Keys.DELETE,
                        Keys.CTRL_LEFT, Keys.CTRL_RIGHT, Keys.ctrl('K'), Keys.ctrl('U'), Keys.ctrl('W'),
                        Keys.UP, Keys.DOWN, Keys.ctrl('D'), Keys.ctrl('L'), "\u001b[99~", "\u001bOD"),
                Arbitraries.integers().between(7, 45).map(w -> "resize:" + w),
                Arbitraries.of("above:hi", "redraw:"));
    }

    @Property(tries = 300)
    void theScreenAlwaysShowsTheBufferAroundTheCursor(@ForAll @IntRange(min = 7, max = 45) int width,
            @ForAll @Size(max = 80) List<@net.jqwik.api.From("keys") String> keys) {
        RecordingTerminal t = new RecordingTerminal(width, KeyMap.defaults(), MAX_LINE, 8);
        t.history.add("history entry that is rather long 中文");
        t.history.add("ls");
        t.editor.readLine("> ", true, true);
        for (String key : keys) {
            if (key.startsWith("resize:")) {
                t.resize(Integer.parseInt(key.substring(7)));
            } else if (key.startsWith("above:")) {
                t.editor.printAbove(key.substring(6));
            } else if (key.equals("redraw:")) {
                t.editor.redraw();
            } else {
                t.type(key);
            }
            if (!t.editor.reading()) {
                return; // Ctrl-D on an empty line ended the input
            }
            assertShowsBuffer(t);
        }
    }

    private static void assertShowsBuffer(RecordingTerminal t) {
        ScreenModel screen = t.screen;
        String buffer = t.editor.buffer();
        int cursor = t.editor.cursor();
        assertTrue(buffer.length() <= MAX_LINE);
        assertEquals(0, screen.wraps(), "the line never wraps");
        assertFalse(screen.lastColumnWritten(), "the last column is never written");
        assertEquals("> ", screen.text(0, 2), "the prompt starts the row");
        int column = screen.cursorColumn();
        String before = screen.text(2, column);
        String after = screen.text(column, 1000).stripTrailing();
        String typedBefore = buffer.substring(0, cursor);
        String typedAfter = buffer.substring(cursor);
        if (before.startsWith("<")) {
            String shown = before.substring(1);
            assertTrue(typedBefore.endsWith(shown) && typedBefore.length() > shown.length(),
                    "left of the cursor: " + before + " for " + typedBefore);
        } else {
            assertEquals(typedBefore, before, "left of the cursor");
        }
        if (after.endsWith(">")) {
            String shown = after.substring(0, after.length() - 1);
            assertTrue(typedAfter.startsWith(shown) && typedAfter.length() > shown.length(),
                    "right of the cursor: " + after + " for " + typedAfter);
        } else {
            assertEquals(typedAfter.stripTrailing(), after, "right of the cursor");
        }
    }

    @Property(tries = 300)
    void anyInputNeverThrowsAndNeverWritesRawControlCharacters(
            @ForAll @Size(max = 200) List<@net.jqwik.api.constraints.CharRange(from = 0, to = 0x2FF) Character> input,
            @ForAll @IntRange(min = 0, max = 100) int width) {
        RecordingTerminal t = new RecordingTerminal(Math.max(width, 1), KeyMap.defaults(), 40, 8);
        t.editor.setCompleter((line, start, cursor) -> List.of("alpha", "alphabet", "beta"));
        t.editor.readLine("> ", true, true);
        StringBuilder chars = new StringBuilder();
        input.forEach(chars::append);
        for (int i = 0; i < chars.length(); i++) {
            t.type(String.valueOf(chars.charAt(i))); // ScreenModel fails on any raw control character
            if (!t.editor.reading()) {
                t.editor.readLine("> ", true, true);
            }
            if (t.editor.escapePending() && i % 3 == 0) {
                t.editor.timeout();
            }
            assertTrue(t.editor.buffer().length() <= 40);
        }
    }

    @Provide
    Arbitrary<String> typing() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "b", " ", "中", "\uD83D\uDE00", "e\u0301", "\r", "\u0003"),
                Arbitraries.of(Keys.LEFT, Keys.RIGHT, Keys.HOME, "\u001bOH", "\u001b[4~", Keys.BACKSPACE, "\b",
                        Keys.DELETE, Keys.CTRL_LEFT, "\u001bOc", Keys.UP, Keys.DOWN, "\u001b[99~", "\u001b[1;5A",
                        "\u001bx", "\u001b\u001b[D", "\u0012"));
    }

    @Property(tries = 300)
    void inputSplitAnywhereActsLikeInputReceivedWhole(
            @ForAll @Size(max = 40) List<@net.jqwik.api.From("typing") String> keys,
            @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 6) Integer> cuts) {
        String input = String.join("", keys);
        RecordingTerminal whole = transcript(List.of(input));
        List<String> oneByOne = input.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        RecordingTerminal single = transcript(oneByOne);
        List<String> chunks = new java.util.ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(input.length(), at + cut);
            chunks.add(input.substring(at, end));
            at = end;
        }
        chunks.add(input.substring(at));
        RecordingTerminal split = transcript(chunks);
        List<String> effects = whole.takeLog();
        for (RecordingTerminal other : List.of(single, split)) {
            assertEquals(whole.editor.buffer(), other.editor.buffer());
            assertEquals(whole.editor.cursor(), other.editor.cursor());
            assertEquals(whole.screen.rows(), other.screen.rows());
            assertEquals(whole.written(), other.written());
            assertEquals(whole.history.entries(), other.history.entries());
            assertEquals(effects, other.takeLog());
        }
    }

    /** Feeds the chunks; every line that ends starts the next at once (so no input is type-ahead). */
    private static RecordingTerminal transcript(List<String> chunks) {
        RecordingTerminal t = new RecordingTerminal(30).restartingLines();
        t.editor.readLine("> ", true, true);
        for (String chunk : chunks) {
            t.type(chunk);
        }
        return t;
    }
}
