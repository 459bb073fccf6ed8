package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.test.junit.TestSessionExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's "Testing your handler" example, as it stands there. */
class MyHandlerTest {

    @Test
    void echoesItsArguments() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.awaitLine("Welcome to my server.");
            assertEquals(List.of("1 2    3 4 5"), session.command("echo 1  \"2    3\" 4\\ 5"));
            assertEquals(List.of("ECHO <text to echo>", "", "This command simply echos the provided text",
                    "back to the console."), session.command("help echo"));
        }
    }

    @Test
    void theSecretCommandAsksItsOwnQuestion() {
        try (TestSession<MyHandler> session = TestSession.builder(MyHandler::new)
                .runtime(TestSession.Runtime.THREADED)   // platform threads, as telnetsrv-threaded runs it
                .size(100, 30)
                .start()) {
            session.awaitPrompt();
            session.line("secret").awaitText("Really? ").line("yes");
            session.awaitLine("You said yes");
        }
    }

    @Test
    void theLineIsEditedBeforeEnter() {
        try (TestSession<MyHandler> session = TestSession.start(MyHandler::new)) {
            session.awaitPrompt();
            session.type("echo helo").press(Key.LEFT).type("l");
            Screen screen = session.awaitCursorLine("Telnet Server> echo hello");
            assertEquals(24, screen.cursorColumn());   // on the last "o"
            session.press(Key.ENTER).awaitLine("hello");
        }
    }

    // With the JUnit 5 extension: a session per parameter, closed after the test.
    @RegisterExtension
    final TestSessionExtension sessions = TestSessionExtension.of(MyHandler::new);

    @Test
    void byeEndsTheSession(TestSession<MyHandler> session) {
        session.line("bye").awaitLine("Goodbye");
        session.awaitClosed();
    }
}
