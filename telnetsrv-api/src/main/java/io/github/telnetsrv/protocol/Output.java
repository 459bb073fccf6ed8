package io.github.telnetsrv.protocol;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;

import java.util.Arrays;

/**
 * The engine's outgoing bytes: commands are queued and leave in one {@link TelnetListener#onSend}
 * call per flush, so replies keep their order and a batch (the opening negotiation) is one write.
 * The buffer is reused; the listener must not call back into the engine from {@code onSend}.
 * Confined to one session's thread.
 */
final class Output {

    private final TelnetListener listener;
    private byte[] buffer = new byte[32];
    private int length;

    Output(TelnetListener listener) {
        this.listener = listener;
    }

    /** Queues {@code IAC verb option}. */
    void negotiation(int verb, int option) {
        ensure(3);
        buffer[length++] = (byte) IAC;
        buffer[length++] = (byte) verb;
        buffer[length++] = (byte) option;
    }

    /** Queues {@code IAC SB option code payload IAC SE}, doubling 255s. */
    void subnegotiation(int option, int code, byte[] payload) {
        ensure(6 + 2 * payload.length);
        buffer[length++] = (byte) IAC;
        buffer[length++] = (byte) SB;
        put(option);
        put(code);
        for (byte b : payload) {
            put(b & 0xFF);
        }
        buffer[length++] = (byte) IAC;
        buffer[length++] = (byte) SE;
    }

    /** Passes everything queued to the listener. */
    void flush() {
        if (length > 0) {
            int n = length;
            length = 0;
            listener.onSend(buffer, 0, n);
        }
    }

    private void put(int b) {
        buffer[length++] = (byte) b;
        if (b == IAC) {
            buffer[length++] = (byte) IAC;
        }
    }

    private void ensure(int room) {
        if (length + room > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + room, 2 * buffer.length));
        }
    }
}
