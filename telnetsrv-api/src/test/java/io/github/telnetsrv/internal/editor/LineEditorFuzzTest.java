package io.github.telnetsrv.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.edit.EditAction;
import io.github.telnetsrv.edit.KeyMap;
import io.github.telnetsrv.internal.editor.Keys;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz targets for the line editor: hostile input (C0 and C1 controls, DEL, known, truncated and garbage escape
 * sequences, CSI with huge parameters, wide characters, lone surrogates, combining marks, U+FFFD) interleaved with
 * every other call (width changes including 0 and 1, timeouts, echo switches, messages, interrupts, cancels, new
 * lines with echo and history on or off), against random limits. The number of tries is {@code jqwik.tries.default}
 * (see {@code junit-platform.properties}; the README has the command for a long run).
 */
class LineEditorFuzzTest {

    private static final String PROMPT = "> ";
    private static final String MESSAGE = "!\n!";

    // ---------------------------------------------------------------------------------------------
    // Generators

    @Provide
    Arbitrary<String> hostileText() {
        return piece().list().ofMinSize(1).ofMaxSize(20).map(pieces -> String.join("", pieces));
    }

    private static Arbitrary<String> piece() {
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(40);
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.strings().withCharRange('a', 'z').withChars(" 0-_".toCharArray())
                        .ofMinLength(1).ofMaxLength(3)),
                Tuple.of(3, Arbitraries.chars().range('\u0000', '\u001f').with('\u007f').map(String::valueOf)),
                Tuple.of(1, Arbitraries.chars().range('\u0080', '\u009f').map(String::valueOf)),
                Tuple.of(3, Arbitraries.of(Keys.UP, Keys.DOWN, Keys.LEFT, Keys.RIGHT, Keys.HOME, Keys.END, Keys.DELETE,
                        Keys.CTRL_LEFT, Keys.CTRL_RIGHT, "\u001bOA", "\u001bOH", "\u001b[1~", "\u001b[4~",
                        "\u001b[2~", "\u001bb", "\u001bf", Keys.BACKSPACE, "\b", Keys.TAB, Keys.ctrl('A'),
                        Keys.ctrl('E'), Keys.ctrl('K'), Keys.ctrl('U'), Keys.ctrl('W'), Keys.ctrl('L'), Keys.ctrl('P'),
                        Keys.ctrl('N'))),
                Tuple.of(2, Arbitraries.of("\u001b", "\u001b[", "\u001b[1", "\u001b[1;", "\u001b[1;5", "\u001bO",
                        "\u001b[3", "\u001b\u001b", "\u001b[?")),
                Tuple.of(2, Arbitraries.oneOf(
                        Combinators.combine(digits, Arbitraries.of("A", "C", "D", "~", "m", "J", "$", ";", "", "\u00e9"))
                                .as((n, end) -> "\u001b[" + n + end),
                        Arbitraries.integers().between(1, 200).map(n -> "\u001b[" + ";".repeat(n) + "H"),
                        Arbitraries.integers().between(1, 300).map(n -> "\u001b[" + "1".repeat(n)),
                        Arbitraries.of("\u001b]0;title\u0007", "\u001bP1$r\u001b\\", "\u001b[?1049h", "\u001b[<0;1;1M",
                                "\u001b[200~pasted\u001b[201~", "\u001b !", "\u001b(B", "\u001bOP", "\u009b31m"))),
                Tuple.of(2, Arbitraries.of("\u4e2d", "\uff57", "\ud83d\ude00", "\ud83d", "\ude00", "\ufffd", "\u0301",
                        "e\u0301", "\u200d", "\ufeff", "\u202e", "\u00ad", "\u2028", "\ud55c", "\u1160", "\u00a0",
                        "\udbff\udfff")),
                Tuple.of(1, Arbitraries.of(Keys.ENTER, Keys.ctrl('C'), Keys.ctrl('D'), "\r\n", "\n")));
    }

    /** One call into the editor. */
    record Op(String name, String text, int n) {
        @Override
        public String toString() {
            return name + "(" + (text.isEmpty() ? String.valueOf(n) : ScreenModel.visible(text)) + ")";
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> type = hostileText().map(text -> new Op("type", text, 0));
        Arbitrary<Op> width = Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 40, 80, 132, 1000, 100_000)
                .map(n -> new Op("width", "", n));
        Arbitrary<Op> other = Arbitraries.of("timeout", "above", "redraw", "erase-char", "erase-line", "interrupt",
                "cancel").map(name -> new Op(name, "", 0));
        Arbitrary<Op> echo = Arbitraries.integers().between(0, 1).map(n -> new Op("server-echo", "", n));
        Arbitrary<Op> read = Arbitraries.integers().between(0, 3).map(n -> new Op("read", "", n));
        return Arbitraries.frequencyOf(Tuple.of(8, type), Tuple.of(2, width), Tuple.of(3, other), Tuple.of(1, echo),
                Tuple.of(2, read)).list().ofMaxSize(40);
    }

    /** The standard bindings, none, or the standard ones plus a bound lone ESC and a long bound sequence. */
    @Provide
    Arbitrary<KeyMap> keyMap() {
        return Arbitraries.of(KeyMap.defaults(), KeyMap.empty(), KeyMap.defaults()
                .bind("\u001b", EditAction.CLEAR_SCREEN)
                .bind("\u001b[9;9;9;9;9;9~", EditAction.KILL_LINE)
                .bind("\u001b[1;5A", EditAction.IGNORE));
    }

    /**
     * Text an application hands the editor (history entries, completions): controls and escapes included. Lone
     * surrogates are left out: the editor passes the application's text on as it is (a lone surrogate in a history
     * entry is written as it is), while the checks here want well-formed output.
     */
    @Provide
    Arbitrary<List<String>> applicationText() {
        Arbitrary<String> wellFormed = hostileText().map(text -> text.replaceAll("\\p{Cs}", ""));
        return Arbitraries.oneOf(wellFormed, wellFormed.map(text -> text.repeat(30))).list().ofMaxSize(6);
    }

    // ---------------------------------------------------------------------------------------------
    // Properties

    @Property
    void anyInputAndAnyCallsNeverThrowKeepTheLineWithinItsLimitAndWriteOnlyTextTheEditorComposes(
            @ForAll("ops") List<Op> ops, @ForAll("keyMap") KeyMap keys,
            @ForAll @IntRange(min = 1, max = 80) int maxLineLength, @ForAll @IntRange(min = 1, max = 16) int maxEscapeLength,
            @ForAll boolean restartInCallbacks, @ForAll boolean echo, @ForAll boolean useHistory,
            @ForAll("applicationText") List<String> history, @ForAll("applicationText") List<String> completions) {
        Harness h = new Harness(keys, maxLineLength, maxEscapeLength, restartInCallbacks);
        history.forEach(h.history::add);
        h.editor.setCompleter((line, start, cursor) -> completions);
        h.read(echo, useHistory);
        for (Op op : ops) {
            h.apply(op);
            h.checkState();
        }
    }

    @Property
    void aPasswordIsNeverWrittenWhateverIsTypedOrCalledOnlyPromptsLineEndsAndTheEditorsOwnSequences(
            @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 80) int maxLineLength,
            @ForAll("applicationText") List<String> completions) {
        Harness h = new Harness(KeyMap.defaults(), maxLineLength, 8, true);
        h.history.add("secret history");
        h.editor.setCompleter((line, start, cursor) -> completions);
        h.passwordsOnly = true;
        h.read(false, true);
        for (Op op : ops) {
            h.apply(op);
            h.checkState();
        }
        assertOnlyPromptsAndLineEnds(h.written.toString());
    }

    /**
     * In line mode the client echoes: typing writes nothing but the prompt of the next line and "^C". (A message or
     * a redraw does rewrite the typed text, to restore the row the client showed.)
     */
    @Property
    void inLineModeTypingNeverEchoes(@ForAll @Size(max = 30) List<@net.jqwik.api.From("hostileText") String> chunks,
            @ForAll @IntRange(min = 1, max = 80) int maxLineLength, @ForAll boolean echo,
            @ForAll("applicationText") List<String> completions) {
        Harness h = new Harness(KeyMap.defaults(), maxLineLength, 8, true);
        h.history.add("secret history");
        h.editor.setCompleter((line, start, cursor) -> completions);
        h.apply(new Op("server-echo", "", 0));
        h.read(echo, true);
        for (String chunk : chunks) {
            h.editor.receive(chunk);
            h.checkState();
        }
        assertOnlyPromptsAndLineEnds(h.written.toString());
    }

    /** Checks that the text holds nothing but the prompt, CR LF, "^C", the message and the editor's sequences. */
    private static void assertOnlyPromptsAndLineEnds(String written) {
        String allowed = PROMPT + "\r\n^C\u001b[KH2J" + MESSAGE;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            assertTrue(allowed.indexOf(c) >= 0, "written without echo: U+" + Integer.toHexString(c) + " in "
                    + ScreenModel.visible(written));
        }
    }

    /*
     * Found by this property: a line that starts with a zero-width character (a combining mark, U+200D, U+FEFF) has
     * the cursor at 0 in front of it, and a character typed there left the cursor between that character and the
     * mark (type U+0301, Home, "x": the buffer was "x\u0301" with the cursor at 1).
     */
    @Property
    void theCursorIsNeverBeforeACombiningMarkExceptAtTheStartOfTheLine(@ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 1, max = 80) int maxLineLength) {
        Harness h = new Harness(KeyMap.defaults(), maxLineLength, 8, true);
        h.read(true, true);
        for (Op op : ops) {
            h.apply(op);
            String buffer = h.editor.buffer();
            int cursor = h.editor.cursor();
            if (cursor > 0 && cursor < buffer.length() && DisplayWidth.isZeroWidth(buffer.codePointAt(cursor))) {
                fail("cursor " + cursor + " before U+" + Integer.toHexString(buffer.codePointAt(cursor)) + " in "
                        + ScreenModel.visible(buffer) + " after " + op);
            }
        }
    }

    @Property
    void aTimeoutOrANonAsciiLetterAfterAnyInputLeavesNothingPendingAndTheLetterIsInserted(
            @ForAll("hostileText") String garbage, @ForAll("hostileText") String more,
            @ForAll @IntRange(min = 1, max = 16) int maxEscapeLength, @ForAll boolean echo) {
        Harness h = new Harness(KeyMap.defaults(), 200, maxEscapeLength, true);
        h.read(echo, true);
        h.editor.receive(garbage);
        h.editor.timeout();
        assertFalse(h.editor.escapePending(), "pending after a timeout");
        h.editor.receive(more);
        int lengthBefore = h.editor.buffer().length();
        h.editor.receive("\u00e9");
        assertFalse(h.editor.escapePending(), "pending after a letter no sequence can hold");
        if (lengthBefore + 2 <= 200) {
            // The letter is before the cursor, or before the zero-width marks it took (inserted in front of them).
            String buffer = h.editor.buffer();
            int at = h.editor.cursor() - 1;
            while (at > 0 && DisplayWidth.isZeroWidth(buffer.charAt(at))) {
                at--;
            }
            assertEquals('\u00e9', buffer.charAt(at), "the letter before the cursor");
        }
        h.checkState();
    }

    @Property
    void typeAheadIsNeverDroppedAndComesBackLineByLineInOrder(
            @ForAll @Size(max = 200) List<@net.jqwik.api.constraints.AlphaChars @net.jqwik.api.constraints.StringLength(max = 30) String> lines,
            @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 400) Integer> cuts) {
        Harness h = new Harness(KeyMap.defaults(), 40, 16, false);
        String input = String.join("\r", lines) + (lines.isEmpty() ? "" : "\r");
        int from = 0;
        for (int cut : cuts.stream().sorted().toList()) {
            if (cut > from && cut < input.length()) {
                h.editor.receive(input.substring(from, cut));
                from = cut;
            }
        }
        h.editor.receive(input.substring(from));
        assertEquals(input.length(), h.editor.queuedInput(), "every character received while idle is queued");
        for (int i = 0; i < lines.size(); i++) {
            h.read(true, false);
        }
        assertEquals(lines, h.accepted);
        assertEquals(0, h.editor.queuedInput());
        h.checkState();
    }

    @Property
    void hostileInputSplitAnywhereActsLikeTheSameInputReceivedWhole(@ForAll("hostileText") String first,
            @ForAll("hostileText") String second, @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 6) Integer> cuts,
            @ForAll @IntRange(min = 1, max = 100) int width) {
        String input = first + second;
        Harness whole = transcript(List.of(input), width);
        List<String> single = new ArrayList<>();
        input.chars().forEach(c -> single.add(String.valueOf((char) c)));
        List<String> pieces = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(input.length(), at + cut);
            pieces.add(input.substring(at, end));
            at = end;
        }
        pieces.add(input.substring(at));
        for (List<String> chunks : List.of(single, pieces)) {
            Harness other = transcript(chunks, width);
            assertEquals(ScreenModel.visible(whole.written.toString()), ScreenModel.visible(other.written.toString()));
            assertEquals(whole.accepted, other.accepted);
            assertEquals(whole.editor.buffer(), other.editor.buffer());
            assertEquals(whole.editor.cursor(), other.editor.cursor());
            assertEquals(whole.bells, other.bells);
        }
    }

    private static Harness transcript(List<String> chunks, int width) {
        Harness h = new Harness(KeyMap.defaults(), 60, 8, true);
        h.editor.setWidth(width);
        h.read(true, true);
        for (String chunk : chunks) {
            h.editor.receive(chunk);
            h.checkState();
        }
        return h;
    }

    // ---------------------------------------------------------------------------------------------
    // The harness

    /**
     * An {@link EditorOutput} that checks every write as it arrives (see {@link #assertEditorText}) and every
     * accepted line, keeps what was written, and can start the next line from inside the callbacks.
     */
    private static final class Harness implements EditorOutput {
        final History history = new History(10);
        final LineEditor editor;
        final StringBuilder written = new StringBuilder();
        final List<String> accepted = new ArrayList<>();
        private final int maxLineLength;
        private final boolean restart;
        /** When set, every line is read without echo. */
        boolean passwordsOnly;
        private boolean echo = true;
        private boolean useHistory = true;
        /** As last set on the editor: off, a Tab is text and may be in the line. */
        private boolean serverEcho = true;
        int bells;

        Harness(KeyMap keys, int maxLineLength, int maxEscapeLength, boolean restart) {
            this.editor = new LineEditor(this, keys, history, maxLineLength, maxEscapeLength);
            this.maxLineLength = maxLineLength;
            this.restart = restart;
        }

        void read(boolean echo, boolean useHistory) {
            this.echo = echo && !passwordsOnly;
            this.useHistory = useHistory;
            if (!editor.reading()) {
                editor.readLine(PROMPT, this.echo, useHistory);
            }
        }

        void apply(Op op) {
            switch (op.name()) {
                case "type" -> editor.receive(op.text());
                case "width" -> editor.setWidth(op.n());
                case "timeout" -> editor.timeout();
                case "above" -> editor.printAbove(MESSAGE);
                case "redraw" -> editor.redraw();
                case "erase-char" -> editor.eraseCharacter();
                case "erase-line" -> editor.eraseLine();
                case "interrupt" -> editor.interrupt();
                case "cancel" -> editor.cancel();
                case "server-echo" -> {
                    serverEcho = op.n() == 1;
                    editor.setServerEcho(serverEcho);
                }
                case "read" -> read((op.n() & 1) != 0, (op.n() & 2) != 0);
                default -> throw new IllegalArgumentException(op.name());
            }
        }

        /** What holds between any two calls. */
        void checkState() {
            String buffer = editor.buffer();
            int cursor = editor.cursor();
            assertTrue(buffer.length() <= maxLineLength, buffer.length() + " chars in the line");
            assertTrue(cursor >= 0 && cursor <= buffer.length(), "cursor " + cursor);
            assertFalse(cursor > 0 && cursor < buffer.length() && Character.isHighSurrogate(buffer.charAt(cursor - 1))
                    && Character.isLowSurrogate(buffer.charAt(cursor)), "the cursor splits a surrogate pair");
            assertWellFormed(buffer, "the line");
            assertNoControl(serverEcho ? buffer : buffer.replace('\t', ' '), "the line");
            if (!editor.reading()) {
                assertEquals("", buffer, "the buffer while idle");
                assertFalse(editor.escapePending(), "escapePending while idle");
            }
        }

        @Override
        public void write(String text) {
            assertFalse(text.isEmpty(), "an empty write");
            assertEditorText(text);
            written.append(text);
        }

        @Override
        public void bell() {
            bells++;
        }

        @Override
        public void lineAccepted(String line) {
            assertTrue(line.length() <= maxLineLength, "an accepted line of " + line.length() + " chars");
            assertNoControl(serverEcho ? line : line.replace('\t', ' '), "an accepted line");
            assertWellFormed(line, "an accepted line");
            accepted.add(line);
            restartIfAsked();
        }

        @Override
        public void interrupted() {
            restartIfAsked();
        }

        @Override
        public void endOfInput() {
            restartIfAsked();
        }

        private void restartIfAsked() {
            if (restart) {
                editor.readLine(PROMPT, echo, useHistory);
            }
        }
    }

    /**
     * Checks one write: printable text (no C0 or C1 control, no DEL, no unpaired surrogate), CR, BS, LF only after
     * CR, and ESC only as the start of one of the editor's own sequences: {@code ESC[K}, {@code ESC[nC},
     * {@code ESC[nD} (n at least 1), {@code ESC[H}, {@code ESC[2J}. No BEL: the bell is its own callback.
     */
    static void assertEditorText(String text) {
        String where = " in " + ScreenModel.visible(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0x1B) {
                int j = i + 1;
                assertTrue(j < text.length() && text.charAt(j) == '[', "ESC not followed by [" + where);
                j++;
                int digits = j;
                while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                    j++;
                }
                assertTrue(j < text.length(), "an unterminated sequence" + where);
                String n = text.substring(digits, j);
                char command = text.charAt(j);
                switch (command) {
                    case 'K', 'H' -> assertEquals("", n, "ESC[" + n + command + where);
                    case 'J' -> assertEquals("2", n, "ESC[" + n + command + where);
                    case 'C', 'D' -> assertTrue(n.isEmpty() || n.length() < 10 && Integer.parseInt(n) >= 1,
                            "ESC[" + n + command + where);
                    default -> fail("ESC[" + n + command + where);
                }
                i = j;
            } else if (c == '\n') {
                assertTrue(i > 0 && text.charAt(i - 1) == '\r', "a bare LF" + where);
            } else if (c != '\r' && c != '\b') {
                assertFalse(Character.getType(c) == Character.CONTROL,
                        "raw control character U+" + Integer.toHexString(c) + " at " + i + where);
            }
        }
        assertWellFormed(text, "written text");
    }

    private static void assertNoControl(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            assertFalse(Character.getType(text.charAt(i)) == Character.CONTROL,
                    what + " holds U+" + Integer.toHexString(text.charAt(i)) + ": " + ScreenModel.visible(text));
        }
    }

    private static void assertWellFormed(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)),
                        what + ": an unpaired high surrogate at " + i);
                i++;
            } else {
                assertFalse(Character.isLowSurrogate(c), what + ": an unpaired low surrogate at " + i);
            }
        }
    }
}
