package io.github.telnetsrv.examples;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DO;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DONT;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WILL;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WONT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A Telnet client for the robustness suite, over plain TCP or TLS. A reader thread of its own takes in everything
 * the server sends, so the client never stops reading, whatever the test thread is busy writing: it strips IAC
 * sequences, answers the server's negotiation as {@link #answers(Answers)} says, and keeps the data bytes, which
 * the test waits for with {@link #await} and inspects with {@link #dataFrom}.
 *
 * <p>The test thread writes ({@link #send}, {@link #line}); the reader's own answers never wait for the test
 * thread's writes (they are queued and sent by whichever thread holds the write lock next).
 */
final class RobustClient implements AutoCloseable {

    /** How the client answers the server's WILL, WONT, DO and DONT. */
    enum Answers {
        /** DONT to every WILL, WONT to every DO (WILL to the options {@code agreed} lists): a line-mode client. */
        REFUSE,
        /** No answer at all. */
        SILENT,
        /** The inverse of whatever the server says: WILL gets DONT, WONT gets DO, DO gets WONT, DONT gets WILL. */
        INVERSE
    }

    static final String PROMPT = "Telnet Server> ";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final int CHUNK = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Set<Integer> agreed;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<byte[]> queuedAnswers = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread reader;
    private volatile Answers answers = Answers.REFUSE;

    // Guarded by lock.
    private byte[] data = new byte[8192];
    private int size;
    private int mark;
    private boolean ended;
    private String endReason = "";
    private long rawBytes;
    private long lastByteNanos = System.nanoTime();
    private int negotiationsReceived;

    /** What came before the match of the last successful {@link #awaitAny}; test thread only. */
    private String lastMatchPrefix = "";

    // Reader thread only.
    private int state;
    private int verb;

    private RobustClient(Socket socket, Set<Integer> agreed) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.agreed = Set.copyOf(agreed);
        this.reader = Thread.ofVirtual().name("robust-client-reader").unstarted(this::readLoop);
    }

    /**
     * Connects (and, for TLS, completes the handshake) and starts reading.
     *
     * @param tls the context to connect with, or {@code null} for plain TCP
     * @param agreed the options the client says WILL to when the server asks DO
     */
    static RobustClient connect(InetSocketAddress address, SSLContext tls, Set<Integer> agreed) throws IOException {
        return connect(address, tls, agreed, Answers.REFUSE);
    }

    static RobustClient connect(InetSocketAddress address, SSLContext tls) throws IOException {
        return connect(address, tls, Set.of(), Answers.REFUSE);
    }

    /** Connects, answering the server's negotiation as {@code answers} says from the first byte on. */
    static RobustClient connect(InetSocketAddress address, SSLContext tls, Set<Integer> agreed, Answers answers)
            throws IOException {
        RobustClient client = new RobustClient(openSocket(address, tls), agreed);
        client.answers = answers;
        client.reader.start();
        return client;
    }

    /** A connected socket, plain or with its TLS handshake done; the caller owns it. */
    static Socket openSocket(InetSocketAddress address, SSLContext tls) throws IOException {
        return openSocket(address, tls, 0);
    }

    /**
     * A connected socket, plain or with its TLS handshake done; the caller owns it.
     *
     * @param receiveBuffer the receive buffer to ask for before connecting (it bounds the window the server
     *     sees), or 0 for the default
     */
    static Socket openSocket(InetSocketAddress address, SSLContext tls, int receiveBuffer) throws IOException {
        Socket socket = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(address, (int) CONNECT_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            if (socket instanceof SSLSocket secure) {
                secure.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
                secure.startHandshake();
                secure.setSoTimeout(0);
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    RobustClient answers(Answers how) {
        this.answers = how;
        return this;
    }

    Socket socket() {
        return socket;
    }

    // ------------------------------------------------------------------ writing (test thread)

    /** Writes bytes, in chunks, sending the reader's queued answers between chunks. */
    RobustClient send(byte[] bytes) throws IOException {
        writeLock.lock();
        try {
            for (int off = 0; off < bytes.length; off += CHUNK) {
                out.write(bytes, off, Math.min(CHUNK, bytes.length - off));
                writeQueuedAnswers();
            }
            out.flush();
        } finally {
            writeLock.unlock();
        }
        return this;
    }

    /** Writes bytes given as ints 0..255. */
    RobustClient sendBytes(int... bytes) throws IOException {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return send(raw);
    }

    /** Sends a line as a line-mode client does: the text in UTF-8, then CR LF. */
    RobustClient line(String text) throws IOException {
        return send((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a line and waits for its answer followed by the prompt; returns the answer. */
    String command(String text, Duration timeout) throws IOException {
        line(text);
        return await(PROMPT, timeout);
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes with a TCP reset instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    // ------------------------------------------------------------------ waiting (test thread)

    /**
     * Waits for {@code expected} after the mark and moves the mark past it.
     *
     * @return the text between the old mark and {@code expected}
     * @throws AssertionError if the time runs out or the connection ends first, with what was received
     */
    String await(String expected, Duration timeout) {
        int found = awaitAny(timeout, expected);
        if (found < 0) {
            throw new AssertionError(describeMiss(expected, timeout));
        }
        return lastMatchPrefix;
    }

    /**
     * Waits for the first of {@code expected} to appear after the mark, and moves the mark past it.
     *
     * @return the index of the one found, or -1 if the time ran out or the connection ended first
     */
    int awaitAny(Duration timeout, String... expected) {
        byte[][] patterns = new byte[expected.length][];
        for (int i = 0; i < expected.length; i++) {
            patterns[i] = expected[i].getBytes(StandardCharsets.UTF_8);
        }
        int longest = 0;
        for (byte[] pattern : patterns) {
            longest = Math.max(longest, pattern.length);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int from = mark;
            while (true) {
                int best = -1;
                int bestAt = Integer.MAX_VALUE;
                for (int i = 0; i < patterns.length; i++) {
                    int at = indexOf(patterns[i], from);
                    if (at >= 0 && at < bestAt) {
                        best = i;
                        bestAt = at;
                    }
                }
                if (best >= 0) {
                    lastMatchPrefix = new String(data, mark, bestAt - mark, StandardCharsets.UTF_8);
                    mark = bestAt + patterns[best].length;
                    return best;
                }
                // Nothing found up to size: the next look starts where a match could still begin.
                from = Math.max(mark, size - longest + 1);
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return -1;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /** The text between the old mark and the match of the last successful {@link #awaitAny}. */
    String beforeLastMatch() {
        return lastMatchPrefix;
    }

    /** Whether the server closed (or reset) the connection within the time. */
    boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing has arrived for {@code quiet} (or the connection ended).
     *
     * @return whether it went quiet before the deadline
     */
    boolean awaitQuiet(Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                long quietUntil = lastByteNanos + quiet.toNanos();
                if (ended || now >= quietUntil) {
                    return true;
                }
                if (now >= deadline) {
                    return false;
                }
                changed.awaitNanos(Math.min(quietUntil, deadline) - now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ what was received

    /** Every byte received so far, IAC sequences included. */
    long rawBytes() {
        lock.lock();
        try {
            return rawBytes;
        } finally {
            lock.unlock();
        }
    }

    /** How many WILL, WONT, DO and DONT the server sent. */
    int negotiationsReceived() {
        lock.lock();
        try {
            return negotiationsReceived;
        } finally {
            lock.unlock();
        }
    }

    /** The position of the mark in the data bytes (IAC sequences stripped). */
    int position() {
        lock.lock();
        try {
            return mark;
        } finally {
            lock.unlock();
        }
    }

    /** The data bytes from a position up to the mark. */
    byte[] dataFrom(int from) {
        lock.lock();
        try {
            return Arrays.copyOfRange(data, from, Math.max(from, mark));
        } finally {
            lock.unlock();
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            try {
                reader.join(CONNECT_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ reader thread

    private void readLoop() {
        byte[] buf = new byte[8192];
        String reason = "end of stream";
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                lock.lock();
                try {
                    rawBytes += n;
                    lastByteNanos = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        decode(buf[i] & 0xFF);
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                if (!queuedAnswers.isEmpty() && writeLock.tryLock()) {
                    try {
                        writeQueuedAnswers();
                        out.flush();
                    } finally {
                        writeLock.unlock();
                    }
                }
            }
        } catch (IOException e) {
            reason = e.toString();
        }
        lock.lock();
        try {
            ended = true;
            endReason = reason;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void decode(int b) {
        switch (state) {
            case 0 -> {
                if (b == IAC) {
                    state = 1;
                } else if (b != 0) {
                    append(b);
                }
            }
            case 1 -> {
                if (b == IAC) {
                    append(b);
                    state = 0;
                } else if (b >= WILL && b <= DONT) {
                    verb = b;
                    state = 2;
                } else {
                    state = b == SB ? 3 : 0;
                }
            }
            case 2 -> {
                negotiationsReceived++;
                answer(verb, b);
                state = 0;
            }
            case 3 -> state = b == IAC ? 4 : 3;
            case 4 -> state = b == SE ? 0 : 3;
            default -> throw new AssertionError(state);
        }
    }

    private void answer(int verb, int option) {
        int reply = switch (answers) {
            case SILENT -> 0;
            case REFUSE -> switch (verb) {
                case WILL -> DONT;
                case DO -> agreed.contains(option) ? WILL : WONT;
                default -> 0;
            };
            case INVERSE -> switch (verb) {
                case WILL -> DONT;
                case WONT -> DO;
                case DO -> WONT;
                default -> WILL;
            };
        };
        if (reply != 0) {
            queuedAnswers.add(new byte[] {(byte) IAC, (byte) reply, (byte) option});
        }
    }

    /** With the write lock held. */
    private void writeQueuedAnswers() throws IOException {
        byte[] answer;
        while ((answer = queuedAnswers.poll()) != null) {
            out.write(answer);
        }
    }

    private String describeMiss(String expected, Duration timeout) {
        lock.lock();
        try {
            String after = new String(data, mark, size - mark, StandardCharsets.UTF_8);
            return (ended ? "connection ended (" + endReason + ")" : "no " + quote(expected) + " within " + timeout)
                    + " waiting for " + quote(expected) + "; received after the mark: " + quote(tail(after, 600));
        } finally {
            lock.unlock();
        }
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                        b.append(String.format("\\x%02X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Under the lock. */
    private void append(int b) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = (byte) b;
    }

    /** Under the lock: where {@code needle} first occurs in the data at or after {@code from}, or -1. */
    private int indexOf(byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= size - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Milliseconds as an int, for socket timeouts. */
    static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(d.toNanos())));
    }
}
