package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.internal.editor.ScreenModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telnet AYT (Are You There): a visible "[Yes]" that never garbles the line or the output around it. */
class AreYouThereTest {

    private static final int IAC = 255;
    private static final int AYT = 246;

    @Test
    void aytAtThePromptPrintsYesAboveAndRedrawsThePartlyTypedLine() {
        try (SessionRun run = SessionRun.start(new RecordingHandler())) {
            run.client.awaitText(PROMPT).type("echo par");
            run.client.awaitScreen(s -> s.line().equals(PROMPT + "echo par"), "the typed text");
            run.client.send(IAC, AYT);
            ScreenModel screen = run.client.awaitScreen(s -> s.rows().contains("[Yes]"), "the answer");
            List<String> rows = screen.rows();
            assertEquals(PROMPT + "echo par", rows.get(rows.indexOf("[Yes]") + 1));
            assertEquals((PROMPT + "echo par").length(), screen.cursorColumn());
            run.client.type("t\r").awaitText("\r\npart\r\n" + PROMPT);
        }
    }

    @Test
    void aytWhileACommandIsMidLineAnswersOnALineOfItsOwn() {
        AsyncMessageTest.WorkingHandler handler = new AsyncMessageTest.WorkingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("work Working...\r").awaitText("\r\n");
            RecordingHandler.await(handler.started, "the command to write");
            run.client.send(IAC, AYT);
            String untilAnswer = run.client.textUntil("[Yes]\r\n");
            handler.resume.countDown();
            assertEquals("Working...\r\n[Yes]\r\ndone\r\n" + PROMPT, untilAnswer + run.client.textUntil(PROMPT));
        }
    }

    @Test
    void aFloodOfAytGetsOneAnswerASecond() {
        try (SessionRun run = SessionRun.start(new RecordingHandler())) {
            run.client.awaitText(PROMPT);
            int[] flood = new int[200];
            for (int i = 0; i < flood.length; i += 2) {
                flood[i] = IAC;
                flood[i + 1] = AYT;
            }
            run.client.send(flood);
            run.client.type("echo after\r").awaitText("\r\nafter\r\n" + PROMPT);
            String all = run.client.allText();
            assertEquals(1, all.split("\\[Yes]", -1).length - 1, "answers in " + TestClient.quote(all));
        }
    }
}
