package io.github.telnetsrv.protocol;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WILL;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The framing half of the engine: splits the byte stream into data, two-byte commands, option
 * negotiations and subnegotiations (RFC 854/855), and normalises line ends. It interprets nothing;
 * everything goes to a {@link Sink}. Never throws on any input. Confined to one session's thread.
 *
 * <p>Inside a subnegotiation IAC IAC is one 255, IAC SE ends it, IAC followed by any other command
 * byte (0xEC and up) abandons it and runs that command, and IAC followed by anything else is kept as
 * a literal 255 (which rescues the unescaped NAWS of some clients). The subnegotiation buffer never
 * holds more than {@code maxSubnegotiation} bytes; a longer one is discarded up to its end.
 */
final class TelnetDecoder {

    /** What the decoder found in the stream. */
    interface Sink {
        /** Data bytes, line ends already turned into one CR each. */
        void data(byte[] buf, int off, int len);

        /** A two-byte command from NOP to GA. */
        void command(TelnetCommand command);

        /** WILL, WONT, DO or DONT (as codes 251..254) for an option. */
        void negotiation(int verb, int option);

        /** A complete subnegotiation, unescaped; {@code buf} is only valid during the call. */
        void subnegotiation(int option, byte[] buf, int len);
    }

    enum State {
        DATA, IAC, NEGOTIATION, SB_OPTION, SB_OPTION_IAC, SB_DATA, SB_IAC, SB_DISCARD, SB_DISCARD_IAC
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int FIRST_COMMAND = 0xEC;
    private static final int INITIAL_BUFFER = 64;
    private static final int KEPT_BUFFER = 512;
    private static final byte[] EMPTY = new byte[0];
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long BELOW_0E = 0x0E0E0E0E0E0E0E0EL;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final int maxSubnegotiation;
    private final Sink sink;
    private final Warnings warnings;
    private final byte[] lineEnd = {CR};
    private final byte[] one = new byte[1];

    private State state = State.DATA;
    /** A CR was the last data byte: one following LF or NUL belongs to it. */
    private boolean afterCr;
    /** The next byte is the second 255 of IAC IAC: data, whatever it looks like. */
    private boolean literalNext;
    private int verb;
    private int option;
    private byte[] buffer = EMPTY;
    private int length;

    TelnetDecoder(int maxSubnegotiation, Sink sink, Warnings warnings) {
        this.maxSubnegotiation = maxSubnegotiation;
        this.sink = sink;
        this.warnings = warnings;
    }

    /** Decodes bytes; the caller has checked the range. */
    void decode(byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            i = switch (state) {
                case DATA -> data(buf, i, end);
                case IAC -> afterIac(buf[i] & 0xFF, i);
                case NEGOTIATION -> negotiation(buf[i] & 0xFF, i);
                case SB_OPTION -> sbOption(buf[i] & 0xFF, i);
                case SB_OPTION_IAC -> sbOptionIac(buf[i] & 0xFF, i);
                case SB_DATA -> sbData(buf, i, end);
                case SB_IAC -> sbIac(buf[i] & 0xFF, i);
                case SB_DISCARD -> sbDiscard(buf, i, end);
                case SB_DISCARD_IAC -> sbDiscardIac(buf[i] & 0xFF, i);
            };
        }
    }

    /** The capacity of the subnegotiation buffer, for tests of the memory bound. */
    int bufferCapacity() {
        return buffer.length;
    }

    private int data(byte[] buf, int i, int end) {
        int start = i;
        if (literalNext) {
            literalNext = false;
            i++;
        } else if (afterCr && (buf[i] & 0xFF) != IAC) {
            afterCr = false;
            if (buf[i] == LF || buf[i] == 0) {
                i++;
                start = i;
            }
        }
        while (i < end) {
            i = scan(buf, i, end);
            if (i == end) {
                break;
            }
            int b = buf[i] & 0xFF;
            if (b == CR) {
                i++;
                if (i == end) {
                    afterCr = true;
                } else if (buf[i] == LF || buf[i] == 0) {
                    emit(buf, start, i - start);
                    i++;
                    start = i;
                } else if ((buf[i] & 0xFF) == IAC) {
                    afterCr = true;
                }
            } else if (b == LF) {
                emit(buf, start, i - start);
                lineEnd[0] = CR;
                sink.data(lineEnd, 0, 1);
                i++;
                start = i;
            } else if (b == IAC) {
                emit(buf, start, i - start);
                state = State.IAC;
                return i + 1;
            } else {
                i++;
            }
        }
        emit(buf, start, i - start);
        return i;
    }

    /**
     * Returns the index of the first byte from {@code i} that may need attention (below 0x0E, which
     * covers CR and LF, or 0xFF), or {@code end}. Plain text is scanned eight bytes at a time: for
     * each word, {@code (w - 0x0E..) & ~w} flags bytes below 0x0E and {@code (~w - 0x01..) & w}
     * flags 0xFF bytes; the lowest flag of each test is exact, so the lowest flag of both is too.
     */
    private static int scan(byte[] buf, int i, int end) {
        while (i + 8 <= end) {
            long w = (long) WORDS.get(buf, i);
            long flags = ((w - BELOW_0E) & ~w | (~w - ONES) & w) & HIGH_BITS;
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
            i += 8;
        }
        while (i < end) {
            int b = buf[i] & 0xFF;
            if (b < 0x0E || b == IAC) {
                return i;
            }
            i++;
        }
        return end;
    }

    private void emit(byte[] buf, int off, int len) {
        if (len > 0) {
            sink.data(buf, off, len);
        }
    }

    private int afterIac(int b, int i) {
        if (b == IAC) {
            afterCr = false;
            literalNext = true;
            state = State.DATA;
            return i;
        }
        if (b == SB) {
            state = State.SB_OPTION;
        } else if (b >= WILL) {
            verb = b;
            state = State.NEGOTIATION;
        } else {
            state = State.DATA;
            TelnetCommand command = TelnetCommand.of(b);
            if (command != null && command != TelnetCommand.SE) {
                sink.command(command);
            } else if (!warnings.muted()) {
                warnings.report(command == TelnetCommand.SE
                        ? "IAC SE outside a subnegotiation (expected: IAC SB first); dropped"
                        : "unknown command IAC " + Warnings.hex(b)
                                + " (expected: one of F1..F9, SB or a negotiation); dropped");
            }
        }
        return i + 1;
    }

    private int negotiation(int b, int i) {
        state = State.DATA;
        sink.negotiation(verb, b);
        return i + 1;
    }

    private int sbOption(int b, int i) {
        if (b == IAC) {
            state = State.SB_OPTION_IAC;
        } else {
            beginSubnegotiation(b);
        }
        return i + 1;
    }

    private int sbOptionIac(int b, int i) {
        if (b == IAC) {
            beginSubnegotiation(IAC);
            return i + 1;
        }
        if (b == SE) {
            state = State.DATA;
            if (!warnings.muted()) {
                warnings.report("IAC SB IAC SE: subnegotiation without an option byte; ignored");
            }
            return i + 1;
        }
        if (b >= FIRST_COMMAND) {
            state = State.IAC;
            if (!warnings.muted()) {
                warnings.report("IAC SB followed by IAC " + Warnings.hex(b)
                        + " (expected: an option byte); subnegotiation abandoned");
            }
            return i;
        }
        if (!warnings.muted()) {
            warnings.report("IAC SB IAC " + Warnings.hex(b)
                    + ": unescaped 255 taken as the option byte (expected: IAC SB IAC IAC)");
        }
        beginSubnegotiation(IAC);
        return i;
    }

    private void beginSubnegotiation(int code) {
        option = code;
        length = 0;
        state = State.SB_DATA;
    }

    private int sbData(byte[] buf, int i, int end) {
        int j = i;
        while (j < end && (buf[j] & 0xFF) != IAC) {
            j++;
        }
        if (append(buf, i, j - i) && j < end) {
            state = State.SB_IAC;
            return j + 1;
        }
        return j;
    }

    private int sbIac(int b, int i) {
        if (b == IAC) {
            state = State.SB_DATA;
            appendByte(IAC);
            return i + 1;
        }
        if (b == SE) {
            state = State.DATA;
            byte[] payload = buffer;
            int len = length;
            length = 0;
            if (buffer.length > KEPT_BUFFER) {
                buffer = EMPTY;
            }
            sink.subnegotiation(option, payload, len);
            return i + 1;
        }
        if (b >= FIRST_COMMAND) {
            state = State.IAC;
            length = 0;
            if (!warnings.muted()) {
                warnings.report("subnegotiation " + TelnetOption.name(option) + " ended by IAC "
                        + Warnings.hex(b) + " (expected: IAC SE); discarded");
            }
            return i;
        }
        if (!warnings.muted()) {
            warnings.report("subnegotiation " + TelnetOption.name(option) + ": IAC " + Warnings.hex(b)
                    + " (expected: IAC IAC or IAC SE); the 255 is kept as data");
        }
        state = State.SB_DATA;
        appendByte(IAC);
        return i;
    }

    private boolean appendByte(int b) {
        one[0] = (byte) b;
        return append(one, 0, 1);
    }

    /** Appends to the subnegotiation buffer; on overflow warns, switches to discarding, returns false. */
    private boolean append(byte[] buf, int off, int len) {
        if (len > maxSubnegotiation - length) {
            if (!warnings.muted()) {
                warnings.report("subnegotiation " + TelnetOption.name(option) + " longer than "
                        + maxSubnegotiation + " bytes (expected: at most maxSubnegotiation); discarded");
            }
            length = 0;
            buffer = EMPTY;
            state = State.SB_DISCARD;
            return false;
        }
        if (length + len > buffer.length) {
            int capacity = Math.max(length + len,
                    (int) Math.min(maxSubnegotiation, Math.max(INITIAL_BUFFER, 2L * buffer.length)));
            byte[] grown = new byte[capacity];
            System.arraycopy(buffer, 0, grown, 0, length);
            buffer = grown;
        }
        System.arraycopy(buf, off, buffer, length, len);
        length += len;
        return true;
    }

    private int sbDiscard(byte[] buf, int i, int end) {
        while (i < end) {
            if ((buf[i++] & 0xFF) == IAC) {
                state = State.SB_DISCARD_IAC;
                break;
            }
        }
        return i;
    }

    private int sbDiscardIac(int b, int i) {
        if (b == SE) {
            state = State.DATA;
        } else if (b == IAC || b < FIRST_COMMAND) {
            state = State.SB_DISCARD;
        } else {
            state = State.IAC;
            return i;
        }
        return i + 1;
    }
}
