package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.internal.editor.ScreenModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The line editor's keys (checklist section 3) typed through the whole session: engine, editor, commands. */
class SessionKeysTest {

    private static final String ESC = "\u001b";
    private static final String LEFT = ESC + "[D";

    /** Completes the argument of {@code echo} from a fixed word list. */
    static class CompletingHandler extends RecordingHandler {
        @Override
        protected List<String> completeArgument(String command, String word) {
            return command.equalsIgnoreCase("echo")
                    ? Stream.of("world", "wonder", "zebra").filter(w -> w.startsWith(word)).toList()
                    : List.of();
        }
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("Left CSI, insert mid-line", "echo ac" + LEFT + "b", "echo abc"),
                Arguments.of("Left SS3", "echo ac" + ESC + "ODb", "echo abc"),
                Arguments.of("Right CSI", "echo ac" + LEFT + LEFT + ESC + "[Cb", "echo abc"),
                Arguments.of("Right SS3", "echo ac" + LEFT + LEFT + ESC + "OCb", "echo abc"),
                Arguments.of("Home ESC[H", "cho x" + ESC + "[He", "echo x"),
                Arguments.of("Home ESC OH", "cho x" + ESC + "OHe", "echo x"),
                Arguments.of("Home ESC[1~", "cho x" + ESC + "[1~e", "echo x"),
                Arguments.of("Home ESC[7~", "cho x" + ESC + "[7~e", "echo x"),
                Arguments.of("End ESC[F", "echo x" + ESC + "[H" + ESC + "[Fy", "echo xy"),
                Arguments.of("End ESC OF", "echo x" + ESC + "[H" + ESC + "OFy", "echo xy"),
                Arguments.of("End ESC[4~", "echo x" + ESC + "[H" + ESC + "[4~y", "echo xy"),
                Arguments.of("End ESC[8~", "echo x" + ESC + "[H" + ESC + "[8~y", "echo xy"),
                Arguments.of("Backspace 0x7F", "echo xz\u007fy", "echo xy"),
                Arguments.of("Backspace 0x08", "echo xz\by", "echo xy"),
                Arguments.of("Delete ESC[3~", "echo xzy" + LEFT + LEFT + ESC + "[3~", "echo xy"),
                Arguments.of("Ctrl-A", "cho x\u0001e", "echo x"),
                Arguments.of("Ctrl-E", "echo x\u0001\u0005y", "echo xy"),
                Arguments.of("Ctrl-K", "echo xyz" + LEFT + LEFT + "\u000b", "echo x"),
                Arguments.of("Ctrl-U", "garbage\u0015echo x", "echo x"),
                Arguments.of("Ctrl-W", "echo x junk\u0017", "echo x "),
                Arguments.of("Ctrl-L", "echo x\u000c", "echo x"),
                Arguments.of("Tab completes a command name", "ec\tx", "echo x"),
                Arguments.of("Tab completes an argument", "echo wo\tr\t", "echo world "),
                Arguments.of("Insert ESC[2~ and PgUp ESC[5~ do nothing", "echo x" + ESC + "[2~" + ESC + "[5~y", "echo xy"),
                Arguments.of("Unknown CSI sequence swallowed", "echo a" + ESC + "[15~b", "echo ab"),
                Arguments.of("Unknown CSI with a parameter swallowed", "echo a" + ESC + "[1;2Pb", "echo ab"),
                Arguments.of("Unknown SS3 sequence swallowed", "echo a" + ESC + "OPb", "echo ab"),
                Arguments.of("Multi-byte UTF-8 typed", "echo h\u00e9llo \u4e16" + LEFT + "\u754c", "echo h\u00e9llo \u754c\u4e16"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void aKeyTypedThroughTheSessionEditsTheLineTheCommandGets(String name, String typed, String line) {
        RecordingHandler handler = new CompletingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type(typed + "\r");
            ScreenModel screen = run.client.awaitScreen(s -> s.cursorRow() >= 2 && s.line().equals(PROMPT.stripTrailing())
                    && !handler.echoed.isEmpty(), "the command's output and the next prompt");
            assertEquals(List.of(line), handler.echoed);
            List<String> rows = screen.rows();
            int promptRow = screen.cursorRow();
            assertEquals(line.substring("echo ".length()).strip(), rows.get(promptRow - 1), "the command's output");
            assertEquals((PROMPT + line).stripTrailing(), rows.get(promptRow - 2), "the edited line as shown");
        }
    }

    @Test
    void upAndDownBrowseTheHistoryInBothEncodings() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo one\r").awaitText(PROMPT).type("echo two\r").awaitText(PROMPT);
            run.client.type(ESC + "[A" + ESC + "[A" + ESC + "[B");
            run.client.awaitScreen(s -> s.line().equals(PROMPT + "echo two"), "Up, Up, Down: the newer line");
            run.client.type("\r").awaitText("two\r\n" + PROMPT);
            run.client.type(ESC + "OA" + ESC + "OA" + ESC + "OA" + ESC + "OB");
            run.client.awaitScreen(s -> s.line().equals(PROMPT + "echo two"), "Up x3, Down in SS3 form");
            run.client.type(ESC + "OA\r").awaitText("one\r\n" + PROMPT);
            assertEquals(List.of("echo one", "echo two", "echo two", "echo one"), handler.echoed);
        }
    }

    @Test
    void aMultiByteCharacterSplitAcrossTwoReadsIsOneCharacter() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).send(new byte[] {'e', 'c', 'h', 'o', ' ', (byte) 0xC3});
            // The echo of "echo " shows the server read the chunk that ends with the first byte of the character.
            run.client.awaitScreen(s -> s.line().equals(PROMPT + "echo"), "the first bytes read");
            run.client.send(0xA9, '\r', 0);
            run.client.awaitText("\u00e9\r\n" + PROMPT);
            assertEquals(List.of("echo \u00e9"), handler.echoed);
        }
    }

    @Test
    void aLoneEscapeIsDroppedAfterTheEscapeTimeout() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo a");
            run.client.awaitScreen(s -> s.line().equals(PROMPT + "echo a"), "the typed text");
            int timeouts = run.client.readTimeouts();
            run.client.type(ESC);
            // Only the escape timeout makes a read give up here (the idle timeout is 30 minutes).
            run.client.awaitReadTimeouts(timeouts + 1);
            run.client.type("[Db\r");
            run.client.awaitText(PROMPT);
            assertEquals(List.of("echo a[Db"), handler.echoed, "the keys after the timeout are not part of a sequence");
        }
    }
}
