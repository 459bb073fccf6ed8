package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH server's limits: connections, connections per address, channels per connection. */
class SshLimitsTest {

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

    private void start(Consumer<SshServerConfig.Builder> settings) throws Exception {
        SshServerConfig.Builder builder = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "secret".equals(password));
        settings.accept(builder);
        server = builder.start();
    }

    @Test
    void aConnectionOverMaxSessionsIsRefusedAndASlotFreedIsUsableAgain() throws Exception {
        start(b -> b.maxSessions(2));
        ClientSession one = client.login(server.port(), "a", "secret");
        ClientSession two = client.login(server.port(), "b", "secret");
        assertThrows(Exception.class, () -> client.login(server.port(), "c", "secret"));
        one.close(true);
        awaitLogin("d");
        assertEquals(0, SshTestClient.exec(two, "help").status());
    }

    @Test
    void oneAddressCannotTakeMoreThanItsShare() throws Exception {
        start(b -> b.maxSessionsPerAddress(1));
        ClientSession one = client.login(server.port(), "a", "secret");
        assertThrows(Exception.class, () -> client.login(server.port(), "b", "secret"));
        one.close(true);
        awaitLogin("c");
    }

    @Test
    void aConnectionOpensAtMostItsChannels() throws Exception {
        start(b -> b.maxChannelsPerConnection(1));
        ClientSession session = client.login(server.port(), "a", "secret");
        try (SshTestClient.Shell shell = SshTestClient.shell(session, true, 80, 24)) {
            shell.await("ssh> ");
            assertThrows(Exception.class, () -> SshTestClient.shell(session, true, 80, 24));
            assertEquals(1, server.sessionCount());
        }
        // The refusal kept the connection: once the shell is closed, it opens a channel again.
        long deadline = System.nanoTime() + SshTestClient.WAIT.toNanos();
        while (true) {
            try {
                assertEquals(0, SshTestClient.exec(session, "help").status());
                break;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20); // retrying with a deadline: the slot comes back when the server sees the close
            }
        }
        assertTrue(session.isOpen());
    }

    /** Logs in once the server has given back the slot of a closed connection (it does so asynchronously). */
    private void awaitLogin(String user) throws Exception {
        long deadline = System.nanoTime() + SshTestClient.WAIT.toNanos();
        while (true) {
            try {
                assertTrue(SshTestClient.exec(client.login(server.port(), user, "secret"), "whoami").output()
                        .startsWith("user=" + user));
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20); // retrying with a deadline: the slot comes back when the server sees the close
            }
        }
    }
}
