package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a client types reaches the log escaped: it can neither forge log lines nor drive the reader's terminal. */
class ClientTextInLogsTest {

    /** Accepts any user name with the password {@code pw}. */
    static final class AnyUserHandler extends RecordingHandler {
        @Override
        protected Authenticator authenticator() {
            return (username, password) -> "pw".equals(password);
        }
    }

    @Test
    void aUserNameIsLoggedWithItsBidiAndControlCharactersEscaped() {
        // A right-to-left override makes a log reader see "toor" where the name says "root": it is escaped.
        String forged = "guest\u202Etoor";
        try (LogCapture log = new LogCapture(); SessionRun run = SessionRun.start(new AnyUserHandler())) {
            run.client.awaitText("Username: ").type(forged + "\r").awaitText("Password: ").type("pw\r");
            run.client.awaitText(RecordingHandler.PROMPT);
            String line = log.awaitLine("logged in as ");
            assertTrue(line.endsWith("logged in as guest\\u202etoor"), "expected the name escaped, logged: " + line);
            assertFalse(log.text().contains(forged), "expected the raw name nowhere in the log:\n" + log.text());
        }
    }
}
