package io.github.telnetsrv;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DO;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DONT;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WILL;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WONT;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.internal.editor.ScreenModel;
import io.github.telnetsrv.protocol.TelnetOption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An in-memory Telnet client for session tests: a {@link TelnetConnection} whose far end this object plays.
 *
 * <p>The server's output is decoded as a client would: negotiation is answered (as a character-mode client like
 * netkit telnet, or not at all like netcat), IAC sequences are removed, and the text is kept for
 * {@link #awaitText} and rendered on a {@link ScreenModel}. Every wait is bounded ({@link #TIMEOUT}) and fails
 * the test with the transcript when it runs out.
 */
@SuppressWarnings("exports") // a test helper: its screen model lives in the editor's test package
public final class TestClient implements TelnetConnection {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How the client answers negotiation. */
    public enum Kind {
        /** Agrees to server echo, SGA, NAWS (80x24), TTYPE (XTERM) and NEW-ENVIRON (USER=alice). */
        CHARACTER_MODE,
        /** Refuses server echo (it echoes locally), like a client in line mode. */
        REFUSES_ECHO,
        /** Never answers, like netcat. */
        SILENT
    }

    private final Kind kind;
    private final int width;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final SocketAddress remote = new InetSocketAddress("127.0.0.1", 40_000);
    private volatile String terminalType = "XTERM";

    // Guarded by lock.
    private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    private int toServerRead;
    private boolean clientClosed;
    private boolean serverClosed;
    private int readTimeoutMillis;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final List<String> commands = new ArrayList<>();
    private int mark;
    private int iacState;
    private int verb;
    private final ByteArrayOutputStream sub = new ByteArrayOutputStream();
    private boolean lastWasCr;
    private boolean readerWaiting;
    /** How many bytes the reader had read when it last began to wait. */
    private int readerWaitingAt = -1;
    private int readTimeouts;
    private Runnable stall;
    /** While stalled: whether an interrupt of the writing thread closes the connection (a virtual thread's socket). */
    private boolean closeOnInterrupt;
    private boolean released;

    private final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                long deadline = readTimeoutMillis == 0 ? 0
                        : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
                while (toServerRead == toServer.size()) {
                    if (clientClosed || serverClosed) {
                        return -1;
                    }
                    readerWaiting = true;
                    readerWaitingAt = toServerRead;
                    changed.signalAll();
                    if (deadline == 0) {
                        changed.await();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            readTimeouts++;
                            changed.signalAll();
                            throw new SocketTimeoutException("read timed out");
                        }
                        changed.awaitNanos(left);
                    }
                }
                readerWaiting = false;
                byte[] all = toServer.toByteArray();
                int n = Math.min(len, all.length - toServerRead);
                System.arraycopy(all, toServerRead, b, off, n);
                toServerRead += n;
                changed.signalAll();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            } finally {
                readerWaiting = false;
                lock.unlock();
            }
        }
    };

    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                if (stall != null && !serverClosed && !clientClosed) {
                    awaitUnstalled();
                }
                if (serverClosed || clientClosed) {
                    throw new IOException("connection closed");
                }
                raw.write(b, off, len);
                for (int i = off; i < off + len; i++) {
                    decode(b[i] & 0xFF);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    };

    public TestClient(Kind kind) {
        this(kind, 80);
    }

    public TestClient(Kind kind, int width) {
        this.kind = kind;
        this.width = width;
    }

    /** Sets the terminal type a character-mode client reports (default {@code XTERM}); call before the session. */
    public TestClient terminalType(String type) {
        this.terminalType = type;
        return this;
    }

    // ------------------------------------------------------------------ TelnetConnection (the server's side)

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean setReadTimeout(int millis) {
        lock.lock();
        try {
            readTimeoutMillis = millis;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            serverClosed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the client's side

    /** Types text (UTF-8); {@code "\r"} is Enter as a character-mode client sends it (CR NUL). */
    public TestClient type(String keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte b : keys.getBytes(StandardCharsets.UTF_8)) {
            bytes.write(b);
            if (b == '\r') {
                bytes.write(0);
            }
            if ((b & 0xFF) == IAC) {
                bytes.write(IAC);
            }
        }
        return send(bytes.toByteArray());
    }

    /** Sends raw bytes. */
    public TestClient send(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return send(b);
    }

    public TestClient send(byte[] bytes) {
        lock.lock();
        try {
            toServer.writeBytes(bytes);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Stops reading, like a client whose window is full: from now on every write by the server blocks until
     * the connection is closed (bounded by {@link #TIMEOUT}, then it fails). {@code whenBlocked} runs on the
     * first blocked writer's thread, while its write is blocked.
     */
    public void stallOutput(Runnable whenBlocked) {
        lock.lock();
        try {
            stall = whenBlocked;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #stallOutput}, but the way a socket behaves on a virtual thread: interrupting the thread blocked
     * in the write closes the connection. {@link #releaseOutput()} lets the write go on.
     */
    public void stallOutputLikeASocket(Runnable whenBlocked) {
        lock.lock();
        try {
            stall = whenBlocked;
            closeOnInterrupt = true;
            released = false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a stall: the blocked write, and those after it, go through. */
    public void releaseOutput() {
        lock.lock();
        try {
            stall = null;
            released = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many of the bytes sent the server has read so far. */
    public int bytesReadByServer() {
        lock.lock();
        try {
            return toServerRead;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the server has read at least {@code count} of the bytes sent. */
    public void awaitBytesRead(int count) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (toServerRead < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("timed out waiting for the server to read " + count + " bytes (read " + toServerRead + ")");
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the server's reader is blocked reading with nothing left to read: it is not writing. */
    public void awaitReaderWaiting() {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(readerWaiting && readerWaitingAt == toServer.size())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("timed out waiting for the server to wait for input; transcript: " + quote(allText()));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    /** How many of the server's reads gave up on their read timeout. */
    public int readTimeouts() {
        lock.lock();
        try {
            return readTimeouts;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} of the server's reads have given up on their read timeout. */
    public void awaitReadTimeouts(int count) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (readTimeouts < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("timed out waiting for " + count + " read timeouts (saw " + readTimeouts + ")");
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    /** Hangs up: the server reads the end of the stream. */
    public void hangUp() {
        lock.lock();
        try {
            clientClosed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the text received since the last mark contains {@code expected}, then moves the mark past it.
     */
    public TestClient awaitText(String expected) {
        lock.lock();
        try {
            String seen = awaitLocked(t -> t.indexOf(expected) >= 0, "text " + quote(expected));
            mark += seen.indexOf(expected) + expected.length();
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** The text received since the last mark, after waiting until it ends with {@code tail}; moves the mark. */
    public String textUntil(String tail) {
        lock.lock();
        try {
            String seen = awaitLocked(t -> t.indexOf(tail) >= 0, "text ending " + quote(tail));
            int end = seen.indexOf(tail) + tail.length();
            mark += end;
            return seen.substring(0, end);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the rendered screen satisfies {@code condition}. */
    public ScreenModel awaitScreen(Predicate<ScreenModel> condition, String what) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                ScreenModel screen = screenLocked();
                if (condition.test(screen)) {
                    return screen;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("timed out waiting for the screen: " + what + "\nscreen:\n"
                            + String.join("\n", screen.rows()) + "\ntranscript: " + quote(allText()));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the server closed the connection. */
    public void awaitClosed() {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!serverClosed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("timed out waiting for the server to close; transcript: " + quote(allText()));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    public boolean serverClosed() {
        lock.lock();
        try {
            return serverClosed;
        } finally {
            lock.unlock();
        }
    }

    /** Every byte the server sent, IAC sequences included. */
    public byte[] rawOutput() {
        lock.lock();
        try {
            return raw.toByteArray();
        } finally {
            lock.unlock();
        }
    }

    /** The decoded text received so far (IAC sequences removed, CR NUL as CR). */
    public String allText() {
        lock.lock();
        try {
            return text.toString(StandardCharsets.UTF_8);
        } finally {
            lock.unlock();
        }
    }

    /** Two-byte commands the server sent, by name (GA, ...). */
    public List<String> commands() {
        lock.lock();
        try {
            return List.copyOf(commands);
        } finally {
            lock.unlock();
        }
    }

    public ScreenModel screen() {
        lock.lock();
        try {
            return screenLocked();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals (under lock)

    private String awaitLocked(Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                String all = text.toString(StandardCharsets.UTF_8);
                String since = all.substring(Math.min(mark, all.length()));
                if (condition.test(since)) {
                    return since;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("timed out waiting for " + what + "; received since the mark: " + quote(since));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Blocks a server write while output is stalled (see {@link #stallOutput}), until the connection closes. */
    private void awaitUnstalled() throws IOException {
        Runnable first = stall;
        stall = () -> { };
        lock.unlock();
        try {
            first.run();
        } finally {
            lock.lock();
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (!serverClosed && !clientClosed && !released) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("test client: output still stalled after " + TIMEOUT);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            if (closeOnInterrupt) {
                serverClosed = true;
                changed.signalAll();
                throw new java.net.SocketException("Closed by interrupt");
            }
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stalled");
        }
    }

    private ScreenModel screenLocked() {
        ScreenModel screen = new ScreenModel(width);
        String all = text.toString(StandardCharsets.UTF_8);
        if (!all.isEmpty()) {
            screen.write(all);
        }
        return screen;
    }

    private void decode(int b) {
        switch (iacState) {
            case 0 -> {
                if (b == IAC) {
                    iacState = 1;
                } else {
                    data(b);
                }
            }
            case 1 -> {
                iacState = 0;
                switch (b) {
                    case IAC -> data(IAC);
                    case WILL, WONT, DO, DONT -> {
                        verb = b;
                        iacState = 2;
                    }
                    case SB -> {
                        sub.reset();
                        iacState = 3;
                    }
                    default -> commands.add(b == 249 ? "GA" : b == 241 ? "NOP" : "CMD" + b);
                }
            }
            case 2 -> {
                iacState = 0;
                negotiate(verb, b);
            }
            case 3 -> {
                if (b == IAC) {
                    iacState = 4;
                } else {
                    sub.write(b);
                }
            }
            case 4 -> {
                if (b == SE) {
                    iacState = 0;
                    subnegotiation(sub.toByteArray());
                } else {
                    sub.write(b);
                    iacState = 3;
                }
            }
            default -> throw new AssertionError(iacState);
        }
    }

    private void data(int b) {
        if (lastWasCr && b == 0) {
            lastWasCr = false;
            return;
        }
        lastWasCr = b == '\r';
        text.write(b);
    }

    private void negotiate(int verb, int option) {
        if (kind == Kind.SILENT) {
            return;
        }
        Set<Integer> agreedRemote = kind == Kind.CHARACTER_MODE
                ? Set.of(TelnetOption.ECHO, TelnetOption.SGA)
                : Set.of(TelnetOption.SGA);
        Set<Integer> agreedLocal = Set.of(TelnetOption.NAWS, TelnetOption.TTYPE, TelnetOption.NEW_ENVIRON,
                TelnetOption.SGA);
        switch (verb) {
            case WILL -> reply(agreedRemote.contains(option) ? DO : DONT, option);
            case DO -> {
                boolean agree = agreedLocal.contains(option);
                reply(agree ? WILL : WONT, option);
                if (agree && option == TelnetOption.NAWS) {
                    toServer.writeBytes(new byte[] {(byte) IAC, (byte) SB, (byte) TelnetOption.NAWS, 0, (byte) width,
                            0, 24, (byte) IAC, (byte) SE});
                }
            }
            default -> {
                // WONT/DONT: acknowledged by the Q-method on the server; nothing to send for a simple client
            }
        }
    }

    private void subnegotiation(byte[] payload) {
        if (payload.length >= 2 && (payload[0] & 0xFF) == TelnetOption.TTYPE && payload[1] == 1) {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            reply.writeBytes(new byte[] {(byte) IAC, (byte) SB, (byte) TelnetOption.TTYPE, 0});
            reply.writeBytes(terminalType.getBytes(StandardCharsets.ISO_8859_1));
            reply.writeBytes(new byte[] {(byte) IAC, (byte) SE});
            toServer.writeBytes(reply.toByteArray());
        } else if (payload.length >= 2 && (payload[0] & 0xFF) == TelnetOption.NEW_ENVIRON && payload[1] == 1) {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            reply.writeBytes(new byte[] {(byte) IAC, (byte) SB, (byte) TelnetOption.NEW_ENVIRON, 0, 0});
            reply.writeBytes("USER".getBytes(StandardCharsets.US_ASCII));
            reply.write(1);
            reply.writeBytes("alice".getBytes(StandardCharsets.US_ASCII));
            reply.writeBytes(new byte[] {(byte) IAC, (byte) SE});
            toServer.writeBytes(reply.toByteArray());
        }
        changed.signalAll();
    }

    private void reply(int verb, int option) {
        toServer.writeBytes(new byte[] {(byte) IAC, (byte) verb, (byte) option});
        changed.signalAll();
    }

    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case 0x1B -> out.append("\\e");
                case 0x07 -> out.append("\\a");
                case '"' -> out.append("\\\"");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
