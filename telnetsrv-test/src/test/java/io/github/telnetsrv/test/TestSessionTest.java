package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.protocol.TelnetCommand;
import io.github.telnetsrv.test.TestSession.Runtime;
import io.github.telnetsrv.test.TestSession.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kit's own promises: how awaits walk the output, how they fail, the keys, the screen, the end. */
class TestSessionTest {

    private static final String PROMPT = "Telnet Server> ";
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void eachAwaitSearchesFromWhereThePreviousMatchEnded() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.awaitText("Welcome");
            AssertionError again = assertThrows(AssertionError.class, () -> session.awaitText("Welcome", SHORT));
            assertTrue(again.getMessage().startsWith("expected text \"Welcome\", but it did not come within 50 ms."),
                    again.getMessage());
            session.awaitPrompt();
            session.line("echo first second");
            session.awaitText("second"); // the echo of the typed line: the text is there before the command ran
            session.awaitLine("first second");
            assertEquals(List.of(), session.awaitPrompt()); // the line was consumed by awaitLine
        }
    }

    @Test
    void aMatchBringsItsGroupsAndAnchorsSeeWholeLines() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.awaitPrompt();
            session.line("echo id=42");
            MatchResult match = session.awaitMatch(Pattern.compile("(?m)^id=(\\d+)$"));
            assertEquals("42", match.group(1));
            session.awaitCursorLine(PROMPT); // the prompt may come in a write of its own; this leaves the mark
            assertEquals("\r\n" + PROMPT, session.outputSinceLastAwait());
        }
    }

    @Test
    void aFailedAwaitShowsTheOutputSinceTheLastAwaitAndTheScreen() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.awaitLine("Welcome to my server.");
            session.awaitCursorLine("Telnet Server>");
            AssertionError failure = assertThrows(AssertionError.class, () -> session.awaitLine("Goodbye", SHORT));
            assertEquals("""
                    expected a line "Goodbye", but it did not come within 50 ms.
                    output since the last await (control sequences removed):
                      |Telnet Server> |
                    screen 80x24, cursor at row 1, column 15
                    0 |Welcome to my server.
                    1 |Telnet Server>
                                      ^ cursor
                    """, failure.getMessage());
        }
    }

    @Test
    void awaitsFailAtOnceOnceTheSessionHasClosed() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.line("bye").awaitClosed();
            AssertionError failure = assertTimeoutPreemptively(Duration.ofMinutes(1),
                    () -> assertThrows(AssertionError.class, () -> session.awaitLine("never", Duration.ofMinutes(5))));
            assertTrue(failure.getMessage().startsWith(
                    "expected a line \"never\", but the session closed the connection first."), failure.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void commandWaitsForThePromptBeforeTyping(Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).transport(transport).start()) {
            // No await first: the command is typed once the prompt shows, and its output is the echo's alone.
            assertEquals(List.of("early"), session.command("echo early"));
            assertEquals(List.of(), session.command(""));
            session.type("half");
            // Once its echo shows: a key's echo may still be on its way when the session has read it (another
            // thread may be writing), and command() judges the prompt by what the client has been sent.
            session.awaitCursorLine("Telnet Server> half");
            AssertionError failure = assertThrows(AssertionError.class, () -> session.command("echo x", SHORT));
            assertTrue(failure.getMessage().startsWith("expected the prompt \"Telnet Server> \" with nothing typed"
                    + " after it, to type \"echo x\", but "), failure.getMessage());
            assertTrue(failure.getMessage().contains("4 |Telnet Server> half\n"), failure.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLoneEscapeIsTakenAsTheEscapeKeyBeforeTheNextKeyIsSent(Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).transport(transport).start()) {
            session.awaitPrompt();
            // Sent together, ESC b would be "a word left"; the kit lets the session take ESC alone first.
            session.type("echo ab").press(Key.ESCAPE).type("b");
            session.awaitCursorLine(PROMPT + "echo abb");
            session.type("\u001bb").type("X");
            session.awaitCursorLine(PROMPT + "echo Xabb");
        }
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void wideCharactersAreEditedByTheirWidthOnTheScreen(Runtime runtime) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).runtime(runtime).start()) {
            session.awaitPrompt();
            session.type("echo 日本語");
            assertEquals(PROMPT.length() + 5 + 6, session.awaitCursorLine(PROMPT + "echo 日本語").cursorColumn());
            session.press(Key.LEFT, Key.BACKSPACE);
            assertEquals(PROMPT.length() + 5 + 2, session.awaitCursorLine(PROMPT + "echo 日語").cursorColumn());
            session.press(Key.ENTER).awaitLine("日語");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLineWiderThanTheScreenScrollsWithinItsRow(Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).transport(transport).size(30, 5)
                .start()) {
            session.awaitPrompt();
            String words = "abcdefghijklmnopqrstuvwxyz0123456789";
            session.type("echo " + words);
            Screen screen = session.awaitScreen(s -> s.cursorLine().startsWith(PROMPT + "<")
                    && s.cursorLine().endsWith("6789"));
            assertTrue(screen.cursorLine().length() < 30, screen.toString());
            session.press(Key.ENTER).awaitLine(words);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ctrlLClearsTheScreenAndRedrawsTheLineAtTheTop(Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).transport(transport).start()) {
            session.command("echo one");
            session.type("echo two").press(Key.CTRL_L);
            Screen screen = session.awaitScreen(s -> s.row(0).equals(PROMPT + "echo two"));
            assertEquals("", screen.row(1));
            assertEquals(0, screen.cursorRow());
            assertEquals(PROMPT + "echo two", screen.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void telnetCommandsReachTheSession(Transport transport) {
        try (TestSession<QuickStartHandler> session = TestSession.builder(QuickStartHandler::new)
                .transport(transport).start()) {
            session.awaitPrompt();
            session.type("echo x").send(TelnetCommand.AYT).awaitLine("[Yes]");
            assertEquals(List.of(), session.awaitPrompt()); // redrawn under the answer, with the line
            session.awaitCursorLine(PROMPT + "echo x");
            session.send(TelnetCommand.IP);
            assertEquals(List.of(PROMPT + "echo x^C"), session.awaitPrompt());
        }
    }

    @Test
    void overTheInMemoryTerminalACharacterSplitAcrossWritesIsTypedWhole() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            assertEquals(Transport.MEMORY, session.transport());
            session.awaitPrompt();
            session.type("echo caf").sendBytes((byte) 0xC3);
            session.sendBytes((byte) 0xA9).press(Key.ENTER);
            assertEquals(List.of(PROMPT + "echo café", "café"), session.awaitPrompt());
        }
    }

    @Test
    void overTheInMemoryTerminalCtrlCIsAKeyAndIpAnEvent() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.awaitPrompt();
            session.type("echo one").press(Key.CTRL_C);
            assertEquals(List.of(PROMPT + "echo one^C"), session.awaitPrompt());
            session.type("echo two").send(TelnetCommand.IP);
            assertEquals(List.of(PROMPT + "echo two^C"), session.awaitPrompt());
            assertTrue(session.rawOutput().chars().noneMatch(c -> c == 0xFF || c == 0xFFFD), session.rawOutput());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theLinesAreRenderedAsTheyFinallyLookedAndTheTranscriptEndsWithTheLineBeingTyped(Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).transport(transport).start()) {
            session.awaitPrompt();
            session.type("echo tpyo").press(Key.BACKSPACE, Key.BACKSPACE, Key.BACKSPACE).type("ypo").press(Key.ENTER);
            session.awaitPrompt();
            session.type("pending");
            session.awaitCursorLine(PROMPT + "pending");
            assertEquals(List.of("Welcome to my server.", PROMPT + "echo typo", "typo"), session.lines());
            assertEquals("Welcome to my server.\n" + PROMPT + "echo typo\ntypo\n" + PROMPT + "pending",
                    session.transcript());
            assertTrue(session.rawOutput().contains("tpyo\b \b\b \b\b \bypo"), session.rawOutput());
            assertTrue(session.output().contains("tpyo\b \b\b \b\b \bypo"), session.output());
        }
    }

    @Test
    void closeHangsUpAndReturnsOnceSessionEndHasRun() {
        AtomicInteger ends = new AtomicInteger();
        TestSession<MyHandler> session = TestSession.start(() -> new MyHandler() {
            @Override
            protected void sessionEnd() {
                ends.incrementAndGet();
            }
        });
        session.awaitPrompt();
        session.close();
        assertEquals(1, ends.get());
        assertTrue(session.closed());
        session.close();
        assertEquals(1, ends.get());
        assertThrows(IllegalStateException.class, () -> session.type("x"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLineSentBeforeTheClientHangsUpStillRuns(Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).transport(transport).start()) {
            session.awaitPrompt();
            session.line("echo last words");
            session.hangUp();
            assertEquals(List.of(PROMPT + "echo last words", "last words"), session.awaitPrompt());
            session.awaitClosed();
            assertThrows(IllegalStateException.class, () -> session.line("echo too late"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void typingAndReadingFollowTheSessionsCharset(Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).transport(transport)
                .config(SessionConfig.builder().charset(StandardCharsets.ISO_8859_1).build()).start()) {
            assertEquals(List.of("café ÿ"), session.command("echo café ÿ"));
            assertTrue(session.awaitCursorLine(PROMPT).rows().contains(PROMPT + "echo café ÿ"));
        }
    }

    @Test
    void theHandlerSeesTheClientsAddress() {
        InetSocketAddress address = new InetSocketAddress("192.0.2.7", 40123);
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new).remoteAddress(address).start()) {
            session.awaitPrompt();
            assertEquals(address, session.handler().remoteAddress());
        }
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.awaitPrompt();
            assertTrue(((InetSocketAddress) session.handler().remoteAddress()).getAddress().isLoopbackAddress());
        }
    }

    @Test
    void aColouredPromptIsAwaitedByItsText() {
        try (var session = TestSession.builder(() -> new MyHandler() {
                    @Override
                    protected String prompt() {
                        return "\u001b[32mok\u001b[0m> ";
                    }
                }).prompt("\u001b[32mok\u001b[0m> ").start()) {
            assertEquals(List.of("3"), session.command("echo 3"));
            assertFalse(session.output().contains("\u001b"));
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedWithWhatWasExpected() {
        TestSession.Builder<MyHandler> builder = TestSession.builder(MyHandler::new);
        assertEquals("size: 0x24 (expected: 1x1 to 1000x1000)",
                assertThrows(IllegalArgumentException.class, () -> builder.size(0, 24)).getMessage());
        assertEquals("terminalType: \"two words\" (expected: 1 to 40 printable ASCII characters, RFC 1091)",
                assertThrows(IllegalArgumentException.class, () -> builder.terminalType("two words")).getMessage());
        assertEquals("prompt: \"\\e[0m\" (expected: some visible text to wait for)",
                assertThrows(IllegalArgumentException.class, () -> builder.prompt("\u001b[0m")).getMessage());
    }
}
