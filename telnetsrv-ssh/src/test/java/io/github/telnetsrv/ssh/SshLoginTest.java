package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.LoginThrottle;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetHandler;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins over SSH: passwords, keys, anonymity, and the limits a Telnet login has. */
class SshLoginTest {

    @TempDir
    Path dir;

    private SshServer server;
    private SshTestClient client;

    /** A handler with no authenticator of its own. */
    public static class PlainHandler extends TelnetHandler {
    }

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

    private SshServer start(Consumer<SshServerConfig.Builder> settings) throws Exception {
        SshServerConfig.Builder builder = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .hostKey(dir.resolve("hostkey"))
                .session(SessionConfig.builder().loginFailureDelay(Duration.ofMillis(10)).build());
        settings.accept(builder);
        server = builder.start();
        return server;
    }

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String whoami(ClientSession session) throws Exception {
        return SshTestClient.exec(session, "whoami").output();
    }

    @Test
    void thePasswordsSetOnTheServerAreCheckedAndAWrongOneIsRefused() throws Exception {
        start(b -> b.passwords((user, password) -> "admin".equals(user) && "secret".equals(password)));
        assertTrue(whoami(client.login(server.port(), "admin", "secret")).startsWith("user=admin "));
        assertThrows(Exception.class, () -> client.login(server.port(), "admin", "wrong"));
        assertThrows(Exception.class, () -> client.login(server.port(), "alice", "wonderland"),
                "the handler's own authenticator is not asked when the server has passwords()");
    }

    @Test
    void withoutPasswordsTheHandlersAuthenticatorChecksThem() throws Exception {
        start(b -> { });
        assertTrue(whoami(client.login(server.port(), "alice", "wonderland")).startsWith("user=alice "));
        assertThrows(Exception.class, () -> client.login(server.port(), "alice", "looking-glass"));
    }

    @Test
    void aKeyOfTheAuthorizedKeysFileLogsInAndAnotherKeyDoesNot() throws Exception {
        KeyPair known = newKey();
        KeyPair stranger = newKey();
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, "# a comment line\n" + PublicKeyEntry.toString(known.getPublic())
                + " someone@example\n");
        start(b -> b.handler(PlainHandler::new).authorizedKeys("bob", authorized));
        assertEquals(0, SshTestClient.exec(client.login(server.port(), "bob", known), "help").status());
        assertThrows(Exception.class, () -> client.login(server.port(), "bob", stranger));
        assertThrows(Exception.class, () -> client.login(server.port(), "bob", "any password"),
                "no password login: neither passwords() nor a handler authenticator");
    }

    @Test
    void aKeyCallbackDecidesPerUser() throws Exception {
        KeyPair key = newKey();
        List<String> asked = new CopyOnWriteArrayList<>();
        start(b -> b.publicKeys((user, offered) -> {
            asked.add(user);
            return "carol".equals(user) && offered.equals(key.getPublic());
        }));
        assertTrue(whoami(client.login(server.port(), "carol", key)).startsWith("user=carol "));
        assertThrows(Exception.class, () -> client.login(server.port(), "dave", key));
        assertTrue(asked.contains("dave"), asked.toString());
    }

    @Test
    void anonymousLoginsAreOnlyAllowedWhenAskedFor() throws Exception {
        start(b -> b.handler(PlainHandler::new).allowAnonymous());
        ClientSession session = client.connect(server.port(), "guest");
        session.auth().verify(SshTestClient.WAIT);
        assertEquals(0, SshTestClient.exec(session, "help").status());
    }

    @Test
    void aServerNobodyCanLogInToDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> start(b -> b.handler(PlainHandler::new)));
        assertTrue(e.getMessage().contains("no way to log in"), e.getMessage());
    }

    @Test
    void failedPasswordsCountAgainstTheSharedAddressBudgetUntilTheAddressIsRefused() throws Exception {
        LoginThrottle throttle = LoginThrottle.builder().maxFailures(3).blockDuration(Duration.ofMinutes(5)).build();
        start(b -> b.passwords((user, password) -> "secret".equals(password))
                .loginThrottle(throttle));
        for (int i = 0; i < 3; i++) {
            assertThrows(Exception.class, () -> client.login(server.port(), "admin", "wrong"));
        }
        assertTrue(throttle.isBlocked(InetAddress.getLoopbackAddress()), throttle.toString());
        assertThrows(Exception.class, () -> client.login(server.port(), "admin", "secret"),
                "a refused address gets no login, even with the right password");
    }

    @Test
    void anAddressATelnetServerRefusesIsRefusedOverSshToo() throws Exception {
        LoginThrottle shared = LoginThrottle.builder().maxFailures(1).build();
        shared.recordFailure(InetAddress.getLoopbackAddress()); // as a Telnet login failure would
        KeyPair key = newKey();
        start(b -> b.passwords((user, password) -> true).publicKeys((user, offered) -> true).loginThrottle(shared));
        assertThrows(Exception.class, () -> client.login(server.port(), "admin", "secret"));
        assertThrows(Exception.class, () -> client.login(server.port(), "admin", key));
    }

    @Test
    void aConnectionIsDisconnectedAfterItsMaxLoginAttempts() throws Exception {
        start(b -> b.passwords((user, password) -> false)
                .session(SessionConfig.builder().maxLoginAttempts(2).loginFailureDelay(Duration.ofMillis(10))
                        .build()));
        ClientSession session = client.connect(server.port(), "admin");
        for (int i = 0; i < 2; i++) {
            session.addPasswordIdentity("wrong" + i);
        }
        session.addPasswordIdentity("still wrong");
        assertThrows(Exception.class, () -> session.auth().verify(SshTestClient.WAIT));
        session.waitFor(java.util.EnumSet.of(org.apache.sshd.client.session.ClientSession.ClientSessionEvent.CLOSED),
                SshTestClient.WAIT);
        assertTrue(session.isClosed(), "disconnected after 2 failures");
    }

    @Test
    void blockingAuthenticatorsHoldNoIoThread() throws Exception {
        // More blocked checks than the SSH layer has I/O threads: were they run on those, nothing would move.
        int blocked = Runtime.getRuntime().availableProcessors() + 2;
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(blocked);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        start(b -> b.passwords((user, password) -> {
            if (user.startsWith("slow")) {
                inside.countDown();
                release.await();
            }
            return "secret".equals(password);
        }));
        List<Thread> slow = new java.util.ArrayList<>();
        for (int i = 0; i < blocked; i++) {
            String user = "slow" + i;
            slow.add(Thread.ofVirtual().start(() -> {
                try {
                    client.login(server.port(), user, "secret");
                } catch (Exception e) {
                    // Ends with the server.
                }
            }));
        }
        try {
            assertTrue(inside.await(10, java.util.concurrent.TimeUnit.SECONDS), "every slow check started");
            assertTrue(whoami(client.login(server.port(), "fast", "secret")).startsWith("user=fast "));
        } finally {
            release.countDown();
            for (Thread thread : slow) {
                thread.join(10_000);
            }
        }
    }

    @Test
    void keysAreCheckedAgainstTheFileAsItChanges() throws Exception {
        KeyPair first = newKey();
        KeyPair second = newKey();
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, PublicKeyEntry.toString(first.getPublic()) + "\n");
        start(b -> b.handler(PlainHandler::new).authorizedKeys("u", authorized));
        assertEquals(0, SshTestClient.exec(client.login(server.port(), "u", first), "help").status());
        Files.writeString(authorized, PublicKeyEntry.toString(second.getPublic()) + "\n");
        Files.setLastModifiedTime(authorized,
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertEquals(0, SshTestClient.exec(client.login(server.port(), "u", second), "help").status());
        assertThrows(Exception.class, () -> client.login(server.port(), "u", first));
    }

    @Test
    void aBrokenAuthorizedKeysFileFailsTheStartNamingIt() throws Exception {
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, "ssh-ed25519 not-base64-at-all!!! someone\n");
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> start(b -> b.authorizedKeys("u", authorized)));
        assertTrue(e.getMessage().contains(authorized.toString()), e.getMessage());
        Path missing = dir.resolve("nope");
        e = assertThrows(java.io.IOException.class, () -> start(b -> b.authorizedKeys("u", missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
