package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that stop reading, over SSH: no SSH I/O thread and no caller of {@code broadcast} waits for them, only
 * the stuck channel is dropped, and a session ended from outside exits with a status that says so.
 *
 * <p>A stuck client here is MINA SSHD's client with a channel whose output is never read, so its window is never
 * adjusted: opened with a window exactly as large as what the server sends first, the server's next write to it
 * waits for space that never comes, and no write of the server is in progress before that one.
 */
class SshStuckClientTest {

    /** Far beyond every bound a test puts on a call: a call that returns within that bound did not wait for it. */
    private static final Duration PATIENT = Duration.ofSeconds(30);
    /** The bound on a call that must not wait for a stuck client. */
    private static final long RETURNS_WITHIN = 10;
    /** A line typed on a stuck shell, which fits on one row at 80 columns and wraps at 30. */
    private static final String LINE = "x".repeat(60);

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

    private void start(String runtime, Consumer<SshServerConfig.Builder> more) throws Exception {
        SshServerConfig.Builder builder = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .runtime(runtime)
                .threadNamePrefix("sshstuck-")
                .hostKey(dir.resolve("hostkey"))
                .writeTimeout(PATIENT)
                .passwords((user, password) -> "admin".equals(user) && "secret".equals(password));
        more.accept(builder);
        server = builder.start();
    }

    private ClientSession login() throws IOException {
        return client.login(server.port(), "admin", "secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void windowChangesFromStuckClientsDoNotDelayAnotherClientsConnectAndExec(String runtime) throws Exception {
        start(runtime, b -> { });
        int opening = openingBytes();
        // More stuck clients than the SSH layer has I/O threads (cores + 1): each window change would hold one.
        int stuck = Runtime.getRuntime().availableProcessors() + 2;
        List<ChannelShell> shells = new ArrayList<>();
        for (int i = 0; i < stuck; i++) {
            ChannelShell shell = stuckShell(login(), opening + LINE.length());
            shell.getInvertedIn().write(LINE.getBytes(StandardCharsets.US_ASCII));
            shell.getInvertedIn().flush();
            awaitReceived(shell, opening + LINE.length()); // the echo filled the window
            shells.add(shell);
        }
        for (ChannelShell shell : shells) {
            shell.sendWindowChange(30, 24); // the line wraps now: the session redraws it
            shell.sendWindowChange(80, 24);
        }

        SshTestClient.Exec exec = CompletableFuture.supplyAsync(() -> {
            try {
                return SshTestClient.exec(login(), "echo still served");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(RETURNS_WITHIN, TimeUnit.SECONDS); // a TimeoutException if the I/O threads wait for the stuck ones
        assertEquals("still served\n", exec.output());
        assertEquals(0, exec.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void breakRequestsFromStuckClientsDoNotDelayAnotherClientsExec(String runtime) throws Exception {
        start(runtime, b -> { });
        int opening = openingBytes();
        int stuck = Runtime.getRuntime().availableProcessors() + 2;
        for (int i = 0; i < stuck; i++) {
            ChannelShell shell = stuckShell(login(), opening);
            awaitReceived(shell, opening);
            SshTestClient.sendBreak(shell); // "^C" and a new prompt, which cannot be sent
        }

        SshTestClient.Exec exec = CompletableFuture.supplyAsync(() -> {
            try {
                return SshTestClient.exec(login(), "echo still served");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(RETURNS_WITHIN, TimeUnit.SECONDS);
        assertEquals("still served\n", exec.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void broadcastReturnsAtOnceWithStuckClientsAndReachesTheOthers(String runtime) throws Exception {
        start(runtime, b -> { });
        int opening = openingBytes();
        for (int i = 0; i < 2; i++) {
            awaitReceived(stuckShell(login(), opening), opening);
        }
        try (SshTestClient.Shell reader = SshTestClient.shell(login(), true, 80, 24)) {
            reader.await("ssh> ");
            awaitSessions(3);

            int sent = CompletableFuture.supplyAsync(() -> server.broadcast("maintenance at noon"))
                    .get(RETURNS_WITHIN, TimeUnit.SECONDS); // each stuck client would hold it the write timeout
            assertEquals(3, sent);
            reader.await("maintenance at noon\r\nssh> ");

            for (TelnetSession session : server.sessions()) {
                CompletableFuture.runAsync(() -> session.message("to one")).get(RETURNS_WITHIN, TimeUnit.SECONDS);
            }
            reader.await("to one\r\nssh> ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aChannelDroppedForNotReadingLeavesTheOtherChannelsOfItsConnectionOpen(String runtime) throws Exception {
        start(runtime, b -> b.writeTimeout(Duration.ofSeconds(1)));
        int opening = openingBytes();
        ClientSession connection = login();
        ChannelShell stuck = stuckShell(connection, opening);
        awaitReceived(stuck, opening);
        CoreModuleProperties.WINDOW_SIZE.remove(connection); // the next channel gets the usual window
        try (SshTestClient.Shell other = SshTestClient.shell(connection, true, 80, 24)) {
            other.await("ssh> ");
            stuck.getInvertedIn().write("echo lost\r".getBytes(StandardCharsets.US_ASCII)); // its echo blocks
            stuck.getInvertedIn().flush();

            assertTrue(SshTestHandler.record.ended.await(RETURNS_WITHIN, TimeUnit.SECONDS),
                    "the stuck channel's session ended after the write timeout (1 s)");
            assertTrue(stuck.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT)
                    .contains(ClientChannelEvent.CLOSED), "the stuck channel was closed");
            other.type("echo still here\r");
            other.await("still here\r\nssh> ");
            assertTrue(connection.isOpen(), "the connection goes on");
            awaitSessions(1); // the dropped session leaves the registry once its threads are gone
            assertEquals(1, server.sessionCount());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void anExecEndedByTheServersCloseExitsWithEnded(String runtime) throws Exception {
        start(runtime, b -> { });
        try (ChannelExec exec = login().createExecChannel("block")) {
            exec.setOut(new java.io.ByteArrayOutputStream());
            exec.setErr(new java.io.ByteArrayOutputStream());
            exec.open().verify(SshTestClient.WAIT);
            assertTrue(SshTestHandler.record.waiting.await(RETURNS_WITHIN, TimeUnit.SECONDS));

            server.close();

            exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
            assertEquals(TelnetHandler.EXIT_ENDED, exec.getExitStatus(), "ssh host cmd && next must not go on");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void anExecEndedByTelnetSessionCloseExitsWithEnded(String runtime) throws Exception {
        start(runtime, b -> { });
        try (ChannelExec exec = login().createExecChannel("block")) {
            exec.setOut(new java.io.ByteArrayOutputStream());
            exec.setErr(new java.io.ByteArrayOutputStream());
            exec.open().verify(SshTestClient.WAIT);
            assertTrue(SshTestHandler.record.waiting.await(RETURNS_WITHIN, TimeUnit.SECONDS));

            server.sessions().get(0).close();

            exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
            assertEquals(TelnetHandler.EXIT_ENDED, exec.getExitStatus());
            assertTrue(SshTestHandler.record.ended.await(RETURNS_WITHIN, TimeUnit.SECONDS), "sessionEnd() ran");
        }
    }

    /** How many bytes a shell with a PTY is sent before its first prompt waits for input. */
    private int openingBytes() throws Exception {
        try (SshTestClient.Shell shell = SshTestClient.shell(login(), true, 80, 24)) {
            return shell.await("ssh> ").getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * A shell with a PTY (80x24) on its own connection whose output is never read, opened with a window of
     * {@code window} bytes: once that much came, the server's writes to it wait for a window adjust that never
     * comes.
     */
    private static ChannelShell stuckShell(ClientSession connection, long window) throws IOException {
        CoreModuleProperties.WINDOW_SIZE.set(connection, window);
        ChannelShell channel = connection.createShellChannel();
        channel.setUsePty(true);
        channel.setPtyType("xterm");
        channel.setPtyColumns(80);
        channel.setPtyLines(24);
        channel.open().verify(SshTestClient.WAIT);
        return channel;
    }

    /** Waits until {@code bytes} are there to read, without reading them (the window stays used up). */
    private static void awaitReceived(ChannelShell shell, int bytes) throws IOException {
        InputStream unread = shell.getInvertedOut();
        long deadline = System.nanoTime() + SshTestClient.WAIT.toNanos();
        while (unread.available() < bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stuck client received " + unread.available() + " bytes within "
                        + SshTestClient.WAIT + " (expected: " + bytes + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling with a deadline: nothing signals it
        }
    }

    private void awaitSessions(int count) {
        long deadline = System.nanoTime() + SshTestClient.WAIT.toNanos();
        while (server.sessionCount() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server.sessionCount() + " sessions (expected: " + count + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling with a deadline: nothing signals it
        }
    }
}
