package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.telnetsrv.TelnetSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An SSH client chooses its user name, its TERM and its environment before any handler code runs: the server's
 * registry, which an operator's console prints, gives them without control characters.
 */
class SshClientFactsTest {

    @TempDir
    Path dir;

    private SshServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void theRegistryShowsTheUserTermAndEnvironmentWithoutControlCharacters(String runtime) throws Exception {
        server = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .runtime(runtime)
                .threadNamePrefix("sshfacts-")
                .hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "pw".equals(password))
                .start();
        try (SshTestClient client = new SshTestClient()) {
            ClientSession login = client.login(server.port(), "guest\u202Etoor\u001b[2J", "pw");
            ChannelShell channel = login.createShellChannel();
            channel.setUsePty(true);
            channel.setPtyType("xterm\u001b]0;pwned\u0007");
            channel.setPtyColumns(80);
            channel.setPtyLines(24);
            channel.setEnv("TITLE", "\u001b]0;pwned\u0007");
            channel.open().verify(SshTestClient.WAIT);
            try (SshTestClient.Shell shell = new SshTestClient.Shell(channel)) {
                shell.await("ssh> ");
                List<TelnetSession> sessions = server.sessions();
                assertEquals(1, sessions.size());
                TelnetSession session = sessions.get(0);
                assertEquals("guest\uFFFDtoor\uFFFD[2J", session.username());
                assertNull(session.terminalType());
                assertEquals("\uFFFD]0;pwned\uFFFD", session.handler().environment().get("TITLE"));
            }
        }
    }
}
