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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A netcat that negotiates, for {@link PipedScript}: connects, answers the server's negotiation as a terminal does
 * (WILL NAWS 80x24, WILL TTYPE XTERM, DO ECHO and SGA; everything else refused), and once the first prompt
 * ({@link Target#PROMPT}) has come, as a user would wait for it, copies its standard input to the connection with
 * every line end sent as CR LF; the server's data (IAC sequences taken out) goes to its standard output. Some servers
 * (termd) need the window size that {@code nc} never sends, before the first line.
 *
 * <p>Usage: {@code PipedTelnetClient HOST PORT}; runs until the server closes the connection or the process is
 * killed.
 */
public final class PipedTelnetClient {

    private PipedTelnetClient() {
    }

    /**
     * Runs the client.
     *
     * @param args host and port
     * @throws IOException if the connection fails
     */
    public static void main(String[] args) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 30_000);
        OutputStream toServer = new BufferedOutputStream(socket.getOutputStream(), 65536);
        ReentrantLock sending = new ReentrantLock();
        Thread input = Thread.ofPlatform().daemon().name("piped-input").unstarted(() -> copyInput(toServer, sending));
        byte[] prompt = Target.PROMPT.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int matched = 0;
        InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
        OutputStream out = new BufferedOutputStream(System.out, 65536);
        while (true) {
            if (in.available() == 0) {
                out.flush(); // before a read that may block: what came so far is shown
            }
            int b = in.read();
            if (b < 0) {
                break;
            }
            if (b != IAC) {
                out.write(b);
                if (matched < prompt.length) {
                    matched = b == prompt[matched] ? matched + 1 : b == prompt[0] ? 1 : 0;
                    if (matched == prompt.length) {
                        input.start(); // the first prompt: the session is ready for the script
                    }
                }
                continue;
            }
            int verb = in.read();
            if (verb == IAC) {
                out.write(IAC);
            } else if (verb >= WILL && verb <= DONT) {
                answer(verb, in.read(), toServer, sending);
            } else if (verb == SB) {
                subnegotiation(in, toServer, sending);
            }
        }
        out.flush();
        input.interrupt();
        socket.close();
    }

    private static void copyInput(OutputStream toServer, ReentrantLock sending) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = System.in.read(buf)) > 0) {
                sending.lock();
                try {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            toServer.write('\r');
                        }
                        toServer.write(buf[i]);
                    }
                    toServer.flush();
                } finally {
                    sending.unlock();
                }
            }
        } catch (IOException e) {
            // the connection is gone
        }
    }

    private static void answer(int verb, int option, OutputStream toServer, ReentrantLock sending) throws IOException {
        sending.lock();
        try {
            if (verb == DO) {
                boolean agree = option == NAWS || option == TTYPE || option == SGA;
                toServer.write(new byte[] {(byte) IAC, (byte) (agree ? WILL : WONT), (byte) option});
                if (option == NAWS) {
                    toServer.write(new byte[] {(byte) IAC, (byte) SB, NAWS, 0, 80, 0, 24, (byte) IAC, (byte) SE});
                }
            } else if (verb == WILL) {
                boolean agree = option == ECHO || option == SGA;
                toServer.write(new byte[] {(byte) IAC, (byte) (agree ? DO : DONT), (byte) option});
            }
            toServer.flush();
        } finally {
            sending.unlock();
        }
    }

    private static void subnegotiation(InputStream in, OutputStream toServer, ReentrantLock sending)
            throws IOException {
        int option = in.read();
        int first = in.read();
        int previous = first;
        for (int b = in.read(); b >= 0 && !(previous == IAC && b == SE); b = in.read()) {
            previous = b;
        }
        if (option == TTYPE && first == SEND) {
            sending.lock();
            try {
                toServer.write(new byte[] {(byte) IAC, (byte) SB, TTYPE, IS, 'X', 'T', 'E', 'R', 'M', (byte) IAC,
                        (byte) SE});
                toServer.flush();
            } finally {
                sending.unlock();
            }
        }
    }
}
