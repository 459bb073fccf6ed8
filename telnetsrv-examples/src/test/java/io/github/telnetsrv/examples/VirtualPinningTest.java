package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual runtime never pins a carrier thread: JFR records no {@code jdk.VirtualThreadPinned} of its threads. */
class VirtualPinningTest {

    @Test
    void sessionsOnVirtualThreadsNeverPinTheirCarrier(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pinning.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            try (TelnetServer server = TelnetServer.builder().handler(DemoHandler::new).port(0).runtime("virtual")
                    .threadNamePrefix("pin-").start();
                    ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String word = "w" + i;
                    answers.add(clients.submit(() -> {
                        try (RawClient client = new RawClient(server.localAddress())) {
                            client.await("Telnet Server> ");
                            client.line("echo " + word);
                            return client.await("Telnet Server> ");
                        }
                    }));
                }
                for (int i = 0; i < answers.size(); i++) {
                    assertEquals("w" + i + "\r\n", answers.get(i).get(30, TimeUnit.SECONDS));
                }
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> pinned = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                .filter(e -> e.getThread() != null && e.getThread().getJavaName() != null
                        && e.getThread().getJavaName().startsWith("pin-"))
                .toList();
        assertTrue(pinned.isEmpty(), "pinned: " + pinned);
    }
}
