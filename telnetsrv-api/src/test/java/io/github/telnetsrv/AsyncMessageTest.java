package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code writeMessage} from another thread while no line is being read (a command runs). */
class AsyncMessageTest {

    /** Writes {@code before}, lets the test post a message, then finishes its line. */
    static class WorkingHandler extends RecordingHandler {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);

        @Command(value = "work", help = """
                <first output>
                Write, wait for the test, finish
                """)
        void work(List<String> params) {
            write(params.get(0).replace("\\n", "\n"));
            started.countDown();
            RecordingHandler.await(resume, "the test to post its message");
            writeLine("done");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Working...", "Working...\\n", "Working...\\nstep 2"})
    void aMessageWhileACommandRunsIsPrintedOnALineOfItsOwn(String output) {
        WorkingHandler handler = new WorkingHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("work '" + output + "'\r").awaitText("\r\n");
            RecordingHandler.await(handler.started, "the command to write");

            Thread poster = Thread.ofVirtual().start(() -> handler.writeMessage("ping from elsewhere"));
            String untilMessage = run.client.textUntil("ping from elsewhere\r\n");
            handler.resume.countDown();
            join(poster);

            String written = output.replace("\\n", "\r\n");
            String lineBreak = written.endsWith("\r\n") ? "" : "\r\n";
            assertEquals(written + lineBreak + "ping from elsewhere\r\ndone\r\n" + PROMPT,
                    untilMessage + run.client.textUntil(PROMPT));
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TestClient.TIMEOUT);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
