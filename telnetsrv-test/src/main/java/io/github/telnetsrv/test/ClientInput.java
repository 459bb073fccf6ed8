package io.github.telnetsrv.test;

import io.github.telnetsrv.protocol.TelnetCommand;
import io.github.telnetsrv.protocol.TelnetEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the user at the kit's terminal does to the session: text typed and keys pressed (encoded for the
 * transport: IAC doubled over Telnet, Enter a plain CR over the in-memory terminal), the window resized, Telnet
 * commands sent, the connection hung up. Events that bypass the byte stream (a resize or a command over the
 * in-memory terminal) wait until the session has read what was typed before them, so they reach it in order.
 *
 * <p>Thread-safe, as {@link TestSession} is: the pipe and the terminal lock for themselves.
 */
final class ClientInput {

    private final Pipe toSession;
    private final ClientTerminal client;
    /** The in-memory terminal, or {@code null} over Telnet. */
    private final MemoryTransport memory;
    private final Charset charset;
    private final Duration timeout;
    private final AtomicBoolean hungUp = new AtomicBoolean();

    ClientInput(Pipe toSession, ClientTerminal client, MemoryTransport memory, Charset charset, Duration timeout) {
        this.toSession = toSession;
        this.client = client;
        this.memory = memory;
        this.charset = charset;
        this.timeout = timeout;
    }

    /** Sends text as typed (see {@link TestSession#type}). */
    void type(String text) {
        send(typed(text), "type " + Quoting.quote(text));
    }

    /** Sends keys, waiting after each ESC until the session took it as the Escape key. */
    void press(Key... keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Key key : keys) {
            bytes.writeBytes(keyBytes(key));
            if (key == Key.ESCAPE) {
                send(bytes.toByteArray(), "press " + key);
                bytes.reset();
                awaitReaderIdle("the session to take the lone ESC as the Escape key", "take ESC");
            }
        }
        if (bytes.size() > 0) {
            send(bytes.toByteArray(), "press " + List.of(keys));
        }
    }

    /** Sends a line and Enter. */
    void line(String text) {
        send(lineBytes(text), "type the line " + Quoting.quote(text));
    }

    /**
     * The bytes of a command line and Enter, for {@link ClientTerminal#command}, which sends them once the
     * prompt shows.
     *
     * @throws IllegalStateException if the client has hung up
     */
    byte[] commandBytes(String line) {
        if (hungUp.get()) {
            throw new IllegalStateException("cannot type the command " + Quoting.quote(line) + ": the client hung up");
        }
        return lineBytes(line);
    }

    /** Resizes the client's screen, and tells the session (NAWS over Telnet, an event over the memory terminal). */
    void resize(int columns, int rows) {
        client.resize(columns, rows);
        if (memory != null) {
            awaitReaderIdle("the session to read what was typed, to resize to " + columns + "x" + rows,
                    "read its input");
            memory.resize(columns, rows);
        }
    }

    /** Sends a Telnet command, or gives the session its event over the in-memory terminal. */
    void send(TelnetCommand command) {
        byte[] bytes = TelnetEncoder.command(command);
        if (memory == null) {
            send(bytes, "send " + command);
            return;
        }
        if (hungUp.get()) {
            throw new IllegalStateException("cannot send " + command + ": the client hung up");
        }
        if (client.disconnectedNow()) {
            throw client.closedFailure("send " + command);
        }
        awaitReaderIdle("the session to read what was typed, to send " + command, "read its input");
        memory.command(command);
    }

    /** Sends bytes as given. */
    void sendBytes(byte[] bytes) {
        send(bytes, "send bytes");
    }

    /** Hangs up: the session reads what was sent, then the end of its input. */
    void hangUp() {
        hungUp.set(true);
        toSession.hangUp();
    }

    private byte[] lineBytes(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(typed(text));
        bytes.writeBytes(keyBytes(Key.ENTER));
        return bytes.toByteArray();
    }

    private byte[] typed(String text) {
        Objects.requireNonNull(text, "text");
        byte[] encoded = text.getBytes(charset);
        if (memory != null) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length + 8);
        TelnetEncoder.writeData(encoded, 0, encoded.length, bytes);
        return bytes.toByteArray();
    }

    /** A key's bytes: as {@link Key} has them, but Enter is a plain CR without Telnet (as a terminal sends it). */
    private byte[] keyBytes(Key key) {
        return memory != null && key == Key.ENTER ? new byte[] {0x0D} : key.bytes();
    }

    private void send(byte[] bytes, String action) {
        if (hungUp.get()) {
            throw new IllegalStateException("cannot " + action + ": the client hung up");
        }
        if (!toSession.write(bytes)) {
            throw client.closedFailure(action);
        }
    }

    /**
     * Waits until the session's reader has taken everything sent and waits for more.
     *
     * @param expected what the failure says was expected
     * @param interruptedTo what the waiting was for, in the failure when the waiting thread is interrupted
     */
    private void awaitReaderIdle(String expected, String interruptedTo) {
        try {
            if (!toSession.awaitReaderIdle(System.nanoTime() + timeout.toNanos()) && !client.disconnectedNow()) {
                throw client.failure(expected, "its reader had not done so after " + Quoting.duration(timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the session to " + interruptedTo, e);
        }
    }
}
