package io.github.telnetsrv.examples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte strings for the robustness suite's attacks, and checks on what the server sent back. */
final class RobustBytes {

    private RobustBytes() {
    }

    /**
     * Concatenates parts: an {@link Integer} is one byte (0..255), a {@link String} its UTF-8 bytes, a
     * {@code byte[]} itself.
     */
    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            switch (part) {
                case Integer b -> {
                    if (b < 0 || b > 255) {
                        throw new IllegalArgumentException("byte: " + b + " (expected: 0..255)");
                    }
                    out.write(b);
                }
                case String s -> out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                case byte[] raw -> out.writeBytes(raw);
                default -> throw new IllegalArgumentException("part: " + part + " (expected: Integer, String or "
                        + "byte[])");
            }
        }
        return out.toByteArray();
    }

    /** {@code unit} repeated {@code times} times. */
    static byte[] repeat(byte[] unit, int times) {
        byte[] all = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, all, i * unit.length, unit.length);
        }
        return all;
    }

    /** Decodes UTF-8 strictly, or fails saying where the server sent bytes that are not UTF-8. */
    static String strictUtf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("expected " + what + " to be valid UTF-8 (raw bytes of the client must not come "
                    + "back), saw " + RobustClient.quote(new String(bytes, StandardCharsets.ISO_8859_1)), e);
        }
    }

    /**
     * Checks that text the server sent carries no control character a client could have planted: only CR, LF,
     * BEL and printable characters, and ESC only in the demo's own colour codes ({@code ESC[91m}, {@code ESC[0m}).
     */
    static void assertNoPlantedControls(byte[] reply, String what) {
        String text = strictUtf8(reply, what);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed;
            if (c == '\u001b') {
                allowed = text.startsWith("[91m", i + 1) || text.startsWith("[0m", i + 1);
            } else {
                allowed = c == '\r' || c == '\n' || c == '\u0007' || (c >= 0x20 && c < 0x7F) || c >= 0xA0;
            }
            if (!allowed) {
                int from = Math.max(0, i - 40);
                int to = Math.min(text.length(), i + 40);
                throw new AssertionError("expected no control character from the client in " + what + ", saw "
                        + String.format("U+%04X", (int) c) + " at " + i + " in "
                        + RobustClient.quote(text.substring(from, to)));
            }
        }
    }
}
