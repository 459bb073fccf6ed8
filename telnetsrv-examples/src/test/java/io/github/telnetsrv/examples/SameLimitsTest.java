package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.ServerConfig;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.ssh.SshServer;
import io.github.telnetsrv.ssh.SshServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Telnet server and an SSH server, both built on the server base and given their limits with the same setters
 * of the shared builder, admit and refuse the same connections: past {@code maxSessions}, past
 * {@code maxSessionsPerAddress}, and past {@code maxUnauthenticated} while connections are still logging in; and a
 * place given back is taken again. (What each refusal says is the transport's: {@code ServerLimitsTest} reads
 * Telnet's lines. An SSH client never sees its reason: the SSH layer sends the disconnect before its identification
 * line, which the client waits for.)
 */
class SameLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMITTED = "admitted";
    private static final String REFUSED = "refused";

    @TempDir
    Path dir;

    private Door door;

    @AfterEach
    void close() throws Exception {
        if (door != null) {
            door.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"telnet", "ssh"})
    void pastMaxSessionsAConnectionIsRefusedUntilOneLeaves(String transport) throws Exception {
        door = open(transport, b -> b.maxSessions(2));
        Visitor first = door.visit();
        assertEquals(ADMITTED, first.outcome());
        first.logIn();
        assertEquals(ADMITTED, door.visit().outcome());
        assertEquals(REFUSED, door.visit().outcome());
        first.close();
        awaitAdmitted().logIn();
    }

    @ParameterizedTest
    @ValueSource(strings = {"telnet", "ssh"})
    void pastMaxSessionsPerAddressAConnectionIsRefusedUntilOneFromTheAddressLeaves(String transport)
            throws Exception {
        door = open(transport, b -> b.maxSessionsPerAddress(1));
        Visitor first = door.visit();
        assertEquals(ADMITTED, first.outcome());
        first.logIn();
        assertEquals(REFUSED, door.visit().outcome());
        first.close();
        awaitAdmitted().logIn();
    }

    @ParameterizedTest
    @ValueSource(strings = {"telnet", "ssh"})
    void pastMaxUnauthenticatedAConnectionIsRefusedUntilOneLogsIn(String transport) throws Exception {
        door = open(transport, b -> b.maxUnauthenticated(1));
        Visitor first = door.visit();
        assertEquals(ADMITTED, first.outcome());
        assertEquals(REFUSED, door.visit().outcome());
        first.logIn();
        awaitAdmitted().logIn();
        awaitAdmitted(); // the one before logged in: its place is free again
    }

    /** Visits until a connection is admitted: a place given back is free once the server has seen the close. */
    private Visitor awaitAdmitted() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Visitor visitor = door.visit();
            if (visitor.outcome().equals(ADMITTED)) {
                return visitor;
            }
            visitor.close();
            if (System.nanoTime() - deadline > 0) {
                fail("no connection admitted within " + WAIT + ": " + visitor.outcome());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // polling with a deadline
        }
    }

    private Door open(String transport, Consumer<ServerConfig.Builder<?>> limits) throws IOException {
        return transport.equals("telnet") ? new TelnetDoor(limits) : new SshDoor(limits, dir.resolve("hostkey"));
    }

    /** A server of one transport, and the connections the test opens to it, closed with it. */
    private interface Door extends AutoCloseable {
        /** Connects and waits until the server has admitted the connection (it then waits for a login) or not. */
        Visitor visit() throws Exception;
    }

    /** One connection. */
    private interface Visitor extends AutoCloseable {
        /** {@value #ADMITTED} or {@value #REFUSED}. */
        String outcome();

        /** Logs in as the demo's user and waits until that is done. */
        void logIn() throws Exception;
    }

    private static final class TelnetDoor implements Door {

        private final TelnetServer server;
        private final List<RawClient> clients = new CopyOnWriteArrayList<>();

        TelnetDoor(Consumer<ServerConfig.Builder<?>> limits) throws IOException {
            TelnetServerConfig.Builder builder = TelnetServer.builder().handler(() -> new DemoHandler(true))
                    .port(0).negotiationWait(Duration.ofMillis(100)).threadNamePrefix("same-limits-telnet-");
            limits.accept(builder);
            server = builder.start();
        }

        @Override
        public Visitor visit() throws IOException {
            RawClient client = new RawClient(server.localAddress());
            clients.add(client);
            String seen = client.awaitAny("Username: ", "try again later.");
            String outcome = seen.endsWith("Username: ") ? ADMITTED : REFUSED;
            return new Visitor() {
                @Override
                public String outcome() {
                    return outcome;
                }

                @Override
                public void logIn() throws IOException {
                    client.line(DemoHandler.USER).await("Password: ");
                    client.line(DemoHandler.PASSWORD).await("Telnet Server> ");
                }

                @Override
                public void close() throws IOException {
                    client.close();
                }
            };
        }

        @Override
        public void close() throws IOException {
            for (RawClient client : clients) {
                client.close();
            }
            server.close();
        }
    }

    private static final class SshDoor implements Door {

        private final SshServer server;
        private final SshClient client = SshClient.setUpDefaultClient();

        SshDoor(Consumer<ServerConfig.Builder<?>> limits, Path hostKey) throws IOException {
            SshServerConfig.Builder builder = SshServerConfig.builder().handler(() -> new DemoHandler(true))
                    .port(0).hostKey(hostKey).passwords(DemoHandler.LOGINS).threadNamePrefix("same-limits-ssh-");
            limits.accept(builder);
            server = builder.start();
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
        }

        @Override
        public Visitor visit() throws IOException {
            ClientSession session = client.connect(DemoHandler.USER, "127.0.0.1", server.port()).verify(WAIT)
                    .getSession();
            Set<ClientSessionEvent> events = session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH,
                    ClientSessionEvent.CLOSED), WAIT);
            String outcome = events.contains(ClientSessionEvent.CLOSED) ? REFUSED : ADMITTED;
            return new Visitor() {
                @Override
                public String outcome() {
                    return outcome;
                }

                @Override
                public void logIn() throws IOException {
                    session.addPasswordIdentity(DemoHandler.PASSWORD);
                    session.auth().verify(WAIT);
                }

                @Override
                public void close() throws IOException {
                    session.close(true);
                }
            };
        }

        @Override
        public void close() {
            client.stop();
            server.close();
        }
    }
}
