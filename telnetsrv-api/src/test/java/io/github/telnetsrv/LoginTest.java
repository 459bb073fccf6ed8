package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Login: prompts, the authenticator, failures, their delay and limit, and the overall deadline. */
class LoginTest {

    private static final String WELCOME = "You have connected to the telnet server.";

    /** One call of the authenticator, with when it was made. */
    record Attempt(String username, String password, long nanos) {
    }

    /** Accepts alice / s3cr3t-pw (or alice alone, or the password alone, when only one is asked). */
    static class LoginHandler extends RecordingHandler {
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final boolean askUsername;
        private final boolean askPassword;

        LoginHandler() {
            this(true, true);
        }

        LoginHandler(boolean askUsername, boolean askPassword) {
            this.askUsername = askUsername;
            this.askPassword = askPassword;
        }

        @Override
        protected String issue() {
            return "Authorized users only.";
        }

        @Override
        protected Authenticator authenticator() {
            return (username, password) -> {
                attempts.add(new Attempt(username, password, System.nanoTime()));
                return (username == null || username.equals("alice"))
                        && (password == null || password.equals("s3cr3t-pw"));
            };
        }

        @Override
        protected boolean askUsername() {
            return askUsername;
        }

        @Override
        protected boolean askPassword() {
            return askPassword;
        }

        @Command(value = "whoami", help = """

                Show the user name
                """)
        void whoami() {
            writeResult("user=" + username());
        }
    }

    @Test
    void theIssueBannerComesBeforeTheFirstLoginPromptAndTheWelcomeAfterTheLogin() {
        LoginHandler handler = new LoginHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            String beforePrompt = run.client.textUntil("Username: ");
            assertTrue(beforePrompt.endsWith("Authorized users only.\r\nUsername: "), TestClient.quote(beforePrompt));
            assertFalse(beforePrompt.contains(WELCOME), "no welcome before the login");
            run.client.type("alice\r").awaitText("Password: ");
            assertFalse(run.client.allText().contains(WELCOME), "no welcome before the password");
            run.client.type("s3cr3t-pw\r");
            assertEquals("\r\n" + WELCOME + "\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(1, handler.starts.get(), "sessionStart() after the login");
        }
    }

    @Test
    void aUserLoggedInWithNameAndPasswordIsKnownByNameAndThePasswordIsNeverEchoed() {
        LoginHandler handler = new LoginHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("s3cr3t-pw\r");
            run.client.awaitText(PROMPT).type("whoami\r").awaitText("user=alice\r\n" + PROMPT);
            run.client.type("history\r");
            assertEquals("history\r\n   1  whoami\r\n   2  history\r\n" + PROMPT, run.client.textUntil(PROMPT),
                    "neither the name nor the password is in the history");

            assertEquals(List.of(new Attempt("alice", "s3cr3t-pw", 0)), withoutTimes(handler.attempts));
            assertEquals("alice", handler.username());
            assertFalse(run.client.allText().contains("s3cr3t-pw"), TestClient.quote(run.client.allText()));
            byte[] password = "s3cr3t-pw".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertFalse(contains(run.client.rawOutput(), password), "the password bytes were sent back");
        }
    }

    @Test
    void onlyAUsernameIsAskedWhenNoPasswordIsWanted() {
        LoginHandler handler = new LoginHandler(true, false);
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("Username: ").type("alice\r");
            String afterName = run.client.textUntil(PROMPT);
            assertFalse(afterName.contains("Password"), TestClient.quote(afterName));
            assertEquals(List.of(new Attempt("alice", null, 0)), withoutTimes(handler.attempts));
            run.client.type("whoami\r").awaitText("user=alice\r\n");
        }
    }

    @Test
    void onlyAPasswordIsAskedWhenNoUsernameIsWanted() {
        LoginHandler handler = new LoginHandler(false, true);
        try (SessionRun run = SessionRun.start(handler)) {
            String beforePrompt = run.client.textUntil("Password: ");
            assertFalse(beforePrompt.contains("Username"), TestClient.quote(beforePrompt));
            run.client.type("s3cr3t-pw\r").awaitText(WELCOME + "\r\n" + PROMPT);
            assertEquals(List.of(new Attempt(null, "s3cr3t-pw", 0)), withoutTimes(handler.attempts));
            run.client.type("whoami\r").awaitText("user=null\r\n");
            assertNull(handler.username());
        }
    }

    @Test
    void aBadUserAndABadPasswordGetTheSameMessage() {
        LoginHandler handler = new LoginHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText("Username: ").type("mallory\r").awaitText("Password: ").type("s3cr3t-pw\r");
            String badUser = run.client.textUntil("Username: ");
            run.client.type("alice\r").awaitText("Password: ").type("guess\r");
            String badPassword = run.client.textUntil("Username: ");

            assertEquals("\r\nLogin incorrect\r\nUsername: ", badUser);
            assertEquals(badUser, badPassword);

            run.client.type("alice\r").awaitText("Password: ").type("s3cr3t-pw\r").awaitText(PROMPT);
            assertEquals(3, handler.attempts.size());
        }
    }

    @Test
    void afterTheLastAllowedFailureTheSessionEnds() {
        LoginHandler handler = new LoginHandler();
        SessionConfig config = SessionRun.CONFIG.toBuilder().maxLoginAttempts(2).build();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("one\r");
            run.client.awaitText("Login incorrect\r\nUsername: ").type("alice\r").awaitText("Password: ").type("two\r");
            run.client.awaitText("Login incorrect\r\n");
            run.client.awaitClosed();
            run.awaitEnd();

            assertEquals(2, handler.attempts.size());
            handler.assertEndedOnce();
            assertEquals(0, handler.starts.get(), "no sessionStart() without a login");
            assertFalse(run.client.allText().contains(WELCOME));
            assertFalse(run.client.allText().endsWith("Username: "), "no third attempt offered");
        }
    }

    @Test
    void theDelayAfterAFailedLoginDoublesEachTime() {
        LoginHandler handler = new LoginHandler();
        Duration base = Duration.ofMillis(40);
        SessionConfig config = SessionRun.CONFIG.toBuilder().loginFailureDelay(base).maxLoginAttempts(3).build();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            // Typed ahead at once: the gaps between the authenticator's calls are the server's delays.
            run.client.awaitText("Username: ").type("alice\rone\ralice\rtwo\ralice\rthree\r");
            run.client.awaitClosed();
            run.awaitEnd();

            List<Attempt> attempts = handler.attempts;
            assertEquals(3, attempts.size());
            long first = attempts.get(1).nanos() - attempts.get(0).nanos();
            long second = attempts.get(2).nanos() - attempts.get(1).nanos();
            assertTrue(first >= base.toNanos(), "first delay " + first + " ns (expected: >= " + base + ")");
            assertTrue(second >= 2 * base.toNanos(), "second delay " + second + " ns (expected: >= 2 x " + base + ")");
            handler.assertEndedOnce();
        }
    }

    @Test
    void theLoginDeadlineEndsTheSessionWithLoginTimedOut() {
        LoginHandler handler = new LoginHandler();
        SessionConfig config = SessionRun.CONFIG.toBuilder().loginTimeout(Duration.ofMillis(200)).build();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), config)) {
            run.client.awaitText("Username: ").type("ali");
            run.client.awaitText("Login timed out\r\n");
            run.client.awaitClosed();
            run.awaitEnd();

            handler.assertEndedOnce();
            assertTrue(handler.attempts.isEmpty(), "no attempt was made");
            assertEquals(0, handler.starts.get());
        }
    }

    private static List<Attempt> withoutTimes(List<Attempt> attempts) {
        return attempts.stream().map(a -> new Attempt(a.username(), a.password(), 0)).toList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
