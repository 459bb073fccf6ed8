package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.test.Key;
import io.github.telnetsrv.test.TestSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo's handler on either runtime through the test kit: no socket, no sleep. */
class DemoHandlerTest {

    @ParameterizedTest
    @EnumSource(TestSession.Runtime.class)
    void infoReportsWhatTheTerminalSaid(TestSession.Runtime runtime) {
        try (TestSession<DemoHandler> session = TestSession.builder(DemoHandler::new).runtime(runtime)
                .size(120, 40).terminalType("xterm-256color").environment(Map.of("LANG", "C")).start()) {
            session.awaitLine("Welcome to my server.");
            List<String> info = session.command("info");
            assertEquals("user: (none)", info.get(0));
            assertEquals("terminal: xterm-256color", info.get(1).toLowerCase(java.util.Locale.ROOT));
            assertEquals("size: 120x40", info.get(2));
        }
    }

    @ParameterizedTest
    @EnumSource(TestSession.Runtime.class)
    void aTimersMessageShowsAboveThePromptAndTheTypedTextIsRedrawn(TestSession.Runtime runtime) {
        try (TestSession<DemoHandler> session = TestSession.builder(DemoHandler::new).runtime(runtime).start()) {
            session.awaitPrompt();
            assertEquals(List.of("Waiting 1 seconds..."), session.command("timer 1 \"hello world!\""));
            session.type("echo half");
            // The message above, then the prompt and the typed text redrawn.
            session.awaitScreen(s -> s.contains("hello world!") && s.cursorLine().equals("Telnet Server> echo half"));
            session.press(Key.ENTER).awaitLine("half");
        }
    }

    @ParameterizedTest
    @EnumSource(TestSession.Runtime.class)
    void errorsAreRedAndTheLoginAcceptsOnlyTheDemoUser(TestSession.Runtime runtime) {
        try (TestSession<DemoHandler> session = TestSession.builder(() -> new DemoHandler(true))
                .runtime(runtime).start()) {
            session.login("admin", "wrong");
            session.awaitLine("Login incorrect");
            session.login(DemoHandler.USER, DemoHandler.PASSWORD);
            session.awaitLine("Welcome to my server.");
            session.awaitPrompt();
            session.line("timer x y");
            session.awaitLine("Need both a time and a message");
            assertTrue(session.rawOutput().contains("\u001b[91mNeed both a time and a message\u001b[0m"),
                    "the error in red");
        }
    }
}
