package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server settings: defaults, checked setters, and the runtime lookup with no runtime on the class path. */
class TelnetServerConfigTest {

    static class Plain extends TelnetHandler {
    }

    @Test
    void theDefaultsListenOnLoopbackPort8023() {
        TelnetServerConfig config = TelnetServer.builder().handler(Plain::new).build();
        assertEquals(InetAddress.getLoopbackAddress(), config.bindAddress());
        assertEquals(8023, config.port());
        assertEquals("telnetsrv-", config.threadNamePrefix());
        assertEquals(SessionConfig.defaults().idleTimeout(), config.session().idleTimeout());
    }

    @Test
    void sessionSettingsSetOnTheServerBuilderReachTheSessions() {
        TelnetServerConfig config = TelnetServer.builder().handler(Plain::new)
                .idleTimeout(Duration.ofMinutes(5)).loginTimeout(Duration.ofSeconds(20)).maxLoginAttempts(5)
                .maxLineLength(100).writeTimeout(Duration.ofSeconds(3)).build();
        assertEquals(Duration.ofMinutes(5), config.session().idleTimeout());
        assertEquals(Duration.ofSeconds(20), config.session().loginTimeout());
        assertEquals(5, config.session().maxLoginAttempts());
        assertEquals(100, config.session().maxLineLength());
        assertEquals(Duration.ofSeconds(3), config.session().writeTimeout());
    }

    @Test
    void aServerWithoutAHandlerIsRefusedWithAMessageSayingWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TelnetServer.builder().build());
        assertTrue(e.getMessage().contains("handler(MyHandler::new)"), e.getMessage());
    }

    @Test
    void outOfRangeSettingsAreRefusedAtOnceNamingTheSetting() {
        TelnetServerConfig.Builder builder = TelnetServer.builder();
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> builder.port(70000));
        assertTrue(port.getMessage().startsWith("port: 70000"), port.getMessage());
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class, () -> builder.maxSessions(0));
        assertTrue(max.getMessage().startsWith("maxSessions: 0"), max.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.bindAddress("no such host.invalid"));
    }

    @Test
    void startingWithNoRuntimeOnTheClassPathNamesTheDependenciesToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TelnetServer.builder().handler(Plain::new).port(0).start());
        assertTrue(e.getMessage().contains("telnetsrv-virtual") && e.getMessage().contains("telnetsrv-threaded"),
                e.getMessage());
    }
}
