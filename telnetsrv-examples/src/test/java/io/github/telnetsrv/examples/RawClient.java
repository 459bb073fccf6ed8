package io.github.telnetsrv.examples;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw socket client: refuses every option the server offers (so the session runs in line mode, without server
 * echo), strips IAC sequences, and waits for expected text with a bounded timeout.
 */
final class RawClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final byte[] buf = new byte[4096];
    private int mark;
    private int state;
    private int verb;
    private boolean eof;

    RawClient(InetSocketAddress address) throws IOException {
        this(connected(address));
    }

    private static Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) TIMEOUT.toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Wraps a connected socket (for example a TLS one). */
    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Sends a line as a line-mode client does: the text, then CR LF. */
    RawClient line(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Waits for {@code expected} after the mark and moves the mark past it; returns what came before it. */
    String await(String expected) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String all = text.toString(StandardCharsets.UTF_8);
            int at = all.indexOf(expected, mark);
            if (at >= 0) {
                String before = all.substring(mark, at);
                mark = at + expected.length();
                return before;
            }
            if (eof) {
                fail("connection closed before " + quote(expected) + "; received: " + quote(all.substring(mark)));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for " + quote(expected) + "; received: " + quote(all.substring(mark)));
            }
            readSome((int) Math.max(1, Duration.ofNanos(left).toMillis()));
        }
    }

    /**
     * Waits for whichever of {@code choices} comes first after the mark and moves the mark past it; returns the
     * text up to and including it.
     */
    String awaitAny(String... choices) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String all = text.toString(StandardCharsets.UTF_8);
            int best = -1;
            String found = null;
            for (String choice : choices) {
                int at = all.indexOf(choice, mark);
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                    found = choice;
                }
            }
            if (found != null) {
                String seen = all.substring(mark, best + found.length());
                mark = best + found.length();
                return seen;
            }
            if (eof) {
                fail("connection closed before any of " + java.util.Arrays.toString(choices) + "; received: "
                        + quote(all.substring(mark)));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for any of " + java.util.Arrays.toString(choices) + "; received: "
                        + quote(all.substring(mark)));
            }
            readSome((int) Math.max(1, Duration.ofNanos(left).toMillis()));
        }
    }

    /** Waits until the server closes the connection; returns the text received after the mark. */
    String awaitClose() throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!eof) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for the server to close; received: "
                        + quote(text.toString(StandardCharsets.UTF_8).substring(mark)));
            }
            readSome((int) Math.max(1, Duration.ofNanos(left).toMillis()));
        }
        String rest = text.toString(StandardCharsets.UTF_8).substring(mark);
        mark = text.size();
        return rest;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readSome(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int n;
        try {
            n = in.read(buf);
        } catch (SocketTimeoutException e) {
            return;
        } catch (IOException e) {
            eof = true; // reset by the server counts as closed
            return;
        }
        if (n < 0) {
            eof = true;
            return;
        }
        for (int i = 0; i < n; i++) {
            decode(buf[i] & 0xFF);
        }
    }

    private void decode(int b) throws IOException {
        switch (state) {
            case 0 -> {
                if (b == IAC) {
                    state = 1;
                } else if (b != 0) {
                    text.write(b);
                }
            }
            case 1 -> {
                switch (b) {
                    case IAC -> {
                        text.write(b);
                        state = 0;
                    }
                    case 251, 252, 253, 254 -> {
                        verb = b;
                        state = 2;
                    }
                    case SB -> state = 3;
                    default -> state = 0;
                }
            }
            case 2 -> {
                // Refuse whatever is offered or asked: DONT for WILL, WONT for DO.
                if (verb == 251 || verb == 253) {
                    out.write(new byte[] {(byte) IAC, (byte) (verb == 251 ? 254 : 252), (byte) b});
                    out.flush();
                }
                state = 0;
            }
            case 3 -> state = b == IAC ? 4 : 3;
            case 4 -> state = b == SE ? 0 : 3;
            default -> throw new AssertionError(state);
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\u001b", "\\e") + "\"";
    }
}
