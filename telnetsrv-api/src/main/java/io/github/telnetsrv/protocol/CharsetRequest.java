package io.github.telnetsrv.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Answers a CHARSET REQUEST (RFC 2066): {@code REQUEST [ "[TTABLE]" version ] sep name (sep name)*}.
 * UTF-8 is accepted when offered; anything else is rejected, since the engine decodes nothing but
 * UTF-8 and ASCII. Stateless.
 */
final class CharsetRequest {

    static final int REQUEST = 1;
    static final int ACCEPTED = 2;
    static final int REJECTED = 3;
    static final int TTABLE_IS = 4;

    private static final byte[] TTABLE = "[TTABLE]".getBytes(StandardCharsets.US_ASCII);

    private CharsetRequest() {
    }

    /**
     * Finds UTF-8 among the offered names in {@code buf[off..off+len)} (after the REQUEST byte).
     *
     * @return the name as the client spelled it, or {@code null} to reject
     */
    static String chooseUtf8(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        if (startsWith(buf, i, end, TTABLE)) {
            i += TTABLE.length + 1;
        }
        if (i >= end) {
            return null;
        }
        byte separator = buf[i++];
        int start = i;
        for (; i <= end; i++) {
            if (i == end || buf[i] == separator) {
                String name = new String(buf, start, i - start, StandardCharsets.US_ASCII);
                if (name.equalsIgnoreCase("UTF-8") || name.equalsIgnoreCase("UTF8")) {
                    return name;
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] buf, int off, int end, byte[] prefix) {
        if (end - off < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
