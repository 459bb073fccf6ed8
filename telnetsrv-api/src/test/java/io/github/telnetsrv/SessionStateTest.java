package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetSession.State;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A session's state: where it is in its life, as {@link TelnetSession#state()} tells, and the moves allowed. */
class SessionStateTest {

    /** A handler with a login and a command that holds until the test lets it go. */
    static final class Holding extends RecordingHandler {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile State seenInCommand;
        volatile State seenAtStart;
        private final boolean login;

        Holding(boolean login) {
            this.login = login;
        }

        @Override
        protected Authenticator authenticator() {
            return login ? (username, password) -> "alice".equals(username) && "pw".equals(password) : null;
        }

        @Override
        protected void sessionStart() {
            super.sessionStart();
            seenAtStart = TelnetSession.current().orElseThrow().state();
        }

        @Command(value = "hold", help = "\nHold until released\n")
        void hold() throws InterruptedException {
            seenInCommand = TelnetSession.current().orElseThrow().state();
            holding.countDown();
            release.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            writeResult("released");
        }
    }

    @Test
    void aSessionGoesFromLoginToPromptToCommandAndBackThenEnds() throws InterruptedException {
        Holding handler = new Holding(true);
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("Username: ");
            assertEquals(State.LOGIN, run.session.state());
            run.client.type("alice\r").awaitText("Password: ");
            run.client.type("pw\r").awaitText("> ");
            assertEquals(State.LOGIN, handler.seenAtStart, "sessionStart() runs before the first prompt");
            assertEquals(State.PROMPT, run.session.state());
            run.client.type("hold\r");
            assertTrue(handler.holding.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(State.COMMAND, handler.seenInCommand);
            assertEquals(State.COMMAND, run.session.state());
            handler.release.countDown();
            run.client.awaitText("released\r\nTelnet Server> ");
            assertEquals(State.PROMPT, run.session.state());
            run.client.type("bye\r");
            run.awaitEnd();
            assertEquals(State.ENDED, run.session.state());
        }
    }

    @Test
    void withoutALoginTheSessionGoesStraightToItsPrompt() {
        Holding handler = new Holding(false);
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("> ");
            assertEquals(State.NEGOTIATING, handler.seenAtStart, "no login: sessionStart() right after the opening");
            assertEquals(State.PROMPT, run.session.state());
        }
    }

    @Test
    void aSessionClosedFromOutsideEnds() {
        Holding handler = new Holding(false);
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText("> ");
        run.session.close();
        run.awaitEnd();
        assertEquals(State.ENDED, run.session.state());
    }

    @Test
    void aSessionNotYetServedIsOpening() {
        TelnetSession session = TelnetSession.create(new Holding(false), new TestClient(TestClient.Kind.SILENT),
                SessionRun.CONFIG);
        assertEquals(State.OPENING, session.state());
    }

    @Test
    void stateMovesOnlyForwardAndEveryStateButEndedCanEnd() {
        for (State from : State.values()) {
            assertEquals(from != State.ENDED && from != State.ENDING, from.leadsTo(State.ENDING), from + " -> ENDING");
            assertFalse(from.leadsTo(State.OPENING), from + " -> OPENING");
            assertFalse(from.leadsTo(from), from + " -> itself");
        }
        for (State next : State.values()) {
            assertFalse(State.ENDED.leadsTo(next), "ENDED is the last state: not -> " + next);
        }
        assertTrue(State.ENDING.leadsTo(State.ENDED));
        assertTrue(State.PROMPT.leadsTo(State.COMMAND) && State.COMMAND.leadsTo(State.PROMPT));
        assertFalse(State.COMMAND.leadsTo(State.LOGIN), "no login again after a command");
        assertFalse(State.PROMPT.leadsTo(State.NEGOTIATING));
    }
}
