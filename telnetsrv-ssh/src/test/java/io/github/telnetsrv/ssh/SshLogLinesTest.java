package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.LoginThrottle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an SSH client chose (a user name, an env name) reaches the server's log escaped: it cannot end the line and
 * forge another, nor colour the log on a terminal. The tests read the warnings slf4j-simple writes to System.err.
 */
class SshLogLinesTest {

    private static final String FORGED = "12345 [main] WARN io.github.telnetsrv.ssh.SshLogins - logged in as root";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;
    private SshServer server;
    private SshTestClient client;

    @BeforeEach
    void capture() {
        original = System.err;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
        client = new SshTestClient();
    }

    @AfterEach
    void restore() {
        System.setErr(original);
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private String log() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    private void assertNothingForged(String log) {
        assertFalse(log.contains("\n" + FORGED), log);
        assertFalse(log.contains("\u001b"), "an escape reached the log: " + log);
    }

    @Test
    void aUserNameWithANewlineAndAnEscapeIsEscapedInTheLog() throws Exception {
        LoginThrottle blocked = LoginThrottle.builder().maxFailures(1).build();
        blocked.recordFailure(InetAddress.getLoopbackAddress());
        server = SshServerConfig.builder().handler(SshTestHandler::new).port(0).hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> true).loginThrottle(blocked).start();
        String user = "mallory\n" + FORGED + "\u001b[31m";
        assertThrows(IOException.class, () -> client.login(server.port(), user, "secret"));
        String log = log();
        assertTrue(log.contains("SSH login for mallory\\n" + FORGED + "\\e[31m refused"), log);
        assertNothingForged(log);
    }

    @Test
    void anEnvNameWithANewlineIsEscapedInTheLog() throws Exception {
        server = SshServerConfig.builder().handler(SshTestHandler::new).port(0).hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "secret".equals(password)).start();
        ClientSession session = client.login(server.port(), "admin", "secret");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel("echo ok")) {
            for (int i = 0; i < 64; i++) {
                channel.setEnv("V" + i, "1");
            }
            channel.setEnv("X\n" + FORGED + "\u001b[31m", "1"); // the 65th: past the bound, warned about
            channel.setOut(out);
            channel.open().verify(SshTestClient.WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
        }
        assertEquals("ok\n", out.toString(StandardCharsets.UTF_8));
        String log = log();
        assertTrue(log.contains("env X\\n" + FORGED + "\\e[31m ignored"), log);
        assertNothingForged(log);
    }
}
