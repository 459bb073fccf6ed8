package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host key: generated once, read back the same, never overwritten, and clear about a bad file. */
class HostKeysTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileGetsANewKeyThatLaterStartsReadBack() throws Exception {
        Path file = dir.resolve("keys/hostkey");
        List<KeyPair> first = HostKeys.loadOrCreate(file);
        assertTrue(Files.readString(file).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file), "a private key only its owner reads");
        List<KeyPair> again = HostKeys.loadOrCreate(file);
        assertEquals(1, again.size());
        assertEquals(KeyUtils.getFingerPrint(first.get(0).getPublic()), KeyUtils.getFingerPrint(again.get(0).getPublic()));
        assertEquals("EC", again.get(0).getPublic().getAlgorithm());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aFileThatHoldsNoKeyFailsNamingItAndIsLeftAlone() throws Exception {
        Path file = dir.resolve("hostkey");
        Files.writeString(file, "this is my shopping list\n");
        IOException e = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        assertEquals("this is my shopping list\n", Files.readString(file), "never overwritten");
    }

    @Test
    void aPublicKeyOrAnEmptyFileIsNotAHostKey() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "");
        assertThrows(IOException.class, () -> HostKeys.loadOrCreate(empty));
        Path pub = dir.resolve("key.pub");
        KeyPair pair = HostKeys.loadOrCreate(dir.resolve("real")).get(0);
        Files.writeString(pub, org.apache.sshd.common.config.keys.PublicKeyEntry.toString(pair.getPublic()) + "\n");
        IOException e = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(pub));
        assertTrue(e.getMessage().contains(pub.toString()), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAHostKey() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(sub));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void theServerShowsTheSameFingerprintAfterARestart() throws Exception {
        Path file = dir.resolve("hostkey");
        String before;
        try (SshServer server = SshServerConfig.builder().handler(SshTestHandler::new).port(0).hostKey(file)
                .start()) {
            before = server.hostKeyFingerprint();
        }
        try (SshServer server = SshServerConfig.builder().handler(SshTestHandler::new).port(0).hostKey(file)
                .start()) {
            assertEquals(before, server.hostKeyFingerprint());
            assertTrue(before.startsWith("SHA256:"), before);
        }
    }

    @Test
    void aServerWithABadHostKeyDoesNotStart() throws Exception {
        Path file = dir.resolve("hostkey");
        Files.writeString(file, "garbage");
        IOException e = assertThrows(IOException.class, () -> SshServerConfig.builder()
                .handler(SshTestHandler::new).port(0).hostKey(file).start());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> SshServerConfig.builder().handler(SshTestHandler::new).build());
        assertTrue(none.getMessage().contains("host key"), none.getMessage());
    }
}
