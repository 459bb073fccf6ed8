package io.github.telnetsrv.internal.command;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address literal read without the name service: a dotted IPv4 address ({@code 192.0.2.1}: four decimal
 * numbers 0 to 255, no leading zeros, which some parsers read as octal) or an IPv6 address in the text forms of RFC
 * 4291 section 2.2 (eight groups of one to four hex digits, one {@code ::} for one or more groups of zeros, the last
 * 32 bits possibly as a dotted IPv4 address). A zone ({@code fe80::1%eth0}) and brackets are not accepted.
 *
 * <p>The address is made from its bytes ({@link InetAddress#getByAddress(byte[])}), so a host name is never looked
 * up: {@code localhost} or {@code 1.2.3.4.5} is simply not an address. One pass over the text; stateless.
 */
final class AddressLiteral {

    private AddressLiteral() {
    }

    /**
     * The address a literal denotes (surrounding white space ignored).
     *
     * @param word the literal
     * @return the address: an {@code Inet4Address} for IPv4 and for an IPv4-mapped IPv6 address, as the JDK makes
     * @throws IllegalArgumentException if the word is not an IPv4 or IPv6 literal
     */
    static InetAddress parse(String word) {
        String text = word.strip();
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text, 0, text.length());
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address literal: " + word);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e); // 4 or 16: never
        }
    }

    /** The 4 bytes of a dotted IPv4 address in {@code text[from, to)}, or null. */
    private static byte[] ipv4(String text, int from, int to) {
        byte[] bytes = new byte[4];
        int part = 0;
        int at = from;
        while (true) {
            int start = at;
            int value = 0;
            while (at < to && at - start < 3 && isDigit(text.charAt(at))) {
                value = value * 10 + (text.charAt(at) - '0');
                at++;
            }
            int digits = at - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            bytes[part++] = (byte) value;
            if (part == 4) {
                return at == to ? bytes : null;
            }
            if (at >= to || text.charAt(at) != '.') {
                return null;
            }
            at++;
        }
    }

    /** The 16 bytes of an IPv6 address, or null. */
    private static byte[] ipv6(String text) {
        byte[] bytes = new byte[16];
        int length = text.length();
        int filled = 0; // bytes written from the left
        int gap = -1; // where "::" stands, in bytes, or -1
        int at = 0;
        if (text.startsWith("::")) {
            gap = 0;
            at = 2;
            if (at == length) {
                return bytes; // "::", the unspecified address
            }
        } else if (text.startsWith(":")) {
            return null;
        }
        while (true) {
            int start = at;
            int value = 0;
            while (at < length && at - start < 4 && hexValue(text.charAt(at)) >= 0) {
                value = (value << 4) | hexValue(text.charAt(at));
                at++;
            }
            if (at < length && text.charAt(at) == '.') {
                // The last 32 bits as a dotted IPv4 address: from the start of this group to the end.
                if (filled > 12) {
                    return null;
                }
                byte[] v4 = ipv4(text, start, length);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, bytes, filled, 4);
                filled += 4;
                break;
            }
            if (at == start || filled == 16) {
                return null; // an empty group, a fifth hex digit, a character that is no digit, a ninth group
            }
            bytes[filled++] = (byte) (value >> 8);
            bytes[filled++] = (byte) value;
            if (at == length) {
                break;
            }
            if (text.charAt(at) != ':') {
                return null;
            }
            at++;
            if (at < length && text.charAt(at) == ':') {
                if (gap >= 0) {
                    return null; // a second "::"
                }
                gap = filled;
                at++;
                if (at == length) {
                    break; // "::" at the end
                }
            } else if (at == length) {
                return null; // a single ':' at the end
            }
        }
        if (gap < 0) {
            return filled == 16 ? bytes : null;
        }
        if (filled == 16) {
            return null; // "::" stands for at least one group of zeros
        }
        // Move what came after "::" to the end; the zeros it stands for are in between.
        int after = filled - gap;
        System.arraycopy(bytes, gap, bytes, 16 - after, after);
        java.util.Arrays.fill(bytes, gap, 16 - after, (byte) 0);
        return bytes;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of an ASCII hex digit, or -1 (other scripts' digits are not hex digits here). */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
