package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that do not speak SSH, or stop half way: each is cut within a bound, and a real client is served
 * meanwhile.
 */
class SshHostileClientTest {

    @TempDir
    Path dir;

    private SshServer server;
    private SshTestClient client;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        SshTestHandler.record = new SshTestHandler.Record();
        client = new SshTestClient();
        server = SshServerConfig.builder()
                .handler(SshTestHandler::new)
                .port(0)
                .hostKey(dir.resolve("hostkey"))
                .loginTimeout(Duration.ofSeconds(2))
                .passwords((user, password) -> "secret".equals(password))
                .start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        client.close();
        server.close();
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(8_000);
        sockets.add(socket);
        return socket;
    }

    @Test
    void garbageInsteadOfAnIdentificationIsCutAndTheServerGoesOn() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        for (int i = 0; i < 5; i++) {
            Socket socket = open();
            try {
                socket.getOutputStream().write(junk);
            } catch (IOException e) {
                // Cut while still sending: what the test wants.
            }
            assertClosedByServer(socket);
        }
        assertEquals("user=admin term=null size=0x0 terminal=false\n",
                SshTestClient.exec(client.login(server.port(), "admin", "secret"), "whoami").output());
    }

    @Test
    void aClientThatNeverLogsInIsCutAtTheLoginDeadline() throws Exception {
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket socket = open();
            socket.getOutputStream().write("SSH-2.0-Silent_1.0\r\n".getBytes(StandardCharsets.US_ASCII));
            silent.add(socket);
        }
        // Meanwhile a real client is served.
        assertEquals(0, SshTestClient.exec(client.login(server.port(), "admin", "secret"), "echo ok").status());
        long started = System.nanoTime();
        for (Socket socket : silent) {
            assertClosedByServer(socket);
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos(), "cut by the 2 s login deadline");
        assertEquals(1, SshTestHandler.record.starts.get(), "handler code ran for the real client only");
    }

    /** Reads until the server closes the connection (EOF or reset); fails if it is still open after 8 s. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // Discard the server's identification and key exchange.
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (IOException e) {
            // Reset by the server: closed.
        }
    }
}
