package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.TelnetHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions over SSH, on each runtime, through MINA SSHD's client: exec channels and their exit statuses, shells
 * with and without a PTY, resize, interrupts, half-close, the session's end whatever ends it.
 */
class SshSessionTest {

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

    private SshServer start(String runtime, Consumer<SshServerConfig.Builder> more) throws Exception {
        SshServerConfig.Builder builder = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .runtime(runtime)
                .threadNamePrefix("sshtest-")
                .hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "admin".equals(user) && "secret".equals(password));
        more.accept(builder);
        server = builder.start();
        return server;
    }

    private ClientSession login() throws Exception {
        return client.login(server.port(), "admin", "secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void anExecRunsItsCommandWithNoWelcomeOrPromptAndExitsWithZero(String runtime) throws Exception {
        start(runtime, b -> { });
        SshTestClient.Exec exec = SshTestClient.exec(login(), "echo hi   there");
        assertEquals("hi there\n", exec.output());
        assertEquals(0, exec.status());
        assertTrue(SshTestHandler.record.ended.await(5, TimeUnit.SECONDS));
        assertEquals(1, SshTestHandler.record.starts.get(), "sessionStart runs for an exec too");
        assertEquals(1, SshTestHandler.record.ends.get());
        assertEquals(runtime, server.runtime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void anExecReportsTheDocumentedExitStatuses(String runtime) throws Exception {
        start(runtime, b -> { });
        ClientSession session = login();
        SshTestClient.Exec unknown = SshTestClient.exec(session, "nosuch thing");
        assertEquals(TelnetHandler.EXIT_UNKNOWN_COMMAND, unknown.status());
        assertTrue(unknown.error().contains("Unknown command 'NOSUCH'"), unknown.error());
        assertEquals(TelnetHandler.EXIT_FAILED, SshTestClient.exec(session, "fail").status());
        SshTestClient.Exec open = SshTestClient.exec(session, "echo \"unterminated");
        assertEquals(TelnetHandler.EXIT_USAGE, open.status());
        assertTrue(open.error().startsWith("Incomplete command line"), open.error());
        SshTestClient.Exec usage = SshTestClient.exec(session, "repeat --times x hi");
        assertEquals(TelnetHandler.EXIT_USAGE, usage.status(), "a typed command's bad argument");
        assertEquals("repeat: --times: expected an integer, got 'x'\nUsage: repeat [--times N] WORD\n",
                usage.error());
        assertEquals("hi\nhi\n", SshTestClient.exec(session, "repeat hi --times 2").output());
        SshTestClient.Exec set = SshTestClient.exec(session, "status 42");
        assertEquals("status set\n", set.output());
        assertEquals(42, set.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void withoutATerminalErrorLinesGoToStderrAndTheOutputToStdout(String runtime) throws Exception {
        start(runtime, b -> { });
        ClientSession session = login();
        SshTestClient.Exec unknown = SshTestClient.exec(session, "badcommand");
        assertEquals("", unknown.output(), "ssh host badcommand 2>/dev/null shows nothing");
        assertEquals("Unknown command 'BADCOMMAND'\n", unknown.error());
        assertEquals(TelnetHandler.EXIT_UNKNOWN_COMMAND, unknown.status());
        SshTestClient.Exec mixed = SshTestClient.exec(session, "mixed");
        assertEquals("out 1\nout 2\n", mixed.output());
        assertEquals("err 1\n", mixed.error());

        try (ChannelShell channel = session.createShellChannel()) { // ssh -T: no PTY
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setUsePty(false);
            channel.setIn(new ByteArrayInputStream("echo one\nbadcommand\nrepeat --times x hi\necho two\n"
                    .getBytes(StandardCharsets.UTF_8)));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(SshTestClient.WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
            String output = out.toString(StandardCharsets.UTF_8);
            assertTrue(output.contains("one\n") && output.indexOf("one\n") < output.indexOf("two\n"), output);
            assertFalse(output.contains("BADCOMMAND") || output.contains("Usage"), "no error on stdout: " + output);
            assertEquals("Unknown command 'BADCOMMAND'\nrepeat: --times: expected an integer, got 'x'\n"
                    + "Usage: repeat [--times N] WORD\n", err.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void onATerminalErrorLinesComeInlineInOrder(String runtime) throws Exception {
        start(runtime, b -> { });
        try (SshTestClient.Shell shell = SshTestClient.shell(login(), true, 80, 24)) {
            shell.await("ssh> ");
            shell.type("mixed\r");
            shell.await("out 1\r\nerr 1\r\nout 2\r\nssh> ");
            shell.type("badcommand\r");
            shell.await("Unknown command 'BADCOMMAND'\r\nssh> ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void theSessionKnowsTheSshUserAndAsksForNoLoginThoughTheHandlerHasAnAuthenticator(String runtime)
            throws Exception {
        start(runtime, b -> { });
        SshTestClient.Exec exec = SshTestClient.exec(login(), "whoami");
        assertEquals("user=admin term=null size=0x0 terminal=false\n", exec.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aShellWithAPtyEchoesEditsAndFollowsTheWindowSize(String runtime) throws Exception {
        start(runtime, b -> { });
        try (SshTestClient.Shell shell = SshTestClient.shell(login(), true, 100, 30)) {
            shell.await("Welcome over SSH\r\nssh> ");
            shell.type("whoam");
            shell.await("ssh> whoam");
            shell.type("x\u007fi\r"); // a typo, erased with DEL
            String out = shell.await("user=admin term=xterm-256color size=100x30 terminal=true\r\n");
            assertFalse(out.contains("whoamiwhoami"), "typed text is echoed once: " + out);
            shell.resize(80, 24);
            shell.type("whoami\r");
            shell.await("size=80x24");
            shell.type("echo a\r");
            shell.await("a\r\nssh> ");
            shell.type("\u001b[A\r"); // Up recalls "echo a"
            shell.await("a\r\nssh> ", 2);
            shell.type("bye\r");
            assertEquals(0, shell.awaitClosed());
        }
        assertTrue(SshTestHandler.record.ended.await(5, TimeUnit.SECONDS));
        assertEquals(1, SshTestHandler.record.ends.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void ctrlCAndABreakRequestInterruptTheRunningCommand(String runtime) throws Exception {
        start(runtime, b -> { });
        try (SshTestClient.Shell shell = SshTestClient.shell(login(), true, 80, 24)) {
            shell.await("ssh> ");
            shell.type("block\r");
            assertTrue(SshTestHandler.record.waiting.await(5, TimeUnit.SECONDS));
            shell.type("\u0003");
            shell.await("interrupted\r\n");
            shell.await("ssh> ", 2);
            SshTestHandler.record.waiting = new java.util.concurrent.CountDownLatch(1);
            shell.type("block\r");
            assertTrue(SshTestHandler.record.waiting.await(5, TimeUnit.SECONDS));
            shell.sendBreak();
            shell.await("interrupted\r\n", 2);
            assertEquals(List.of("interrupted", "interrupted"), List.copyOf(SshTestHandler.record.events));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aShellWithoutAPtyRunsThePipedLinesWithoutEchoThenEndsAtEof(String runtime) throws Exception {
        start(runtime, b -> { });
        try (SshTestClient.Shell shell = SshTestClient.shell(login(), false, 0, 0)) {
            shell.type("echo one\nwhoami\r\npause 200\necho last\n");
            shell.endInput();
            assertEquals(0, shell.awaitClosed());
            String out = shell.text();
            assertTrue(out.contains("ssh> one\n"), out);
            assertTrue(out.contains("user=admin term=null size=0x0 terminal=false\n"), out);
            assertTrue(out.contains("done after pause\nssh> last\n"), "the command running at EOF finished: " + out);
            assertFalse(out.contains("\r"), "plain LF line ends: " + out);
            assertFalse(out.contains("echo one"), "no echo: " + out);
        }
        assertTrue(SshTestHandler.record.ended.await(5, TimeUnit.SECONDS));
        assertEquals(1, SshTestHandler.record.ends.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void anExecWhoseInputEndsAtOnceStillRunsToTheEndAndReadsWhatWasSent(String runtime) throws Exception {
        start(runtime, b -> { });
        ClientSession session = login();
        try (ChannelExec channel = session.createExecChannel("pause 300")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setIn(new ByteArrayInputStream(new byte[0])); // EOF at once
            channel.setOut(out);
            channel.open().verify(SshTestClient.WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
            assertEquals("done after pause\n", out.toString(StandardCharsets.UTF_8));
            assertEquals(0, channel.getExitStatus());
        }
        try (ChannelExec channel = session.createExecChannel("ask")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setIn(new ByteArrayInputStream("forty two\n".getBytes(StandardCharsets.UTF_8)));
            channel.setOut(out);
            channel.open().verify(SshTestClient.WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
            assertEquals("answer? got forty two\n", out.toString(StandardCharsets.UTF_8));
            assertEquals(0, channel.getExitStatus());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void theExitStatusAHandlerSetsIsTheShellsToo(String runtime) throws Exception {
        start(runtime, b -> { });
        try (SshTestClient.Shell shell = SshTestClient.shell(login(), true, 80, 24)) {
            shell.await("ssh> ");
            shell.type("status 5\r");
            shell.await("status set");
            shell.type("bye\r");
            assertEquals(5, shell.awaitClosed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aClientThatDisconnectsEndsItsSessionAndInterruptsTheCommand(String runtime) throws Exception {
        start(runtime, b -> { });
        ClientSession session = login();
        SshTestClient.Shell shell = SshTestClient.shell(session, true, 80, 24);
        shell.await("ssh> ");
        shell.type("block\r");
        assertTrue(SshTestHandler.record.waiting.await(5, TimeUnit.SECONDS));
        session.close(true);
        assertTrue(SshTestHandler.record.ended.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("interrupted"), List.copyOf(SshTestHandler.record.events));
        awaitNoSessions();
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aClientThatStopsReadingIsDroppedAfterTheWriteTimeout(String runtime) throws Exception {
        start(runtime, b -> b.writeTimeout(Duration.ofSeconds(1)));
        ClientSession session = login();
        ChannelShell channel = session.createShellChannel();
        channel.setUsePty(true);
        channel.open().verify(SshTestClient.WAIT);
        // Never read: the client's window closes and the server's writes wait for space.
        channel.getInvertedIn().write("flood 20000\r".getBytes(StandardCharsets.UTF_8));
        channel.getInvertedIn().flush();
        long started = System.nanoTime();
        assertTrue(SshTestHandler.record.ended.await(15, TimeUnit.SECONDS), "the session ended");
        awaitNoSessions();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(15));
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SshTestClient.WAIT);
        assertTrue(channel.isClosed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void closeEndsEverySessionAndLeavesNoThreadBehind(String runtime) throws Exception {
        start(runtime, b -> { });
        ClientSession session = login();
        List<SshTestClient.Shell> shells = List.of(SshTestClient.shell(session, true, 80, 24),
                SshTestClient.shell(session, false, 0, 0), SshTestClient.shell(login(), true, 80, 24));
        for (SshTestClient.Shell shell : shells) {
            shell.await("ssh> ");
        }
        assertEquals(3, server.sessionCount());
        assertEquals(3, server.sessions().size());
        assertEquals(3, server.broadcast("maintenance"));
        for (SshTestClient.Shell shell : shells) {
            shell.await("maintenance");
        }
        server.close();
        assertEquals(3, SshTestHandler.record.ends.get());
        assertEquals(0, server.sessionCount());
        for (SshTestClient.Shell shell : shells) {
            shell.awaitClosed(); // fails unless the client saw the channel closed
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("sshtest-")).toList();
        assertEquals(List.of(), left, "threads of the closed server");
        server.close(); // idempotent
    }

    private void awaitNoSessions() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.sessionCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sessions still open: " + server.sessions());
            }
            Thread.sleep(10); // polling a count with a deadline; nothing signals it
        }
    }
}
