package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public keys from authorized_keys files as OpenSSH users expect them: bound to one user, within their options
 * ({@code from=}, {@code expiry-time=}, {@code command=}, {@code no-pty}, {@code restrict}, {@code pty}), and a line
 * with an option the server does not support fails the start.
 */
class SshAuthorizedKeysTest {

    /** The line of the report: every option in it forbids this login. */
    private static final String RESTRICTED = "from=\"10.9.9.9\",expiry-time=\"20000101\",command=\"false\",no-pty,"
            + "restrict ";

    @TempDir
    Path dir;

    private SshServer server;
    private SshTestClient client;
    private final KeyPair alice = newKey();
    private final KeyPair bob = newKey();

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

    private void start(Consumer<SshServerConfig.Builder> settings) throws IOException {
        SshServerConfig.Builder builder = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .hostKey(dir.resolve("hostkey"));
        settings.accept(builder);
        server = builder.start();
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(String options, KeyPair key) {
        return options + PublicKeyEntry.toString(key.getPublic()) + " someone@example\n";
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private String exec(String user, KeyPair key, String command) throws IOException {
        return SshTestClient.exec(client.login(server.port(), user, key), command).output();
    }

    @Test
    void aUsersFileLetsItsKeysInAsThatUserOnly() throws Exception {
        Path keys = file("alice_keys", "# alice's keys\n" + line("", alice));
        start(b -> b.authorizedKeys("alice", keys));
        assertTrue(exec("alice", alice, "whoami").startsWith("user=alice "));
        assertThrows(IOException.class, () -> client.login(server.port(), "root", alice), "not as another user");
        assertThrows(IOException.class, () -> client.login(server.port(), "alice", bob), "not another key");
    }

    @Test
    void aKeyDirectoryBindsEachFileToTheUserItIsNamedAfter() throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        file("keys/alice", line("", alice));
        start(b -> b.authorizedKeysDirectory(keys));
        assertTrue(exec("alice", alice, "whoami").startsWith("user=alice "));
        assertThrows(IOException.class, () -> client.login(server.port(), "bob", alice));
        assertThrows(IOException.class, () -> client.login(server.port(), "keys/../keys/alice", alice),
                "a user name that is a path has no file");
        assertThrows(IOException.class, () -> client.login(server.port(), "bob", bob), "no file for bob yet");
        file("keys/bob", line("", bob)); // a file added while the server runs
        assertTrue(exec("bob", bob, "whoami").startsWith("user=bob "));
    }

    @Test
    void theReportedRestrictedLineDoesNotLetItsKeyIn() throws Exception {
        Path keys = file("root_keys", line(RESTRICTED, alice));
        start(b -> b.authorizedKeys("root", keys));
        assertThrows(IOException.class, () -> client.login(server.port(), "root", alice));
        assertEquals(0, SshTestHandler.record.starts.get());
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedFileOfAnyUserAppliesItsOptionsToo() throws Exception {
        Path keys = file("authorized_keys", line(RESTRICTED, alice) + line("from=\"127.0.0.1\" ", bob));
        start(b -> b.authorizedKeys(keys));
        assertThrows(IOException.class, () -> client.login(server.port(), "root", alice));
        assertTrue(exec("anyone", bob, "whoami").startsWith("user=anyone "));
    }

    @Test
    void fromPatternsAreMatchedAgainstTheClientsAddress() throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        file("keys/wild", line("from=\"127.0.0.*\" ", alice));
        file("keys/cidr", line("from=\"10.0.0.0/8,::1\" ", alice));
        file("keys/negated", line("from=\"127.0.0.0/8,!127.0.0.1\" ", alice));
        file("keys/either", line("from=\"!10.1.2.3,192.168.0.0/16,127.0.0.1\" ", alice));
        start(b -> b.authorizedKeysDirectory(keys));
        assertTrue(exec("wild", alice, "whoami").startsWith("user=wild "));
        assertThrows(IOException.class, () -> client.login(server.port(), "cidr", alice));
        assertThrows(IOException.class, () -> client.login(server.port(), "negated", alice));
        assertTrue(exec("either", alice, "whoami").startsWith("user=either "));
    }

    @Test
    void anExpiredKeyIsRefusedAndOneNotYetExpiredLetsIn() throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        file("keys/old", line("expiry-time=\"20000101\" ", alice));
        file("keys/utc", line("expiry-time=\"200001010000Z\" ", alice));
        file("keys/current", line("expiry-time=\"29991231235959\" ", alice));
        start(b -> b.authorizedKeysDirectory(keys));
        assertThrows(IOException.class, () -> client.login(server.port(), "old", alice));
        assertThrows(IOException.class, () -> client.login(server.port(), "utc", alice));
        assertTrue(exec("current", alice, "whoami").startsWith("user=current "));
    }

    @Test
    void aForcedCommandRunsInsteadOfTheClientsWithTheOriginalLineInTheEnvironment() throws Exception {
        Path keys = file("keys", line("command=\"env SSH_ORIGINAL_COMMAND\",no-pty ", alice));
        start(b -> b.authorizedKeys("alice", keys));
        SshTestClient.Exec exec = SshTestClient.exec(client.login(server.port(), "alice", alice), "status 3");
        assertEquals("SSH_ORIGINAL_COMMAND=status 3\n", exec.output());
        assertEquals(0, exec.status(), "the forced command's status, not the one asked for");

        ClientSession session = client.login(server.port(), "alice", alice);
        try (SshTestClient.Shell shell = SshTestClient.shell(session, true, 80, 24)) {
            assertEquals(0, shell.awaitClosed(), "a shell runs the forced command, then ends");
            assertEquals("SSH_ORIGINAL_COMMAND=null\n", shell.text(), "no prompt, no welcome; nothing asked");
        }
    }

    @Test
    void aClientCannotSetTheOriginalCommandItself() throws Exception {
        Path keys = file("keys", line("", alice));
        start(b -> b.authorizedKeys("alice", keys));
        ClientSession session = client.login(server.port(), "alice", alice);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (org.apache.sshd.client.channel.ChannelExec channel = session.createExecChannel(
                "env SSH_ORIGINAL_COMMAND")) {
            channel.setEnv("SSH_ORIGINAL_COMMAND", "rm -rf /");
            channel.setOut(out);
            channel.open().verify(SshTestClient.WAIT);
            channel.waitFor(java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.CLOSED),
                    SshTestClient.WAIT);
        }
        assertEquals("SSH_ORIGINAL_COMMAND=null\n", out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void noPtyAndRestrictRefuseAPtyAndPtyAfterRestrictAllowsOne() throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        file("keys/nopty", line("no-pty ", alice));
        file("keys/restricted", line("restrict ", alice));
        file("keys/again", line("restrict,pty ", alice));
        file("keys/plain", line("", alice));
        start(b -> b.authorizedKeysDirectory(keys));
        assertEquals("false", terminalOf("nopty"));
        assertEquals("false", terminalOf("restricted"));
        assertEquals("true", terminalOf("again"));
        assertEquals("true", terminalOf("plain"));
    }

    /** Whether a shell that asked for a PTY got one: the handler's {@code isTerminal()}. */
    private String terminalOf(String user) throws Exception {
        ClientSession session = client.login(server.port(), user, alice);
        try (SshTestClient.Shell shell = SshTestClient.shell(session, true, 80, 24)) {
            shell.await("ssh> ");
            shell.type("whoami\n");
            String text = shell.await("ssh> ", 2); // the prompt after whoami: its line is whole
            for (String answer : new String[] {"true", "false"}) {
                if (text.contains("terminal=" + answer)) {
                    return answer;
                }
            }
            throw new AssertionError("no whoami line: " + text);
        }
    }

    @Test
    void aLineWithAnOptionTheServerDoesNotSupportFailsTheStartNamingTheFileTheLineAndTheOption() throws Exception {
        Path keys = file("keys", "# keys\n" + line("", alice) + line("environment=\"PATH=/tmp\" ", bob));
        IOException e = assertThrows(IOException.class, () -> start(b -> b.authorizedKeys("alice", keys)));
        assertTrue(e.getMessage().contains(keys.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("environment"), e.getMessage());

        Path dirKeys = Files.createDirectory(dir.resolve("keydir"));
        Path bad = file("keydir/carol", line("permitopen=\"host:22\" ", bob));
        e = assertThrows(IOException.class, () -> start(b -> b.authorizedKeysDirectory(dirKeys)));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("line 1")
                && e.getMessage().contains("permitopen"), e.getMessage());
    }

    @Test
    void aLineThatGoesBadWhileTheServerRunsIsSkippedAndTheOthersStillWork() throws Exception {
        Path keys = file("keys", line("", alice));
        start(b -> b.authorizedKeys("alice", keys));
        assertTrue(exec("alice", alice, "whoami").startsWith("user=alice "));
        Files.writeString(keys, line("tunnel=\"1\" ", alice) + line("", bob));
        Files.setLastModifiedTime(keys,
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThrows(IOException.class, () -> client.login(server.port(), "alice", alice), "the bad line is skipped");
        assertTrue(exec("alice", bob, "whoami").startsWith("user=alice "));
    }
}
