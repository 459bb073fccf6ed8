package io.github.telnetsrv.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test notation for bytes: hex pairs and quoted ASCII, as in {@code 61 FF "ls" 0D}. */
final class Bytes {

    private Bytes() {
    }

    /** Parses whitespace-separated hex pairs and {@code "quoted"} ASCII text (no escapes). */
    static byte[] of(String notation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int n = notation.length();
        while (i < n) {
            char c = notation.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = notation.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated quote in: " + notation);
                }
                out.writeBytes(notation.substring(i + 1, close).getBytes(StandardCharsets.ISO_8859_1));
                i = close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(notation.charAt(end))) {
                    end++;
                }
                String token = notation.substring(i, end);
                if (token.length() != 2) {
                    throw new IllegalArgumentException("token: " + token + " (expected: two hex digits or \"text\")");
                }
                out.write(HexFormat.fromHexDigits(token));
                i = end;
            }
        }
        return out.toByteArray();
    }

    /** Formats bytes as upper-case hex pairs separated by spaces. */
    static String hex(byte[] buf, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = off; i < off + len; i++) {
            if (i > off) {
                sb.append(' ');
            }
            sb.append(HexFormat.of().withUpperCase().toHexDigits(buf[i]));
        }
        return sb.toString();
    }

    static String hex(byte[] buf) {
        return hex(buf, 0, buf.length);
    }

    /** Re-spells a notation in plain hex, so {@code "ls" 0D} and {@code 6C 73 0D} compare equal. */
    static String normalize(String notation) {
        return hex(of(notation));
    }
}
