package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.CommandDeclarationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A handler class that cannot be registered fails the server's start, with the registration's message. */
class StartChecksTest {

    /** Its command has no help text: a declaration mistake. */
    public static class NoHelpHandler extends TelnetHandler {
        @Command("broken")
        void broken(List<String> params) {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aWronglyDeclaredCommandFailsTheStartNamingTheMethod(String runtime) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CommandDeclarationException thrown = assertThrows(CommandDeclarationException.class,
                () -> TelnetServer.builder().handler(NoHelpHandler::new).port(port).runtime(runtime).start());
        assertTrue(thrown.getMessage().contains("NoHelpHandler.broken(List)"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("no help text"), thrown.getMessage());
        // Nothing was left listening: the port can be bound again at once.
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    void aFactoryReturningNullFailsTheStart(String runtime) {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> TelnetServer.builder().handler(() -> null).port(0).runtime(runtime).start());
        assertTrue(thrown.getMessage().contains("returned null"), thrown.getMessage());
    }
}
