package io.github.telnetsrv.transport;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Streaming decoder from the bytes a client typed (protocol sequences already removed) to characters, for a
 * {@link Transport} to hand to {@link Transport.Events#typed}.
 *
 * <p>A multi-byte character split across calls is kept until its last byte arrives ({@code C3} then
 * {@code A9} gives "é"). Malformed input becomes U+FFFD and never throws ({@code C0 80}, {@code ED A0 80},
 * a lone {@code 80}). Confined to one session's thread.
 */
public final class TextDecoder {

    private static final int CHUNK = 256;
    /** Longest partial character kept between calls; more than any charset's bytes per character. */
    private static final int CARRY = 16;

    private final CharsetDecoder decoder;
    private final boolean asciiCompatible;
    /** Bytes of a partial character from the previous call (flipped: ready to read); null when none. */
    private ByteBuffer carry;

    /**
     * A decoder for one session's input.
     *
     * @param charset the session's charset, for example UTF-8
     */
    public TextDecoder(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("\uFFFD");
        this.asciiCompatible = charset.equals(StandardCharsets.UTF_8)
                || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes bytes and appends the complete characters; a trailing partial character is kept for the next
     * call.
     *
     * @param buf the bytes
     * @param off where they start
     * @param len how many
     * @param out where the characters go
     */
    public void decode(byte[] buf, int off, int len, StringBuilder out) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        int i = off;
        if (carry != null) {
            i = finishCarry(buf, i, end, out);
        }
        if (asciiCompatible && carry == null) {
            while (i < end && buf[i] >= 0) { // plain ASCII: no decoder needed (every keystroke takes this path)
                out.append((char) buf[i]);
                i++;
            }
        }
        if (i < end) {
            ByteBuffer in = ByteBuffer.wrap(buf, i, end - i);
            decodeInto(in, out, false);
            keepRest(in);
        }
    }

    /**
     * The input ended: a partial character left from the last call becomes U+FFFD. The decoder is then
     * ready for new input.
     *
     * @param out where the characters go
     */
    public void endOfInput(StringBuilder out) {
        ByteBuffer in = carry != null ? carry : ByteBuffer.allocate(0);
        carry = null;
        decodeInto(in, out, true);
        CharBuffer chars = CharBuffer.allocate(8);
        decoder.flush(chars);
        out.append(chars.flip());
        decoder.reset();
    }

    /** Feeds bytes one at a time after the carried partial character until it is complete (or malformed). */
    private int finishCarry(byte[] buf, int i, int end, StringBuilder out) {
        while (i < end && carry != null) {
            ByteBuffer in = ByteBuffer.allocate(carry.remaining() + 1);
            in.put(carry).put(buf[i++]).flip();
            carry = null;
            decodeInto(in, out, false);
            keepRest(in);
        }
        return i;
    }

    private void keepRest(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return;
        }
        if (in.remaining() > CARRY) { // cannot happen with a sane charset; never hold more than a character
            in.position(in.limit() - CARRY);
        }
        ByteBuffer rest = ByteBuffer.allocate(in.remaining());
        rest.put(in).flip();
        carry = rest;
    }

    private void decodeInto(ByteBuffer in, StringBuilder out, boolean endOfInput) {
        CharBuffer chars = CharBuffer.allocate(Math.min(CHUNK, Math.max(in.remaining(), 1) + 1));
        while (true) {
            CoderResult result = decoder.decode(in, chars, endOfInput);
            out.append(chars.flip());
            chars.clear();
            if (result.isUnderflow()) {
                return;
            }
            // overflow: the chunk is full, go on; errors are replaced by the decoder (REPLACE)
        }
    }
}
