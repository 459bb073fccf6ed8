package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.test.TestSession.Runtime;
import io.github.telnetsrv.test.TestSession.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's handler driven through the kit, on both runtimes and both transports: what a user of the kit does
 * with it.
 */
class QuickStartTest {

    private static final String PROMPT = "Telnet Server> ";

    /** Each runtime with each transport: the in-memory terminal, and Telnet as a real client speaks it. */
    static Stream<Arguments> runtimesAndTransports() {
        return Stream.of(Runtime.values())
                .flatMap(runtime -> Stream.of(Transport.values()).map(transport -> Arguments.of(runtime, transport)));
    }

    private static TestSession<QuickStartHandler> start(Runtime runtime, Transport transport) {
        return TestSession.builder(QuickStartHandler::new).runtime(runtime).transport(transport).start();
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void helpListsEachVisibleNameAndHidesTheHiddenCommand(Runtime runtime, Transport transport) {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new)
                .runtime(runtime).transport(transport).start()) {
            session.awaitLine("Welcome to my server.");
            assertEquals(List.of(
                    "? [<command>] - Display help",
                    "BYE - Exit the command shell",
                    "COPY <text to echo> - Echo text back to the console.",
                    "ECHO <text to echo> - Echo text back to the console.",
                    "EXIT - Exit the command shell",
                    "HELP [<command>] - Display help",
                    "HISTORY - Display the command history",
                    "LOGOUT - Exit the command shell",
                    "QUIT - Exit the command shell",
                    "REPEAT <text to echo> - Echo text back to the console."), session.command("help"));
            assertEquals(List.of("SECRET", "", "Not listed by help; help SECRET still describes it."),
                    session.command("help secret"));
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void echoAndItsAliasesParseLikeBash(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            assertEquals(List.of("1 2    3 4 5"), session.command("echo 1  \"2    3\" 4\\ 5"));
            assertEquals(List.of("copied"), session.command("copy copied"));
            assertEquals(List.of("again and again"), session.command("REPEAT again and again"));
            assertTrue(session.lines().contains(PROMPT + "REPEAT again and again"), session.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void leftAndBackspaceEditTheLineAndUpRecallsIt(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            session.awaitPrompt();
            session.type("echo wrlld").press(Key.LEFT, Key.LEFT, Key.LEFT, Key.LEFT).type("o");
            Screen screen = session.awaitCursorLine(PROMPT + "echo worlld");
            assertEquals(PROMPT.length() + "echo wo".length(), screen.cursorColumn());
            session.press(Key.END, Key.LEFT, Key.LEFT, Key.BACKSPACE);
            screen = session.awaitCursorLine(PROMPT + "echo world");
            assertEquals(PROMPT.length() + "echo wor".length(), screen.cursorColumn());

            session.press(Key.ENTER).awaitLine("world").awaitPrompt();
            session.press(Key.UP);
            session.awaitCursorLine(PROMPT + "echo world");
            session.press(Key.CTRL_A, Key.CTRL_K).type("history").press(Key.ENTER);
            assertEquals(List.of(PROMPT + "history", "   1  echo world", "   2  history"), session.awaitPrompt());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void ctrlCAtThePromptAbandonsTheLine(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            session.awaitPrompt();
            session.type("echo never run").press(Key.CTRL_C);
            assertEquals(List.of(PROMPT + "echo never run^C"), session.awaitPrompt());
            assertEquals(List.of("ran"), session.command("echo ran"));
            assertFalse(session.lines().contains("never run"), session.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void ctrlCWhileACommandRunsInterruptsIt(Runtime runtime, Transport transport) throws InterruptedException {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            session.awaitPrompt();
            session.line("block");
            assertTrue(session.handler().blocking.await(10, TimeUnit.SECONDS), "the command did not start");
            session.press(Key.CTRL_C);
            assertEquals(List.of(PROMPT + "block", "^C", "interrupted"), session.awaitPrompt());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void aCommandsOwnQuestionIsAnswered(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            session.awaitPrompt();
            session.line("secret").awaitText("Really? ").line("yes");
            assertEquals(List.of("Really? yes", "You said yes"), session.awaitPrompt());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void aResizeReachesTheHandlerBeforeTheNextCommand(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = TestSession.builder(QuickStartHandler::new)
                .runtime(runtime).transport(transport).size(100, 30).start()) {
            assertEquals(List.of("100x30"), session.command("size"));
            session.resize(132, 43);
            assertEquals(List.of("132x43"), session.command("size"));
            Screen screen = session.screen();
            assertEquals(132, screen.width());
            assertEquals(43, screen.height());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void theHandlerSeesTheConfiguredTerminalTypeAndEnvironment(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = TestSession.builder(QuickStartHandler::new)
                .runtime(runtime).transport(transport)
                .terminalType("VT220")
                .environment(Map.of("USER", "alice", "LANG", "en_US.UTF-8", "ODD", "a\u0001b"))
                .start()) {
            assertEquals(List.of(
                    "user: null",
                    "terminal: VT220",
                    "environment: {LANG=en_US.UTF-8, ODD=a\uFFFDb, USER=alice}"), session.command("whoami"));
            // The value came through NEW-ENVIRON (escaped there); its control character is replaced for the handler.
            assertEquals("a\uFFFDb", session.handler().environment().get("ODD"));
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void loginAnswersTheQuestionsAndNeverShowsThePassword(Runtime runtime, Transport transport) {
        Authenticator adminOnly = (user, password) -> "admin".equals(user) && "s3cret".equals(password);
        try (var session = TestSession.builder(() -> new QuickStartHandler() {
                    @Override
                    protected Authenticator authenticator() {
                        return adminOnly;
                    }
                })
                .runtime(runtime).transport(transport)
                .config(SessionConfig.builder().loginFailureDelay(Duration.ofMillis(1)).build())
                .start()) {
            session.login("admin", "wrong").awaitLine("Login incorrect");
            session.login("admin", "s3cret").awaitLine("Welcome to my server.");
            assertEquals("user: admin", session.command("whoami").get(0));
            assertEquals(List.of("Username: admin", "Password:", "Login incorrect", "Username: admin", "Password:",
                    "Welcome to my server."), session.lines().subList(0, 6));
            assertFalse(session.output().contains("s3cret"), session.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void aMessageFromAnotherThreadIsPrintedAboveThePromptAndTheLineIsRedrawn(Runtime runtime, Transport transport)
            throws Exception {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            session.awaitPrompt();
            session.type("echo half typed").press(Key.LEFT, Key.LEFT, Key.LEFT, Key.LEFT, Key.LEFT, Key.LEFT);
            int row = session.awaitCursorLine(PROMPT + "echo half typed").cursorRow();

            Thread other = Thread.ofPlatform().start(() -> session.handler().writeMessage("Backup finished"));
            assertTrue(other.join(Duration.ofSeconds(10)), "writeMessage did not return");

            Screen screen = session.awaitScreen(s -> s.row(row).equals("Backup finished")
                    && s.cursorRow() == row + 1 && s.cursorLine().equals(PROMPT + "echo half typed"));
            assertEquals(PROMPT.length() + "echo half".length(), screen.cursorColumn());
            session.type(" and").press(Key.ENTER);
            session.awaitLine("half and typed");
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void exitSaysGoodbyeAndEndsTheSession(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            session.awaitPrompt();
            session.line("exit").awaitLine("Goodbye");
            session.awaitClosed();
            assertTrue(session.closed());
            AssertionError typedAfterTheEnd = assertThrows(AssertionError.class, () -> session.type("echo late"));
            assertTrue(typedAfterTheEnd.getMessage().contains("the session had closed the connection"),
                    typedAfterTheEnd.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void ctrlDOnAnEmptyLineEndsTheSession(Runtime runtime, Transport transport) {
        try (TestSession<QuickStartHandler> session = start(runtime, transport)) {
            session.awaitPrompt();
            session.press(Key.CTRL_D);
            session.awaitClosed();
            assertTrue(session.closed());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimesAndTransports")
    void aUserNameAndEnvironmentWithControlCharactersReachTheHandlerWithoutThem(Runtime runtime,
            Transport transport) {
        Authenticator anyone = (user, password) -> "pw".equals(password);
        try (var session = TestSession.builder(() -> new QuickStartHandler() {
                    @Override
                    protected Authenticator authenticator() {
                        return anyone;
                    }
                })
                .runtime(runtime).transport(transport)
                .environment(Map.of("TITLE", "\u001b]0;pwned\u0007"))
                .start()) {
            session.login("guest\u202Etoor", "pw").awaitPrompt();
            assertEquals("guest\uFFFDtoor", session.handler().username());
            assertEquals("\uFFFD]0;pwned\uFFFD", session.handler().environment().get("TITLE"));
        }
    }
}
