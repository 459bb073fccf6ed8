package io.github.telnetsrv.protocol;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * The output side of the protocol: application text as Telnet data, and commands.
 *
 * <p>Stateless; every method is safe to call from any thread. Methods that return arrays return
 * new ones.
 */
public final class TelnetEncoder {

    private static final int CR = '\r';
    private static final int LF = '\n';

    private TelnetEncoder() {
    }

    /**
     * Writes text bytes as Telnet data: IAC (255) is doubled, {@code "\r\n"} stays CR LF, a lone
     * {@code "\n"} becomes CR LF, and a lone {@code "\r"} (not followed by {@code "\n"} in this
     * buffer) becomes CR NUL, so no bare CR or LF reaches the client.
     *
     * @param src the bytes to send
     * @param off the first byte
     * @param len the number of bytes
     * @param out where the encoded bytes go
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} are outside {@code src}
     */
    public static void writeData(byte[] src, int off, int len, ByteArrayOutputStream out) {
        Objects.checkFromIndexSize(off, len, src.length);
        Objects.requireNonNull(out, "out");
        int end = off + len;
        int run = off;
        for (int i = off; i < end; i++) {
            int b = src[i] & 0xFF;
            if (b != IAC && b != CR && b != LF) {
                continue;
            }
            out.write(src, run, i - run);
            if (b == IAC) {
                out.write(IAC);
                out.write(IAC);
            } else if (b == LF) {
                out.write(CR);
                out.write(LF);
            } else if (i + 1 < end && src[i + 1] == LF) {
                out.write(CR);
                out.write(LF);
                i++;
            } else {
                out.write(CR);
                out.write(0);
            }
            run = i + 1;
        }
        out.write(src, run, end - run);
    }

    /**
     * Encodes like {@link #writeData(byte[], int, int, ByteArrayOutputStream)} into an array.
     *
     * @param src    the bytes to send
     * @param off    the first byte
     * @param len    the number of bytes
     * @param dst    where the encoded bytes go; needs room for {@link #maxDataLength(int)
     *               maxDataLength(len)} bytes from {@code dstOff}
     * @param dstOff the first byte written
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if a range is outside its array or {@code dst} lacks room
     */
    public static int writeData(byte[] src, int off, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(off, len, src.length);
        Objects.checkFromIndexSize(dstOff, maxDataLength(len), dst.length);
        int end = off + len;
        int o = dstOff;
        for (int i = off; i < end; i++) {
            byte b = src[i];
            if (b == (byte) IAC) {
                dst[o++] = (byte) IAC;
                dst[o++] = (byte) IAC;
            } else if (b == LF) {
                dst[o++] = CR;
                dst[o++] = LF;
            } else if (b == CR) {
                dst[o++] = CR;
                if (i + 1 < end && src[i + 1] == LF) {
                    dst[o++] = LF;
                    i++;
                } else {
                    dst[o++] = 0;
                }
            } else {
                dst[o++] = b;
            }
        }
        return o - dstOff;
    }

    /**
     * Returns the most bytes {@link #writeData(byte[], int, int, byte[], int)} can write for
     * {@code len} input bytes.
     *
     * @param len a number of input bytes, {@code 0..Integer.MAX_VALUE / 2}
     * @return {@code 2 * len}
     * @throws IllegalArgumentException if {@code len} is out of range
     */
    public static int maxDataLength(int len) {
        if (len < 0 || len > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(
                    "len: " + len + " (expected: 0.." + Integer.MAX_VALUE / 2 + ")");
        }
        return 2 * len;
    }

    /**
     * Returns a two-byte command, {@code IAC x}.
     *
     * @param command NOP, DM, BRK, IP, AO, AYT, EC, EL or GA
     * @return {@code FF code}
     * @throws IllegalArgumentException for SE, SB, WILL, WONT, DO, DONT and IAC, which are not
     *                                  complete commands on their own
     */
    public static byte[] command(TelnetCommand command) {
        Objects.requireNonNull(command, "command");
        if (command.code() < TelnetCommand.NOP.code() || command.code() > TelnetCommand.GA.code()) {
            throw new IllegalArgumentException("command: " + command
                    + " (expected: one of NOP, DM, BRK, IP, AO, AYT, EC, EL, GA)");
        }
        return new byte[] {(byte) IAC, (byte) command.code()};
    }

    /**
     * Returns an option negotiation, {@code IAC verb option}.
     *
     * @param verb   WILL, WONT, DO or DONT
     * @param option the option code, {@code 0..255} (sent as one byte, never doubled)
     * @return the three bytes
     * @throws IllegalArgumentException if {@code verb} is not a negotiation verb or {@code option}
     *                                  is out of range
     */
    public static byte[] negotiation(TelnetCommand verb, int option) {
        Objects.requireNonNull(verb, "verb");
        if (verb.code() < TelnetCommand.WILL.code() || verb.code() > TelnetCommand.DONT.code()) {
            throw new IllegalArgumentException(
                    "verb: " + verb + " (expected: one of WILL, WONT, DO, DONT)");
        }
        OptionPolicy.checkOption(option);
        return new byte[] {(byte) IAC, (byte) verb.code(), (byte) option};
    }

    /**
     * Returns a subnegotiation, {@code IAC SB option payload IAC SE}, with every 255 in the option
     * and the payload doubled.
     *
     * @param option  the option code, {@code 0..255}
     * @param payload the parameters, unescaped
     * @return the framed bytes
     * @throws IllegalArgumentException if {@code option} is out of range
     */
    public static byte[] subnegotiation(int option, byte[] payload) {
        OptionPolicy.checkOption(option);
        Objects.requireNonNull(payload, "payload");
        int escapes = option == IAC ? 1 : 0;
        for (byte b : payload) {
            if (b == (byte) IAC) {
                escapes++;
            }
        }
        byte[] out = new byte[5 + payload.length + escapes];
        int o = 0;
        out[o++] = (byte) IAC;
        out[o++] = (byte) TelnetCommand.SB.code();
        out[o++] = (byte) option;
        if (option == IAC) {
            out[o++] = (byte) IAC;
        }
        for (byte b : payload) {
            out[o++] = b;
            if (b == (byte) IAC) {
                out[o++] = (byte) IAC;
            }
        }
        out[o++] = (byte) IAC;
        out[o] = (byte) TelnetCommand.SE.code();
        return out;
    }
}
