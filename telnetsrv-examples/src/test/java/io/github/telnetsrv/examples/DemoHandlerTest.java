package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.test.Key;
import io.github.telnetsrv.test.TestSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

    @Test
    void theDemoLoginsAreAHashOfTheDemoPassword() throws Exception {
        assertTrue(DemoHandler.LOGINS.authenticate(DemoHandler.USER, DemoHandler.PASSWORD));
        assertFalse(DemoHandler.LOGINS.authenticate(DemoHandler.USER, "Secret"));
        assertFalse(DemoHandler.LOGINS.authenticate("root", DemoHandler.PASSWORD));
        assertFalse(DemoHandler.LOGINS.authenticate(null, null));
        assertTrue(DemoHandler.LOGINS.toString().startsWith("Authenticator.ofHashes["), "hashes, not a password");
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

    @ParameterizedTest
    @EnumSource(TestSession.Runtime.class)
    void greetTakesItsOptionsAnywhereAndNamesABadOne(TestSession.Runtime runtime) {
        try (TestSession<DemoHandler> session = TestSession.builder(DemoHandler::new).runtime(runtime).start()) {
            session.awaitPrompt();
            assertEquals(List.of("Hello, bob!"), session.command("greet bob"));
            assertEquals(List.of("HELLO, BOB!", "HELLO, BOB!"), session.command("greet --times 2 --loud bob"));
            assertEquals(List.of("Hello, Ann Lee!", "Hello, Ann Lee!"), session.command("greet \"Ann Lee\" -t2"));
            assertEquals(List.of("greet: --times: expected an integer, got 'x'",
                    "Usage: greet [--times N] [--loud] NAME"), session.command("greet --times x bob"));
            assertTrue(session.rawOutput().contains("\u001b[91mgreet: --times: expected an integer, got 'x'\u001b[0m"),
                    "one error line, in red");
            assertEquals(List.of("greet: missing NAME", "Usage: greet [--times N] [--loud] NAME"),
                    session.command("greet"));
            assertEquals(List.of("greet: --times: expected 1 to 100, got 0"), session.command("greet -t 0 x"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestSession.Runtime.class)
    void helpGreetShowsTheGeneratedUsageAndBothOptions(TestSession.Runtime runtime) {
        try (TestSession<DemoHandler> session = TestSession.builder(DemoHandler::new).runtime(runtime).start()) {
            session.awaitPrompt();
            assertEquals(List.of("GREET [--times N] [--loud] NAME", "",
                    "Prints \"Hello, NAME!\" N times, in capitals with --loud.", "", "Arguments:",
                    "  NAME           who to greet", "", "Options:",
                    "  -t, --times N  how many times, 1 to 100 (default: 1)", "  -l, --loud     shout"),
                    session.command("help greet"));
            assertTrue(session.command("help").contains("GREET [--times N] [--loud] NAME - Greet someone."));
        }
    }

    @ParameterizedTest
    @EnumSource(TestSession.Runtime.class)
    void remindCompletesItsLevelTakesTheRestAndReadsItsOwnDelays(TestSession.Runtime runtime) {
        try (TestSession<DemoHandler> session = TestSession.builder(DemoHandler::new).runtime(runtime).start()) {
            session.awaitPrompt();
            session.type("remind --le").press(Key.TAB);
            // The screen's rows lose their trailing spaces: the cursor column shows the space after a completion.
            session.awaitScreen(s -> s.cursorLine().equals("Telnet Server> remind --level")
                    && s.cursorColumn() == "Telnet Server> remind --level ".length());
            session.type("a").press(Key.TAB);
            session.awaitScreen(s -> s.cursorLine().equals("Telnet Server> remind --level alert")
                    && s.cursorColumn() == "Telnet Server> remind --level alert ".length());
            session.type("tea is ready").press(Key.ENTER);
            session.awaitLine("Reminding in 0 seconds.");
            session.awaitLine("ALERT: tea is ready");
            assertEquals(List.of("Reminding in 90 seconds."), session.command("remind --in 1:30 later"));
            assertEquals(List.of("remind: --in: expected a delay such as 30s, 2m or 1:30, got 'soon'",
                    "Usage: remind [--in DELAY] [--level info|warn|alert] [TEXT...]"), session.command("remind --in soon x"));
            assertEquals(List.of("remind: --level: expected one of info, warn, alert, got 'loud'",
                    "Usage: remind [--in DELAY] [--level info|warn|alert] [TEXT...]"), session.command("remind --level loud x"));
            // More minutes than a Duration holds: still the user's mistake, not a failure of the converter.
            assertEquals(List.of("remind: --in: expected a delay such as 30s, 2m or 1:30, got '999999999999999999m'",
                    "Usage: remind [--in DELAY] [--level info|warn|alert] [TEXT...]"),
                    session.command("remind --in 999999999999999999m x"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestSession.Runtime.class)
    void envShowsTheClientsVariablesAsATableFittedToTheWindow(TestSession.Runtime runtime) {
        try (TestSession<DemoHandler> session = TestSession.builder(DemoHandler::new).runtime(runtime).size(30, 24)
                .environment(Map.of("LANG", "C", "PATH", "/usr/local/bin:/usr/bin:/bin")).start()) {
            session.awaitPrompt();
            assertEquals(List.of("VARIABLE  VALUE", "LANG      C", "PATH      /usr/local/bin:/usr…"),
                    session.command("env"));
            assertTrue(session.rawOutput().contains("\u001b[1mVARIABLE\u001b[0m"), "the header in bold");
        }
    }
}
