package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code env} requests over SSH are bounded per channel as NEW-ENVIRON is over Telnet: 64 variables, 8192
 * characters of names and values; the rest is ignored, and refused when the client wants a reply.
 */
class SshEnvironmentTest {

    @TempDir
    Path dir;

    private SshServer server;
    private SshTestClient client;
    private RawSshClient raw;

    @BeforeEach
    void start() throws Exception {
        SshTestHandler.record = new SshTestHandler.Record();
        client = new SshTestClient();
        server = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "secret".equals(password))
                .start();
    }

    @AfterEach
    void stop() {
        if (raw != null) {
            raw.close();
        }
        client.close();
        server.close();
    }

    private String exec(ClientSession session, String command, String prefix, int count, int valueLength)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            for (int i = 0; i < count; i++) {
                channel.setEnv(prefix + (1000 + i), "x".repeat(valueLength));
            }
            channel.setOut(out);
            channel.setErr(new ByteArrayOutputStream());
            channel.open().verify(SshTestClient.WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aChannelKeepsAtMost64Variables() throws Exception {
        ClientSession session = client.login(server.port(), "admin", "secret");
        assertEquals("count=64 chars=" + 64 * 6 + "\n", exec(session, "envsize V", "V", 5000, 1));
    }

    @Test
    void aChannelKeepsAtMost8192CharactersOfNamesAndValues() throws Exception {
        ClientSession session = client.login(server.port(), "admin", "secret");
        // Each variable is 5 + 1024 characters: 7 fit in 8192, the 8th would not.
        assertEquals("count=7 chars=" + 7 * 1029 + "\n", exec(session, "envsize W", "W", 200, 1024));
    }

    @Test
    void variablesPastTheBoundAreRefusedWhenTheClientWantsAReply() throws Exception {
        raw = new RawSshClient(false);
        RawSshClient.Session session = raw.connect(server.port(), "admin");
        session.addPasswordIdentity("secret");
        session.auth().verify(SshTestClient.WAIT);
        ChannelShell shell = session.createShellChannel();
        shell.setUsePty(false);
        shell.open().verify(SshTestClient.WAIT);
        long successes = session.count(SshConstants.SSH_MSG_CHANNEL_SUCCESS);
        long failures = session.count(SshConstants.SSH_MSG_CHANNEL_FAILURE);
        for (int i = 0; i < 70; i++) {
            Buffer request = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 64);
            request.putUInt(shell.getRecipient());
            request.putString("env");
            request.putBoolean(true);
            request.putString("V" + i);
            request.putString("1");
            session.writePacket(request);
        }
        assertTrue(session.awaitCount(successes + failures + 70, SshConstants.SSH_MSG_CHANNEL_SUCCESS,
                SshConstants.SSH_MSG_CHANNEL_FAILURE), () -> "every env request answered: " + session.received());
        assertEquals(64, session.count(SshConstants.SSH_MSG_CHANNEL_SUCCESS) - successes);
        assertEquals(6, session.count(SshConstants.SSH_MSG_CHANNEL_FAILURE) - failures);
        shell.close(true);
    }
}
