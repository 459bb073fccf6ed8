package io.github.telnetsrv.threaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadedRuntimeTest {

    static class Echo extends TelnetHandler {
        @Command(value = "echo", help = """
                <text>
                Echo the text.
                """)
        void echo(List<String> params) {
            writeResult(String.join(" ", params));
        }
    }

    @Test
    void theBuilderFindsThisRuntimeWhenItIsTheOnlyOneOnTheClassPath() throws IOException {
        try (TelnetServer server = TelnetServer.builder().handler(Echo::new).port(0).start()) {
            assertInstanceOf(ThreadedTelnetServer.class, server);
            assertEquals("threaded", server.runtime());
            assertEquals("hi\r\n", roundTrip(server, "hi"));
        }
    }

    /** Connects in line mode (refusing every option), runs {@code echo WORD}, returns the answer line. */
    static String roundTrip(TelnetServer server, String word) throws IOException {
        try (Socket socket = new Socket(server.localAddress().getAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            StringBuilder text = new StringBuilder();
            int prompts = 0;
            boolean sent = false;
            while (prompts < 2) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed early: " + text);
                }
                if (b == 255) {
                    int verb = in.read();
                    if (verb >= 251 && verb <= 254) {
                        int option = in.read();
                        if (verb == 251 || verb == 253) {
                            out.write(new byte[] {(byte) 255, (byte) (verb == 251 ? 254 : 252), (byte) option});
                        }
                    } else if (verb == 250) {
                        int prev = 0;
                        for (int c = in.read(); c >= 0 && !(prev == 255 && c == 240); c = in.read()) {
                            prev = c;
                        }
                    }
                    continue; // other commands (GA, NOP) are two bytes
                }
                text.append((char) b);
                if (text.toString().endsWith("Telnet Server> ")) {
                    prompts++;
                    if (!sent) {
                        out.write(("echo " + word + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        sent = true;
                        text.setLength(0);
                    }
                }
            }
            return text.substring(0, text.length() - "Telnet Server> ".length());
        }
    }
}
