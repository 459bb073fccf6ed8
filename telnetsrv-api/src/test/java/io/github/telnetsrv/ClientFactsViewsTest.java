package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * What an unauthenticated client says about itself reaches the handler and the server's registry (which an
 * operator's console prints) without anything that could drive a terminal.
 */
class ClientFactsViewsTest {

    @Test
    void aTerminalTypeWithAnEscapeSequenceIsNoTerminalType() {
        RecordingHandler handler = new RecordingHandler();
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE).terminalType("xterm\u001b]0;pwned\u0007");
        try (SessionRun run = SessionRun.start(handler, client)) {
            run.client.awaitText(PROMPT);
            assertNull(run.session.terminalType());
            assertNull(handler.terminalType());
        }
    }

    @Test
    void aTerminalTypeOfEightKibibytesIsNoTerminalType() {
        RecordingHandler handler = new RecordingHandler();
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE).terminalType("X".repeat(8000));
        try (SessionRun run = SessionRun.start(handler, client)) {
            run.client.awaitText(PROMPT);
            assertNull(run.session.terminalType());
        }
    }

    @Test
    void aUserNameWithABidiOverrideIsShownWithoutIt() {
        LoginTest.LoginHandler handler = new LoginTest.LoginHandler() {
            @Override
            protected Authenticator authenticator() {
                return (username, password) -> "pw".equals(password);
            }
        };
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("Username: ").type("guest\u202Etoor\r").awaitText("Password: ").type("pw\r");
            run.client.awaitText(PROMPT);
            assertEquals("guest\uFFFDtoor", run.session.username());
            assertEquals("guest\uFFFDtoor", handler.username());
        }
    }
}
