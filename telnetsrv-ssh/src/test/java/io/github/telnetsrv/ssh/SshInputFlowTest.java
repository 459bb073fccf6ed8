package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's bytes are pushed by the channel to the session, and the channel's window opens only as the session
 * takes them: a script many times the window (the server's is 256 KiB) sent as fast as the client can runs whole
 * and in order. Without the window opening again the client stalls once it has sent one window's worth.
 */
class SshInputFlowTest {

    /** About 700 KB of script: well over two windows. */
    private static final int LINES = 50_000;
    /** A run takes a few seconds here; this bounds a stalled one. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private SshServer server;
    private SshTestClient client;

    @BeforeEach
    void fresh() {
        SshTestHandler.record = new SshTestHandler.Record();
        client = new SshTestClient();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aScriptManyWindowsLongRunsWholeAndInOrder(String runtime) throws Exception {
        server = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .runtime(runtime)
                .threadNamePrefix("sshflow-")
                .hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "admin".equals(user) && "secret".equals(password))
                .start();
        ClientSession session = client.login(server.port(), "admin", "secret");
        StringBuilder script = new StringBuilder(LINES * 16);
        for (int i = 0; i < LINES; i++) {
            script.append("echo l").append(i).append('\n');
        }
        script.append("bye\n");
        byte[] bytes = script.toString().getBytes(StandardCharsets.US_ASCII);
        assertTrue(bytes.length > 2 * 256 * 1024, "the script is longer than two windows");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelShell channel = session.createShellChannel()) {
            channel.setUsePty(false);
            channel.setOut(out);
            channel.setErr(new ByteArrayOutputStream());
            channel.open().verify(SshTestClient.WAIT);
            // The client's writes wait for the server's window: they go on only as the session takes the script.
            Thread writer = Thread.ofVirtual().start(() -> {
                try (OutputStream keys = channel.getInvertedIn()) {
                    keys.write(bytes);
                    keys.flush();
                } catch (java.io.IOException e) {
                    // The channel closed under the writer: the assertions below tell.
                }
            });
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            writer.join(Duration.ofSeconds(10));
            String text;
            synchronized (out) {
                text = out.toString(StandardCharsets.US_ASCII);
            }
            assertTrue(events.contains(ClientChannelEvent.CLOSED), "the session ended at the script's bye; output "
                    + "ends: " + text.substring(Math.max(0, text.length() - 200)));
            assertEquals(0, channel.getExitStatus());
            int at = 0;
            for (int i = 0; i < LINES; i++) {
                String line = "l" + i + "\n";
                int found = text.indexOf(line, at);
                if (found < 0) {
                    throw new AssertionError("line " + i + " missing or out of order; output near there: "
                            + text.substring(at, Math.min(text.length(), at + 200)));
                }
                at = found + line.length();
            }
        }
    }
}
