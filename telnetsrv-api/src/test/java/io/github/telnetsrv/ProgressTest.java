package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A command's progress line: rewritten in place, kept below messages and output, ended by the next line read. */
class ProgressTest {

    static class WorkHandler extends RecordingHandler {
        final CountDownLatch shown = new CountDownLatch(1);
        final CountDownLatch messaged = new CountDownLatch(1);

        @Command(value = "work", help = """

                Work with a progress line
                """)
        void work() throws InterruptedException {
            try (Progress progress = progress("step 1")) {
                progress.update("step 2");
                shown.countDown();
                messaged.await();
                writeLine("half way");
                progress.update("step 3");
                progress.done("done");
            }
        }

        @Command(value = "abandon", help = """

                Leave a progress line behind
                """)
        void abandon() {
            progress("working");
        }
    }

    @Test
    void theProgressLineIsRewrittenInPlaceAndOtherOutputGoesAboveIt() throws Exception {
        WorkHandler handler = new WorkHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("work\r").awaitText("work\r\n");
            handler.shown.await();
            run.client.awaitText("step 2");
            handler.writeMessage("a message");
            run.client.awaitText("a message\r\nstep 2");
            handler.messaged.countDown();
            run.client.awaitText("done\r\n" + PROMPT);
            String all = run.client.allText();
            assertEquals("work\r\nstep 1\r\u001b[Kstep 2\r\u001b[Ka message\r\nstep 2\r\u001b[Khalf way\r\nstep 2"
                    + "\r\u001b[Kstep 3\r\u001b[Kdone\r\n" + PROMPT, all.substring(all.lastIndexOf("work\r\n")));
        }
    }

    @Test
    void aProgressLineLeftBehindIsErasedByTheNextPrompt() {
        try (SessionRun run = SessionRun.start(new WorkHandler())) {
            run.client.awaitText(PROMPT).type("abandon\r").awaitText("abandon\r\n");
            assertEquals("working\r\u001b[K" + PROMPT, run.client.textUntil(PROMPT));
        }
    }

    @Test
    void aClientThatIsNotATerminalGetsOnlyTheLastLine() throws Exception {
        WorkHandler handler = new WorkHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(TestClient.Kind.SILENT))) {
            run.client.awaitText(PROMPT).type("work\r\n");
            handler.shown.await();
            handler.messaged.countDown();
            run.client.awaitText("done\r\n" + PROMPT);
            assertNoEscapes(run.client.allText());
        }
    }

    private static void assertNoEscapes(String text) {
        assertEquals(-1, text.indexOf('\u001b'), "no escape sequence: " + TestClient.quote(text));
    }
}
