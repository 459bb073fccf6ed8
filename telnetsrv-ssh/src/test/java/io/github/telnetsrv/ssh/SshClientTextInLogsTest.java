package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An SSH exec request's command line is whatever bytes the client chose, escape sequences included: what the
 * session logs of it is escaped (the usage error that quotes the bad word is logged at DEBUG, as
 * {@code simplelogger.properties} of these tests enables).
 */
class SshClientTextInLogsTest {

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
    void anEscapeSequenceInAnExecCommandLineIsLoggedEscaped(String runtime) throws Exception {
        server = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .runtime(runtime)
                .threadNamePrefix("sshlog-")
                .hostKey(dir.resolve("hostkey"))
                .passwords((user, password) -> "admin".equals(user) && "secret".equals(password))
                .start();
        String word = "\u001b[2J\u001b]0;pwned\u0007";
        try (LogCapture log = new LogCapture(); SshTestClient client = new SshTestClient()) {
            SshTestClient.Exec exec = SshTestClient.exec(client.login(server.port(), "admin", "secret"),
                    "repeat --times '" + word + "' x");
            assertEquals(2, exec.status(), "expected a usage error; output: " + exec.output());
            String line = log.awaitLine("command repeat: ");
            assertTrue(line.contains("got '\\e[2J\\e]0;pwned\\u0007'"), "expected the word escaped, logged: " + line);
            assertFalse(log.text().contains("\u001b"), "expected no raw ESC in the log:\n" + log.text());
        }
    }
}
