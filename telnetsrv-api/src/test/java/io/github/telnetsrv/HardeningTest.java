package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Defects a hostile or unlucky client could trigger in one session, each with the test that fails without its fix:
 * unbounded continuation, handler code or the runtime's executor under the session's lock, a failure on the
 * reader's path, hooks never interrupted, CHARSET agreed for a charset the session does not speak, AO dropping
 * protocol replies, deadlines that overflow or never cut, and {@code closeSession()} from another thread.
 */
class HardeningTest {

    private static final SessionConfig CONFIG = SessionRun.CONFIG;

    // ------------------------------------------------------------------ continuation

    @Test
    void anEndlessContinuationIsCutWithOneErrorLineAndTheSessionGoesOn() {
        RecordingHandler handler = new RecordingHandler();
        SessionConfig config = CONFIG.toBuilder().maxCommandLength(1000).build();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO), config)) {
            run.client.awaitText(PROMPT).type("echo \"\r");
            String line = "y".repeat(199);
            // 4 lines of 200 fit in 1000 characters, the fifth does not.
            for (int i = 0; i < 4; i++) {
                run.client.awaitText("... ").type(line + "\r");
            }
            run.client.awaitText("... ").type(line + "\r");
            String answer = run.client.textUntil(PROMPT);
            assertEquals("Command too long (over 1000 characters); ignored\r\n" + PROMPT, answer);
            assertTrue(handler.echoed.isEmpty(), "nothing ran: " + handler.echoed);

            run.client.type("echo ok\r");
            assertEquals("ok\r\n" + PROMPT, run.client.textUntil(PROMPT));
        }
        handler.assertEndedOnce();
    }

    @Test
    void aFirstLineLongerThanTheCommandBoundIsRefusedToo() {
        RecordingHandler handler = new RecordingHandler();
        SessionConfig config = CONFIG.toBuilder().maxCommandLength(100).build();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO), config)) {
            run.client.awaitText(PROMPT).type("echo " + "z".repeat(100) + "\r");
            assertEquals("Command too long (over 100 characters); ignored\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
            assertTrue(handler.echoed.isEmpty());
        }
    }

    @Test
    void aMultiLineCommandWithinTheBoundStillRuns() {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO))) {
            run.client.awaitText(PROMPT).type("echo 'a\r").awaitText("... ").type("b' \\\r")
                    .awaitText("... ").type("c\r");
            assertEquals("a\r\nb c\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(List.of("echo 'a\nb' \\\nc"), handler.echoed);
        }
    }

    // ------------------------------------------------------------------ completion off the lock

    /** A handler whose completion waits for the test and writes: handler code that must not run under the lock. */
    static class SlowCompletionHandler extends RecordingHandler {
        final CountDownLatch completing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Thread> completer = new AtomicReference<>();
        final AtomicBoolean interrupted = new AtomicBoolean();
        /** Counted down once the completer has seen its interrupt (it runs on a thread of its own). */
        final CountDownLatch interruptSeen = new CountDownLatch(1);

        @Override
        protected List<String> completeArgument(String command, String word) {
            completer.set(Thread.currentThread());
            completing.countDown();
            try {
                if (!release.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return List.of();
                }
            } catch (InterruptedException e) {
                interrupted.set(true);
                interruptSeen.countDown();
                return List.of("never-applied");
            }
            return List.of("apple");
        }
    }

    @Test
    void aSlowCompleterHoldsNeitherTheSessionNorItsReader() {
        SlowCompletionHandler handler = new SlowCompletionHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo a\t");
            RecordingHandler.await(handler.completing, "the completer to run");
            // While the completer waits, the session answers AYT and takes a message from another thread: neither
            // could happen if the completer ran on the reader thread under the session's lock.
            run.client.send(255, 246);
            run.client.awaitText("[Yes]");
            Thread messenger = Thread.ofPlatform().start(() -> handler.writeMessage("news"));
            join(messenger);
            run.client.awaitText("news");
            assertFalse(handler.completer.get().getName().contains("test-session-reader"),
                    "completion ran on " + handler.completer.get());
            // Keys typed while the completer works wait for it, then apply to the completed line.
            run.client.type("!");
            handler.release.countDown();
            run.client.awaitScreen(s -> s.rows().stream().anyMatch(r -> r.contains("echo apple !")),
                    "the completion, then the key typed meanwhile");
            run.client.type("\r");
            run.client.awaitText("apple !\r\n");
        }
        handler.assertEndedOnce();
    }

    @Test
    void aCompleterThatNeverAnswersIsGivenUpAndInterrupted() {
        SlowCompletionHandler handler = new SlowCompletionHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("echo a\t");
            RecordingHandler.await(handler.completing, "the completer to run");
            run.client.type("b\r");
            // The bound on completion (2 s) passes: the bell, then the held keys run as typed.
            run.client.awaitText("ab\r\n");
            // The completer's thread sees its interrupt when it next runs, which may be after the keys ran.
            RecordingHandler.await(handler.interruptSeen, "the stuck completer's interrupt");
            assertTrue(handler.interrupted.get(), "the stuck completer was interrupted");
            assertEquals(List.of("echo ab"), handler.echoed);
        }
    }

    @Test
    void aCompleterStuckInACommandsReadLineIsGivenUpAndInterruptedAndTheLineGoesOn() {
        CountDownLatch asked = new CountDownLatch(1);
        AtomicReference<String> answer = new AtomicReference<>();
        SlowCompletionHandler handler = new SlowCompletionHandler() {
            @Command(value = "ask", help = """

                    Ask a question
                    """)
            void ask() {
                asked.countDown();
                answer.set(readLine("name? "));
            }
        };
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("ask\r").awaitText("name? ");
            RecordingHandler.await(asked, "the question");
            run.client.type("x bo\t"); // an argument: the handler's completer runs (a first word is a command)
            RecordingHandler.await(handler.completing, "the completer to run on the command's thread");
            run.client.type("b\r");
            run.client.awaitText(PROMPT);
            assertEquals("x bob", answer.get(), "the line went on with the keys typed meanwhile");
            assertTrue(handler.interrupted.get(), "the stuck completer was interrupted");
        }
    }

    @Test
    void aStuckCompleterIsGivenUpWithinItsBoundEvenWhenTheSessionsOtherLimitsAreHoursAway() {
        SlowCompletionHandler handler = new SlowCompletionHandler();
        // This session's other deadlines are minutes or hours away (or none); a Tab waiting for candidates makes it
        // due at the 2 s give-up.
        SessionConfig slow = CONFIG.toBuilder().writeTimeout(Duration.ofHours(1)).idleTimeout(Duration.ZERO)
                .handshakeTimeout(Duration.ofMinutes(10)).build();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), slow)) {
            run.client.awaitText(PROMPT).type("echo a\t");
            RecordingHandler.await(handler.completing, "the completer to run");
            run.client.type("b\r");
            run.client.awaitText("ab\r\n");
            // The completer's thread sees its interrupt when it next runs, which may be after the keys ran.
            RecordingHandler.await(handler.interruptSeen, "the stuck completer's interrupt");
            assertTrue(handler.interrupted.get(), "the stuck completer was interrupted");
        }
    }

    @Test
    void completionInACommandsReadLineRunsOnTheCommandsThread() {
        AtomicReference<Thread> commandThread = new AtomicReference<>();
        AtomicReference<Thread> completionThread = new AtomicReference<>();
        RecordingHandler handler = new RecordingHandler() {
            @Command(value = "ask", help = """

                    Ask a question
                    """)
            void ask() {
                commandThread.set(Thread.currentThread());
                writeResult("got " + readLine("name? "));
            }

            @Override
            protected List<String> completeArgument(String command, String word) {
                completionThread.set(Thread.currentThread());
                return List.of("zebra");
            }
        };
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("ask\r").awaitText("name? ").type("x z\t\r");
            run.client.awaitText("got x zebra \r\n");
        }
        assertEquals(commandThread.get(), completionThread.get());
    }

    @Test
    void theRuntimesExecutorIsNeverCalledUnderTheSessionsLock() {
        RecordingHandler handler = new RecordingHandler();
        CountDownLatch executing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger submitted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Executor slowExecutor = task -> {
            if (submitted.incrementAndGet() == 2) {
                // The task of the first command: the executor takes its time (a busy pool, a slow thread factory).
                executing.countDown();
                RecordingHandler.await(release, "the test to let the executor go on");
            }
            Thread.ofVirtual().start(task);
        };
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE);
        TelnetSession session = TelnetSession.create(handler, client, CONFIG, slowExecutor);
        Thread reader = Thread.ofPlatform().name("test-session-reader").start(session::run);
        try {
            client.awaitText(PROMPT).type("echo hi\r");
            RecordingHandler.await(executing, "the executor to be called for the command");
            // Another thread can still use the session: the lock is free while the executor works.
            Thread messenger = Thread.ofPlatform().start(() -> handler.writeMessage("meanwhile"));
            join(messenger);
            client.awaitText("meanwhile");
        } finally {
            release.countDown();
        }
        client.awaitText("hi\r\n");
        client.hangUp();
        join(reader);
        handler.assertEndedOnce();
    }

    // ------------------------------------------------------------------ the reader's path

    /** A connection whose input fails with an unchecked exception once {@link #fail} is set and a byte arrives. */
    static final class FailingConnection implements TelnetConnection {
        final TestClient client;
        volatile boolean fail;

        FailingConnection(TestClient client) {
            this.client = client;
        }

        @Override
        public InputStream input() {
            InputStream in = client.input();
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (fail) {
                        throw new IllegalStateException("simulated failure on the reader's path");
                    }
                    return n;
                }
            };
        }

        @Override
        public OutputStream output() {
            return client.output();
        }

        @Override
        public SocketAddress remoteAddress() {
            return client.remoteAddress();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void aFailureOnTheReadersPathStillEndsTheSessionOnce() throws InterruptedException {
        AtomicReference<String> answer = new AtomicReference<>("unset");
        CountDownLatch asked = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {
            @Command(value = "ask", help = """

                    Ask a question
                    """)
            void ask() {
                asked.countDown();
                answer.set(readLine("name? "));
            }
        };
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE);
        FailingConnection connection = new FailingConnection(client);
        TelnetSession session = TelnetSession.create(handler, connection, CONFIG);
        Thread reader = Thread.ofPlatform().name("test-session-reader").start(session::run);
        client.awaitText(PROMPT).type("ask\r").awaitText("name? ");
        RecordingHandler.await(asked, "the command to ask");
        connection.fail = true;
        client.type("x");

        reader.join(TestClient.TIMEOUT.toMillis());
        assertFalse(reader.isAlive(), "run() returned");
        assertNull(answer.get(), "the command's readLine ended with the session");
        handler.assertEndedOnce();
        assertTrue(client.serverClosed(), "the connection was closed");
    }

    @Test
    void aLineSentBeforeTheInputEndedStillAnswersACommandsQuestion() {
        List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingHandler handler = new RecordingHandler() {
            @Command(value = "ask", help = """

                    Ask twice
                    """)
            void ask() {
                answers.add(String.valueOf(readLine("first? ")));
                answers.add(String.valueOf(readLine("second? ")));
            }
        };
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO));
        run.client.awaitText(PROMPT);
        // A script piped in, then a half-close: the command's question takes the line typed before the end.
        run.client.type("ask\ryes\r");
        run.client.hangUp();
        run.awaitEnd();
        assertEquals(List.of("yes", "null"), answers, "the typed-ahead line, then null: nothing else was sent");
        handler.assertEndedOnce();
    }

    // ------------------------------------------------------------------ hooks interrupted

    @Test
    void anAuthenticatorBlockedWhenTheClientLeavesIsInterrupted() {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {
            @Override
            protected Authenticator authenticator() {
                return (user, password) -> {
                    checking.countDown();
                    if (RecordingHandler.blockUntilInterrupted()) {
                        interrupted.countDown();
                    }
                    return false;
                };
            }
        };
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText("Username: ").type("bob\r").awaitText("Password: ").type("pw\r");
        RecordingHandler.await(checking, "the authenticator to run");
        run.close();
        RecordingHandler.await(interrupted, "the authenticator to be interrupted");
        handler.assertEndedOnce();
    }

    @Test
    void aSessionStartBlockedWhenTheSessionIsClosedIsInterrupted() {
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {
            @Override
            protected void sessionStart() {
                starting.countDown();
                if (RecordingHandler.blockUntilInterrupted()) {
                    interrupted.countDown();
                }
            }
        };
        SessionRun run = SessionRun.start(handler);
        RecordingHandler.await(starting, "sessionStart() to run");
        run.session.close();
        RecordingHandler.await(interrupted, "sessionStart() to be interrupted");
        run.awaitEnd();
        handler.assertEndedOnce();
    }

    // ------------------------------------------------------------------ no amplification

    @Test
    void aFloodOfCtrlCWhileACommandRunsShowsOneLineAndStillInterruptsIt() {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger interrupts = new java.util.concurrent.atomic.AtomicInteger();
        RecordingHandler handler = new RecordingHandler() {
            @Command(value = "busy", help = """

                    Work until released
                    """)
            void busy() {
                running.countDown();
                long until = System.nanoTime() + TestClient.TIMEOUT.toNanos();
                while (release.getCount() > 0 && System.nanoTime() < until) {
                    if (Thread.interrupted()) {
                        interrupts.incrementAndGet();
                    }
                    Thread.onSpinWait();
                }
                writeResult("done");
            }
        };
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO))) {
            run.client.awaitText(PROMPT).type("busy\r");
            RecordingHandler.await(running, "the command to run");
            byte[] flood = new byte[200];
            java.util.Arrays.fill(flood, (byte) 3);
            run.client.send(flood);
            run.client.awaitText("^C\r\n");
            long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
            while (interrupts.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            release.countDown();
            String rest = run.client.textUntil(PROMPT);
            assertEquals("done\r\n" + PROMPT, rest, "one ^C line for the whole flood");
            assertTrue(interrupts.get() >= 1, "the command was interrupted");
        }
    }

    // ------------------------------------------------------------------ closeSession from another thread

    @Test
    void closeSessionFromAnotherThreadEndsASessionWaitingAtItsPrompt() {
        RecordingHandler handler = new RecordingHandler();
        SessionRun run = SessionRun.start(handler);
        run.client.awaitText(PROMPT);
        run.client.awaitReaderWaiting();
        Thread admin = Thread.ofPlatform().start(handler::closeSession);
        join(admin);
        run.client.awaitClosed();
        run.awaitEnd();
        handler.assertEndedOnce();
        assertTrue(handler.echoed.isEmpty());
    }

    // ------------------------------------------------------------------ protocol

    @Test
    void aSessionWhoseCharsetIsNotUtf8RefusesCharset() {
        RecordingHandler handler = new RecordingHandler();
        SessionConfig latin1 = CONFIG.toBuilder().charset(java.nio.charset.StandardCharsets.ISO_8859_1).build();
        TestClient client = new TestClient(TestClient.Kind.SILENT);
        try (SessionRun run = SessionRun.start(handler, client, latin1)) {
            run.client.awaitText(PROMPT);
            assertFalse(contains(client.rawOutput(), 255, 253, 42), "the server asked DO CHARSET");
            client.send(255, 251, 42); // WILL CHARSET
            client.send(255, 250, 42, 1, ';', 'U', 'T', 'F', '-', '8', 255, 240);
            client.send(255, 246); // AYT: once answered, the replies above were sent
            client.awaitText("[Yes]");
            assertTrue(contains(client.rawOutput(), 255, 254, 42), "WILL CHARSET refused with DONT");
            assertFalse(contains(client.rawOutput(), 255, 250, 42, 2), "UTF-8 accepted by a Latin-1 session");
        }
    }

    @Test
    void abortOutputKeepsTheProtocolRepliesOfTheSameRead() {
        RecordingHandler handler = new RecordingHandler();
        TestClient client = new TestClient(TestClient.Kind.SILENT);
        try (SessionRun run = SessionRun.start(handler, client)) {
            run.client.awaitText(PROMPT);
            client.awaitReaderWaiting();
            client.send(255, 253, 6, 255, 245); // DO TIMING-MARK, then AO, in one read
            client.send(255, 246);
            client.awaitText("[Yes]");
            assertTrue(contains(client.rawOutput(), 255, 251, 6), "WILL TIMING-MARK was sent despite AO");
        }
    }

    // ------------------------------------------------------------------ settings

    @Test
    void theLoginTimeoutIsBoundedAndADayStillLogsIn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionConfig.builder().loginTimeout(Duration.ofDays(365_000)));
        assertTrue(e.getMessage().startsWith("loginTimeout: "), e.getMessage());
        LoginTest.LoginHandler handler = new LoginTest.LoginHandler();
        SessionConfig day = CONFIG.toBuilder().loginTimeout(Duration.ofDays(1)).build();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), day)) {
            run.client.awaitText("Username: ").type("alice\r").awaitText("Password: ").type("s3cr3t-pw\r");
            run.client.awaitText(PROMPT);
        }
    }

    // ------------------------------------------------------------------ deadlines of the set-up

    /** A connection whose handshake never completes until the connection is aborted. */
    static final class StuckHandshake implements TelnetConnection {
        final TestClient client;
        final CountDownLatch aborted = new CountDownLatch(1);

        StuckHandshake(TestClient client) {
            this.client = client;
        }

        @Override
        public void handshake() throws IOException {
            try {
                if (!aborted.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("never aborted");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("aborted");
        }

        @Override
        public void abort() {
            aborted.countDown();
            client.close();
        }

        @Override
        public InputStream input() {
            return client.input();
        }

        @Override
        public OutputStream output() {
            return client.output();
        }

        @Override
        public SocketAddress remoteAddress() {
            return client.remoteAddress();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void aHandshakeNotDoneByItsDeadlineIsAbortedAndTheSessionEndsOnce() throws InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        StuckHandshake connection = new StuckHandshake(new TestClient(TestClient.Kind.CHARACTER_MODE));
        SessionConfig config = CONFIG.toBuilder().handshakeTimeout(Duration.ofMillis(200)).build();
        TelnetSession session = TelnetSession.create(handler, connection, config);
        long start = System.nanoTime();
        Thread reader = Thread.ofPlatform().start(session::run);
        assertTrue(connection.aborted.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "the stuck handshake was aborted");
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= Duration.ofMillis(200).toNanos(), "aborted after " + Duration.ofNanos(elapsed));
        reader.join(TestClient.TIMEOUT.toMillis());
        assertFalse(reader.isAlive());
        handler.assertEndedOnce();
        assertEquals(0, handler.starts.get(), "sessionStart() never ran");
    }

    @Test
    void aSessionStuckBeforeItsLoginPromptIsCutAtTheLoginDeadline() {
        CountDownLatch release = new CountDownLatch(1);
        LoginTest.LoginHandler handler = new LoginTest.LoginHandler() {
            @Override
            protected String issue() {
                // Handler code that ignores interruption: only the deadline's abort can end the connection.
                long until = System.nanoTime() + TestClient.TIMEOUT.toNanos();
                while (release.getCount() > 0 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return null;
            }
        };
        SessionConfig config = CONFIG.toBuilder().loginTimeout(Duration.ofMillis(300)).build();
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), config);
        try {
            run.client.awaitClosed();
        } finally {
            release.countDown();
        }
        run.awaitEnd();
        handler.assertEndedOnce();
        assertTrue(handler.attempts.isEmpty());
    }

    // ------------------------------------------------------------------ helpers

    private static boolean contains(byte[] haystack, int... needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if ((haystack[i + j] & 0xFF) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void join(Thread thread) {
        try {
            thread.join(TestClient.TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(thread.isAlive(), thread + " did not finish");
    }
}
