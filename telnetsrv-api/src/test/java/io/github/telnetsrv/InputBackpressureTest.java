package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Input is never dropped: while a command runs, what the client sends queues up to a mark, then the session stops
 * reading its connection until lines are taken; every line runs, in order, whole.
 */
class InputBackpressureTest {

    /** The mark with the test settings: the longest line and a little more (see TerminalInput). */
    private static final int MARK = SessionRun.CONFIG.maxLineLength() + 64;
    /** What one read may add past the mark (the reader's small buffer and the paste buffer after it). */
    private static final int ONE_READ = 16 + 4096;

    static class ScriptHandler extends TelnetHandler {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        protected String prompt() {
            return "> ";
        }

        @Command(value = "hold", help = """

                Wait until the test lets go
                """)
        void hold() throws InterruptedException {
            holding.countDown();
            assertTrue(release.await(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the test let go");
        }

        @Command(value = "echo", help = """
                <text>
                Echo the text
                """)
        void echo(List<String> params) {
            String line = String.join(" ", params);
            ran.add(line);
            writeResult(line);
        }
    }

    private static String script(int lines) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            script.append("echo line-").append(i).append('\r');
        }
        return script.toString();
    }

    private static List<String> expected(int lines) {
        List<String> expected = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            expected.add("line-" + i);
        }
        return expected;
    }

    @Test
    void aScriptSentWhileACommandRunsRunsEveryLineInOrder() throws Exception {
        ScriptHandler handler = new ScriptHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO))) {
            run.client.awaitText("> ");
            run.client.type("hold\r");
            assertTrue(handler.holding.await(10, TimeUnit.SECONDS));
            String script = script(20_000) + "bye\r";
            run.client.type(script);
            run.client.awaitBytesRead(MARK); // the queue fills up to its mark...
            int read = run.client.bytesReadByServer();
            // ...and no further than one read past it: the reader stopped reading, nothing was dropped
            assertTrue(read <= "hold\r".length() + MARK + ONE_READ + 1, read + " bytes read while the command held");
            assertTrue(read < script.length());
            handler.release.countDown();
            run.client.awaitClosed(); // bye ran: every line before it was read and run
            assertEquals(expected(20_000), handler.ran);
        }
    }

    @Test
    void aScriptTypedInCharacterModeWithCrLfLineEndsRunsEveryLineInOrder() throws Exception {
        ScriptHandler handler = new ScriptHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.CHARACTER_MODE))) {
            run.client.awaitText("> ");
            run.client.type("hold\r\n");
            assertTrue(handler.holding.await(10, TimeUnit.SECONDS));
            run.client.type(script(20_000).replace("\r", "\r\n") + "bye\r\n");
            run.client.awaitBytesRead(MARK);
            handler.release.countDown();
            run.client.awaitClosed();
            assertEquals(expected(20_000), handler.ran);
        }
    }

    @Test
    void aScriptSentAtOnceOnConnectingRunsEveryLineInOrder() throws Exception {
        ScriptHandler handler = new ScriptHandler();
        TestClient client = new TestClient(TestClient.Kind.CHARACTER_MODE);
        client.type(script(20_000).replace("\r", "\r\n") + "bye\r\n"); // before the session even starts
        try (SessionRun run = SessionRun.start(handler, client)) {
            run.client.awaitClosed();
            assertEquals(expected(20_000), handler.ran);
        }
    }

    @Test
    void linesAfterByeInAScriptDoNotRun() throws Exception {
        ScriptHandler handler = new ScriptHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO))) {
            run.client.awaitText("> ");
            run.client.type("hold\r");
            assertTrue(handler.holding.await(10, TimeUnit.SECONDS));
            run.client.type(script(3_000) + "bye\r" + "echo after-bye\r".repeat(3_000));
            run.client.awaitBytesRead(MARK);
            handler.release.countDown();
            run.client.awaitClosed();
            assertEquals(expected(3_000), handler.ran);
        }
    }

    @Test
    void aSessionClosedWhileItsReaderIsHeldBackEnds() throws Exception {
        ScriptHandler handler = new ScriptHandler();
        SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.REFUSES_ECHO));
        run.client.awaitText("> ");
        run.client.type("hold\r");
        assertTrue(handler.holding.await(10, TimeUnit.SECONDS));
        run.client.type(script(5_000));
        run.client.awaitBytesRead(MARK);
        assertFalse(run.ended());
        run.session.close(); // the command is interrupted; the held-back reader must not keep the session alive
        run.awaitEnd();
        assertTrue(handler.ran.size() < 5_000, "the session ended before the script did");
    }
}
