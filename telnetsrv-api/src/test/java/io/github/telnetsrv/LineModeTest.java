package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Clients that echo locally (refusing server echo) or never negotiate (netcat) get a working line mode. */
class LineModeTest {

    @ParameterizedTest
    @EnumSource(value = TestClient.Kind.class, names = {"SILENT", "REFUSES_ECHO"})
    void typedTextIsNotEchoedAndCommandsRun(TestClient.Kind kind) {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(kind))) {
            run.client.awaitText(PROMPT).type("echo hi\r");
            assertEquals("hi\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.send("echo bare lf\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("bare lf\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.send("echo cr lf\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("cr lf\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(List.of("echo hi", "echo bare lf", "echo cr lf"), handler.echoed);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestClient.Kind.class, names = {"SILENT", "REFUSES_ECHO"})
    void aTabSeparatesWordsAndStaysInTheRawInput(TestClient.Kind kind) {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(kind))) {
            run.client.awaitText(PROMPT).type("echo\thi\r");
            assertEquals("hi\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("echo \"a\tb\"\tc\r");
            assertEquals("a\tb c\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(List.of("echo\thi", "echo \"a\tb\"\tc"), handler.echoed);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestClient.Kind.class, names = {"SILENT", "REFUSES_ECHO"})
    void backspaceStillEditsTheLineWithoutEchoingAnything(TestClient.Kind kind) {
        RecordingHandler handler = new RecordingHandler();
        try (SessionRun run = SessionRun.start(handler, new TestClient(kind))) {
            run.client.awaitText(PROMPT).type("echo hix\u007f\u007fi!\br\r");
            assertEquals("hir\r\n" + PROMPT, run.client.textUntil(PROMPT));
            assertEquals(List.of("echo hir"), handler.echoed);
        }
    }
}
