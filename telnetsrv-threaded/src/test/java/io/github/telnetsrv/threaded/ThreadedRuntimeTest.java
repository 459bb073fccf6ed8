package io.github.telnetsrv.threaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * With only this runtime on the class path, the builder finds it. (The integration suite in telnetsrv-examples
 * runs every behaviour against both runtimes.)
 */
class ThreadedRuntimeTest {

    static class Plain extends TelnetHandler {
    }

    @Test
    void theBuilderFindsThisRuntimeWhenItIsTheOnlyOneOnTheClassPath() throws IOException {
        try (TelnetServer server = TelnetServer.builder().handler(Plain::new).port(0).start()) {
            assertInstanceOf(ThreadedTelnetServer.class, server);
            assertEquals("threaded", server.runtime());
            try (Socket socket = new Socket(server.localAddress().getAddress(), server.port())) {
                socket.setSoTimeout(10_000);
                assertEquals(255, socket.getInputStream().read(), "the session opens with a Telnet IAC");
            }
        }
    }
}
