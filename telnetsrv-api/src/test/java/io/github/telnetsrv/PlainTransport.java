package io.github.telnetsrv;

import io.github.telnetsrv.transport.TextDecoder;
import io.github.telnetsrv.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A transport for session tests: a client without a terminal (no server echo, no styles), UTF-8 in and out as it
 * is, no negotiation, no size, no environment. Subclasses add what their client tells (an exec command, a status,
 * flow control).
 */
abstract class PlainTransport implements Transport {

    final Transport.Events events;
    private final TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
    private final StringBuilder decoded = new StringBuilder();

    PlainTransport(Transport.Events events) {
        this.events = events;
    }

    /** What was received, decoded; on the session's thread, before it is typed. */
    void received(CharSequence chars) {
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

    @Override
    public void start() {
    }

    @Override
    public boolean settling() {
        return false;
    }

    @Override
    public boolean serverEcho() {
        return false;
    }

    @Override
    public void receive(byte[] buf, int off, int len) {
        decoder.decode(buf, off, len, decoded);
        if (!decoded.isEmpty()) {
            received(decoded);
            events.typed(decoded);
            decoded.setLength(0);
        }
    }

    @Override
    public void endOfInput() {
    }

    @Override
    public void encode(String text, ByteArrayOutputStream out) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void afterPrompt(ByteArrayOutputStream out) {
    }

    @Override
    public String terminalType() {
        return null;
    }

    @Override
    public int width() {
        return 0;
    }

    @Override
    public int height() {
        return 0;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }
}
