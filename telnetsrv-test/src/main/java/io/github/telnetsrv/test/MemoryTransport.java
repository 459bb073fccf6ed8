package io.github.telnetsrv.test;

import io.github.telnetsrv.transport.Transport;
import io.github.telnetsrv.protocol.TelnetCommand;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Map;

/**
 * The kit's in-memory terminal, as the session's transport: no protocol on the wire. The bytes the client sends
 * are text in the session's charset (UTF-8 unless configured otherwise), decoded as they come (a character split
 * across writes is taken whole once its last byte arrives), with every line end (CR LF, CR NUL, CR, LF) one CR as
 * the editor expects it; text out is encoded in the same charset, a lone {@code "\n"} as CR LF, nothing escaped.
 * The server always echoes, there is no opening exchange and nothing follows a prompt. The terminal type, size
 * and environment are the kit's settings, known from the start; a resize and the commands a Telnet client would
 * send (IP, AYT...) reach the session as events, not bytes.
 *
 * <p>The session calls it under its lock ({@link #receive}, {@link #encode}...); the test's thread calls
 * {@link #resize} and {@link #command}, whose events take that lock themselves. The size is one immutable value,
 * so the session's threads read it whole.
 */
final class MemoryTransport implements Transport {

    private record Size(int columns, int rows) {
    }

    private final Charset charset;
    private final String terminalType;
    private final Map<String, String> environment;
    private final CharsetDecoder decoder;
    /** Bytes of a character not complete yet; under the session's lock. */
    private final ByteBuffer partial = ByteBuffer.allocate(16);
    /** The last character typed was a CR: an LF or NUL right after it is part of the same line end. */
    private boolean afterCr;
    private volatile Size size;
    /** Set once, when the session is made, before the session or the test use this transport. */
    private Events events;

    MemoryTransport(Charset charset, String terminalType, Map<String, String> environment, int columns, int rows) {
        this.charset = charset;
        this.terminalType = terminalType;
        this.environment = Map.copyOf(environment);
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.size = new Size(columns, rows);
    }

    /** Binds the transport to the session's events: the factory the session is made with. */
    Transport attach(Events sessionEvents) {
        if (events != null) {
            throw new IllegalStateException("the in-memory terminal serves one session");
        }
        events = sessionEvents;
        return this;
    }

    // ------------------------------------------------------------------ the test's side (any thread)

    /** The window changed size: the session is told at once. */
    void resize(int columns, int rows) {
        size = new Size(columns, rows);
        events.resized(columns, rows);
    }

    /** What a Telnet client sends as a command, given to the session as the event it stands for. */
    void command(TelnetCommand command) {
        switch (command) {
            case IP, BRK -> events.interrupt();
            case AYT -> events.areYouThere();
            case AO -> events.abortOutput();
            case EC -> events.eraseCharacter();
            case EL -> events.eraseLine();
            default -> {
                // NOP, DM, GA: nothing for the session to do, as over Telnet.
            }
        }
    }

    // ------------------------------------------------------------------ Transport (under the session's lock)

    @Override
    public void start() {
        // Nothing to open: the terminal's facts are known.
    }

    @Override
    public boolean settling() {
        return false;
    }

    @Override
    public boolean serverEcho() {
        return true;
    }

    @Override
    public void receive(byte[] buf, int off, int len) {
        CharBuffer chars = CharBuffer.allocate((int) Math.ceil((len + partial.capacity()) * decoder.maxCharsPerByte()));
        int at = off;
        int end = off + len;
        while (at < end || partial.position() > 0) {
            int take = Math.min(end - at, partial.remaining());
            partial.put(buf, at, take);
            at += take;
            partial.flip();
            decoder.decode(partial, chars, false);
            partial.compact();
            if (take == 0) {
                break; // what is left is the start of a character whose end has not come
            }
        }
        chars.flip();
        typed(chars);
    }

    @Override
    public void endOfInput() {
        partial.clear(); // half a character at the end of the input is nobody's key
        decoder.reset();
    }

    @Override
    public void encode(String text, ByteArrayOutputStream out) {
        StringBuilder lines = null;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                if (lines == null) {
                    lines = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                lines.append('\r');
            }
            if (lines != null) {
                lines.append(text.charAt(i));
            }
        }
        out.writeBytes((lines == null ? text : lines.toString()).getBytes(charset));
    }

    @Override
    public void afterPrompt(ByteArrayOutputStream out) {
        // No go-ahead: nothing follows a prompt.
    }

    @Override
    public String terminalType() {
        return terminalType;
    }

    @Override
    public int width() {
        return size.columns();
    }

    @Override
    public int height() {
        return size.rows();
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    // ------------------------------------------------------------------ internals

    /** Hands decoded text to the session, every line end one CR. */
    private void typed(CharBuffer chars) {
        StringBuilder keys = new StringBuilder(chars.remaining());
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (afterCr && (c == '\n' || c == '\0')) {
                afterCr = false;
                continue;
            }
            afterCr = c == '\r';
            keys.append(c == '\n' ? '\r' : c);
        }
        if (!keys.isEmpty()) {
            events.typed(keys);
        }
    }
}
