package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.TelnetConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader of a session whose connection is a stream (a socket, TLS, a pipe): reads what comes and pushes it into
 * the session's one input entry point, {@link TerminalInput#received}, which holds the reader back while the
 * session's input queue is full (the client is then held back by TCP). A read times out only while a lone ESC
 * waits for the rest of its sequence ({@link TerminalInput#readTimedOut()}).
 */
public final class StreamReader {

    /** The session's own log (the input's end is part of its story). */
    private static final Logger LOG = LoggerFactory.getLogger("io.github.telnetsrv.TelnetSession");
    /** What an idle session waits in its read with: what one key sends. */
    private static final int READ_BUFFER = 16;
    /** The most read at once into a buffer of the moment, when more input is waiting (a paste). */
    private static final int LARGE_READ = 4096;

    private StreamReader() {
    }

    /**
     * Reads {@code connection}'s input into {@code input} until it ends (end of stream, or a read fails).
     *
     * @param connection the connection
     * @param input the session's input
     */
    public static void read(TelnetConnection connection, TerminalInput input) {
        InputStream in = connection.input();
        // An idle session waits in this read: a small buffer (what one key sends); more is read into a buffer of
        // the moment, as big as what is there.
        byte[] buf = new byte[READ_BUFFER];
        int timeout = -1;
        int wanted = input.readTimeoutMillis();
        while (true) {
            if (wanted != timeout && connection.setReadTimeout(wanted)) {
                timeout = wanted;
            }
            int n;
            try {
                n = in.read(buf, 0, buf.length); // not read(buf): one frame less on an idle reader's stack
                if (n > 0) {
                    wanted = input.received(buf, 0, n);
                    if (n == buf.length) {
                        wanted = readMore(in, input, wanted);
                    }
                }
            } catch (SocketTimeoutException e) {
                wanted = input.readTimedOut();
                continue;
            } catch (IOException e) {
                LOG.debug("{}: input ended: {}", connection.remoteAddress(), e.toString());
                return;
            }
            if (n < 0) {
                return;
            }
        }
    }

    /** Reads what is already there after a full small read (a paste), into a buffer that is then let go. */
    private static int readMore(InputStream in, TerminalInput input, int wanted) throws IOException {
        int available = in.available();
        if (available <= 0) {
            return wanted;
        }
        byte[] more = new byte[Math.min(available, LARGE_READ)];
        int n = in.read(more);
        return n > 0 ? input.received(more, 0, n) : wanted;
    }
}
