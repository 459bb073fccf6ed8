package io.github.telnetsrv.bench.load;

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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One Telnet client connection of the load harnesses: negotiates like a character-mode client (server echo, SGA,
 * NAWS 80x24, TTYPE XTERM; everything else refused), then sends command lines and reads up to the next prompt.
 */
final class TelnetLoadClient implements LoadClient {

    static final String PROMPT = Target.PROMPT;
    private static final int ESC = 0x1B;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder text = new StringBuilder();

    TelnetLoadClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server, 60_000);
        // Untimed reads (a timed read costs a timer on a virtual thread); the harnesses bound their run time
        // with Deadline instead.
        in = new java.io.BufferedInputStream(socket.getInputStream(), 1024);
        out = socket.getOutputStream();
    }

    /** Reads (answering negotiation) until the prompt; returns the text before it. */
    @Override
    public String awaitPrompt() throws IOException {
        text.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("server closed the connection; received: " + text);
            }
            if (b == IAC) {
                command();
                continue;
            }
            if (b == ESC) {
                // JLine's LineReader switches terminal modes around each line (keypad, bracketed paste); a
                // terminal would act on these and show nothing, so they are not part of the text. telnetsrv
                // sends none in this exchange.
                escapeSequence();
                continue;
            }
            if (b != 0) {
                text.append((char) b);
            }
            if (text.length() >= PROMPT.length() && text.lastIndexOf(PROMPT) == text.length() - PROMPT.length()) {
                return text.substring(0, text.length() - PROMPT.length());
            }
        }
    }

    /** Types a line (CR NUL, as a character-mode client sends Enter). */
    @Override
    public void send(String line) throws IOException {
        out.write((line + "\r\0").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Blocks until the server closes the connection (or this client is closed). */
    @Override
    public void idle() {
        try {
            while (in.read() >= 0) {
                // a session at rest sends nothing
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void command() throws IOException {
        int verb = in.read();
        switch (verb) {
            case WILL, WONT, DO, DONT -> negotiate(verb, in.read());
            case SB -> subnegotiation();
            default -> {
                // GA, NOP, ...: two bytes
            }
        }
    }

    /** Skips an escape sequence after its ESC: CSI ({@code ESC [ ... final}) or ESC and one character. */
    private void escapeSequence() throws IOException {
        if (in.read() == '[') {
            for (int b = in.read(); b >= 0 && (b < 0x40 || b > 0x7E); b = in.read()) {
                // parameter and intermediate bytes
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
        int option = in.read();
        int first = in.read();
        int prev = first;
        for (int b = in.read(); b >= 0 && !(prev == IAC && b == SE); b = in.read()) {
            prev = b;
        }
        if (option == TTYPE && first == SEND) {
            out.write(new byte[] {(byte) IAC, (byte) SB, TTYPE, IS, 'X', 'T', 'E', 'R', 'M', (byte) IAC, (byte) SE});
            out.flush();
        }
    }

    private void reply(int verb, int option) throws IOException {
        out.write(new byte[] {(byte) IAC, (byte) verb, (byte) option});
    }
}
