package io.github.telnetsrv.bench;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DO;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DONT;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WILL;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WONT;
import static io.github.telnetsrv.protocol.TelnetOption.ECHO;
import static io.github.telnetsrv.protocol.TelnetOption.NAWS;
import static io.github.telnetsrv.protocol.TelnetOption.SGA;
import static io.github.telnetsrv.protocol.TelnetOption.TTYPE;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.IS;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.SEND;

import io.github.telnetsrv.bench.load.Target;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The client side of the session benchmarks, over a socket or in-memory streams: reads what the server sends,
 * answering the Telnet negotiation as a character-mode client does (it lets the server echo and suppress go-ahead,
 * reports terminal type XTERM and window size 80x24 when asked, refuses every other option; the same answers as the
 * load harnesses' client), skips terminal escape sequences, and waits for a byte pattern (the prompt, an echoed
 * character). Over SSH the same code reads a shell channel, where no IAC ever comes.
 *
 * <p>Steady state allocates nothing: one read buffer, patterns matched in a small ring. Not thread-safe: one
 * benchmark thread drives it.
 */
final class WireClient implements Closeable {

    /** The prompt every benchmark target shows. */
    static final byte[] PROMPT = ascii(Target.PROMPT);

    private static final int ESC = 0x1B;
    private static final int RING = 64;

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final byte[] buf = new byte[4096];
    private final byte[] reply = new byte[16];
    private final byte[] ring = new byte[RING];
    private int pos;
    private int limit;
    private long received;

    /**
     * A client over a pair of streams.
     *
     * @param in what the server sends
     * @param out what the server reads
     * @param resource closed by {@link #close()}
     */
    WireClient(InputStream in, OutputStream out, Closeable resource) {
        this.in = in;
        this.out = out;
        this.resource = resource;
    }

    /**
     * Connects a Telnet client socket ({@code TCP_NODELAY}, 10 s connect and read timeouts).
     *
     * @param server the server's address
     * @param resetOnClose close with a TCP reset ({@code SO_LINGER} 0), leaving no {@code TIME_WAIT} socket behind;
     *     for a benchmark that opens thousands of connections
     * @return the client, not yet past the prompt
     * @throws IOException if the connection fails
     */
    static WireClient connect(InetSocketAddress server, boolean resetOnClose) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (resetOnClose) {
                socket.setSoLinger(true, 0);
            }
            socket.connect(server, 10_000);
            socket.setSoTimeout(10_000);
            return new WireClient(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends bytes and flushes.
     *
     * @param bytes what to send
     * @throws IOException if the write fails
     */
    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends one byte (a key) and flushes.
     *
     * @param key the byte
     * @throws IOException if the write fails
     */
    void send(int key) throws IOException {
        reply[0] = (byte) key;
        out.write(reply, 0, 1);
        out.flush();
    }

    /** Reads until the prompt. */
    void awaitPrompt() throws IOException {
        await(PROMPT);
    }

    /**
     * Reads until the text received ends with the pattern (Telnet commands and escape sequences left out).
     *
     * @param pattern at most 64 bytes
     * @throws IOException if the server closed the connection, or a read timed out
     */
    void await(byte[] pattern) throws IOException {
        int length = pattern.length;
        while (true) {
            int b = next();
            if (b == IAC) {
                command();
                continue;
            }
            if (b == ESC) {
                escapeSequence();
                continue;
            }
            if (b == 0) {
                continue;
            }
            ring[(int) (received++ & (RING - 1))] = (byte) b;
            if (b == (pattern[length - 1] & 0xFF) && received >= length && endsWith(pattern)) {
                return;
            }
        }
    }

    /**
     * Reads until the server closes the connection.
     *
     * @throws IOException if a read times out
     */
    void awaitEnd() throws IOException {
        pos = limit;
        while (in.read(buf) >= 0) {
            // dropped
        }
    }

    /**
     * Bytes received and not yet read, buffered here or waiting in the stream.
     *
     * @return the count
     * @throws IOException if the stream fails
     */
    int pending() throws IOException {
        return limit - pos + in.available();
    }

    /**
     * What {@link #close()} closes (the socket), for a caller that keeps the connection but drops the client and
     * its buffer.
     *
     * @return the resource
     */
    Closeable resource() {
        return resource;
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    private boolean endsWith(byte[] pattern) {
        long from = received - pattern.length;
        for (int i = 0; i < pattern.length; i++) {
            if (ring[(int) ((from + i) & (RING - 1))] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    private int next() throws IOException {
        if (pos == limit) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            pos = 0;
            limit = n;
        }
        return buf[pos++] & 0xFF;
    }

    private void command() throws IOException {
        int verb = next();
        switch (verb) {
            case WILL, WONT, DO, DONT -> negotiate(verb, next());
            case SB -> subnegotiation();
            default -> {
                // IAC IAC is a data 255, never sent in this exchange; GA, NOP and the rest carry nothing
            }
        }
    }

    private void negotiate(int verb, int option) throws IOException {
        if (verb == WILL) {
            reply(option == ECHO || option == SGA ? DO : DONT, option);
        } else if (verb == DO) {
            boolean agree = option == NAWS || option == TTYPE || option == SGA;
            reply(agree ? WILL : WONT, option);
            if (option == NAWS) {
                out.write(new byte[] {(byte) IAC, (byte) SB, NAWS, 0, 80, 0, 24, (byte) IAC, (byte) SE});
            }
        }
        out.flush();
    }

    private void subnegotiation() throws IOException {
        int option = next();
        int first = next();
        int prev = first;
        for (int b = next(); !(prev == IAC && b == SE); b = next()) {
            prev = b;
        }
        if (option == TTYPE && first == SEND) {
            out.write(new byte[] {(byte) IAC, (byte) SB, TTYPE, IS, 'X', 'T', 'E', 'R', 'M', (byte) IAC, (byte) SE});
            out.flush();
        }
    }

    private void reply(int verb, int option) throws IOException {
        reply[0] = (byte) IAC;
        reply[1] = (byte) verb;
        reply[2] = (byte) option;
        out.write(reply, 0, 3);
    }

    /** Skips an escape sequence after its ESC: CSI ({@code ESC [ ... final}) or ESC and one character. */
    private void escapeSequence() throws IOException {
        if (next() == '[') {
            for (int b = next(); b < 0x40 || b > 0x7E; b = next()) {
                // parameter and intermediate bytes
            }
        }
    }
}
