package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a command learns about the client: terminal type, window size, environment, address. */
class ConsoleInfoTest {

    static class InfoHandler extends RecordingHandler {
        @Command(value = "info", help = """

                Describe the console
                """)
        void info() {
            writeResult("type=" + terminalType() + " size=" + width() + "x" + height()
                    + " USER=" + environment().get("USER") + " from=" + remoteAddress());
        }

        @Command(value = "isterm", help = """

                Whether the client is a terminal
                """)
        void isTerm() {
            writeResult("terminal=" + isTerminal());
            writeResult(styled("bold", Style.BOLD));
            writeTable(Table.of("NAME", "VALUE").headerStyle(Style.UNDERLINE).row("a", "1").row("long name", "2"));
        }
    }

    @Test
    void aClientThatNegotiatesEvenToRefuseIsATerminalAndOneThatNeverAnswersIsNot() {
        try (SessionRun run = SessionRun.start(new InfoHandler())) {
            run.client.awaitText(PROMPT).type("isterm\r").awaitText("isterm\r\n");
            assertEquals("terminal=true\r\n\u001b[1mbold\u001b[0m\r\n\u001b[4mNAME\u001b[0m       "
                    + "\u001b[4mVALUE\u001b[0m\r\na          1\r\nlong name  2\r\n" + PROMPT,
                    run.client.textUntil(PROMPT), "styles on a terminal");
        }
        try (SessionRun run = SessionRun.start(new InfoHandler(), new TestClient(TestClient.Kind.REFUSES_ECHO))) {
            run.client.awaitText(PROMPT).type("isterm\r\n").awaitText("terminal=true\r\n");
        }
        try (SessionRun run = SessionRun.start(new InfoHandler(), new TestClient(TestClient.Kind.SILENT))) {
            run.client.awaitText(PROMPT).type("isterm\r\n").awaitText("terminal=false\r\n");
            assertEquals("bold\r\nNAME       VALUE\r\na          1\r\nlong name  2\r\n" + PROMPT,
                    run.client.textUntil(PROMPT), "plain for netcat");
        }
    }

    @Test
    void aCommandSeesTheTerminalTypeWindowSizeEnvironmentAndAddress() {
        InfoHandler handler = new InfoHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("info\r").awaitText("info\r\n");
            assertEquals("type=XTERM size=80x24 USER=alice from=/127.0.0.1:40000\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
            assertEquals(run.session.remoteAddress(), handler.remoteAddress());
        }
    }

    @Test
    void aLaterWindowSizeChangeUpdatesWidthAndHeight() {
        try (SessionRun run = SessionRun.start(new InfoHandler())) {
            run.client.awaitText(PROMPT).send(255, 250, 31, 0, 100, 0, 40, 255, 240).type("info\r");
            run.client.awaitText("info\r\n");
            assertEquals("type=XTERM size=100x40 USER=alice from=/127.0.0.1:40000\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
        }
    }
}
