package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host key: generated once, read back the same, never overwritten (not even by a server starting at the same
 * time), refused when others may read it, and clear about a bad file.
 */
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
    void serversStartingAtOnceOnAMissingFileAllUseTheOneKeySaved() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 60; round++) {
                Path file = dir.resolve("race-" + round).resolve("hostkey");
                CyclicBarrier start = new CyclicBarrier(racers);
                List<Future<String>> keys = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    keys.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return KeyUtils.getFingerPrint(HostKeys.loadOrCreate(file).get(0).getPublic());
                    }));
                }
                String saved = null;
                for (Future<String> key : keys) {
                    String used = key.get(30, TimeUnit.SECONDS);
                    if (saved == null) {
                        saved = KeyUtils.getFingerPrint(HostKeys.load(file).get(0).getPublic());
                    }
                    assertEquals(saved, used, "round " + round + ": a server uses a key that is not the one saved");
                }
                try (var files = Files.list(file.getParent())) {
                    assertEquals(List.of(file), files.toList(), "no temporary file left");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedNamingTheFixAndAnOwnerOnlyOneIsUsed() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path file = dir.resolve("hostkey");
        String fingerprint = KeyUtils.getFingerPrint(HostKeys.loadOrCreate(file).get(0).getPublic());
        for (String loose : List.of("rw-r--r--", "rw-r-----", "rw-----w-", "rwx---r-x")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(loose));
            IOException e = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(file), loose);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
            assertTrue(e.getMessage().contains(loose), e.getMessage());
        }
        for (String strict : List.of("rw-------", "r--------")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(strict));
            assertEquals(fingerprint, KeyUtils.getFingerPrint(HostKeys.loadOrCreate(file).get(0).getPublic()));
        }
    }

    /** Writes a file only its owner may read (a key file's permissions), where the file system has them. */
    private static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aFileThatHoldsNoKeyFailsNamingItAndIsLeftAlone() throws Exception {
        Path file = dir.resolve("hostkey");
        writePrivate(file, "this is my shopping list\n");
        IOException e = assertThrows(IOException.class, () -> HostKeys.loadOrCreate(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        assertEquals("this is my shopping list\n", Files.readString(file), "never overwritten");
    }

    @Test
    void aPublicKeyOrAnEmptyFileIsNotAHostKey() throws Exception {
        Path empty = dir.resolve("empty");
        writePrivate(empty, "");
        assertThrows(IOException.class, () -> HostKeys.loadOrCreate(empty));
        Path pub = dir.resolve("key.pub");
        KeyPair pair = HostKeys.loadOrCreate(dir.resolve("real")).get(0);
        writePrivate(pub, org.apache.sshd.common.config.keys.PublicKeyEntry.toString(pair.getPublic()) + "\n");
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
        writePrivate(file, "garbage");
        IOException e = assertThrows(IOException.class, () -> SshServerConfig.builder()
                .handler(SshTestHandler::new).port(0).hostKey(file).start());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> SshServerConfig.builder().handler(SshTestHandler::new).build());
        assertTrue(none.getMessage().contains("host key"), none.getMessage());
    }
}
