package io.github.telnetsrv.ssh;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The address list of an {@code authorized_keys} {@code from="..."} option, matched as OpenSSH matches it against
 * the client's IP address: comma-separated patterns, each an address, a CIDR block ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}) or a wildcard of an address's text ({@code *} any run of characters, {@code ?} one), any of
 * them negated by a leading {@code !}. The address is let in if some pattern matches it and no negated one does.
 *
 * <p>Host names are never looked up (OpenSSH too matches addresses only unless {@code UseDNS} is on), so a pattern
 * that can only be a host name is refused when the file is read rather than never match, as is a CIDR block with
 * bits set past its mask (OpenSSH refuses those too). Immutable; any thread. Matching is linear in the patterns'
 * length times the address's.
 */
final class AddressPatterns {

    private final List<Pattern> patterns;

    private AddressPatterns(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses a {@code from=} value.
     *
     * @param list the comma-separated patterns
     * @return the patterns
     * @throws IllegalArgumentException if a pattern is empty, names a host, or is a malformed CIDR block
     */
    static AddressPatterns parse(String list) {
        List<Pattern> parsed = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String text = item.trim();
            boolean negated = text.startsWith("!");
            if (negated) {
                text = text.substring(1);
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty pattern in from=\"" + list + "\" (expected: addresses, "
                        + "CIDR blocks or wildcards, separated by commas)");
            }
            parsed.add(text.indexOf('/') >= 0 ? Cidr.parse(text, negated) : Wildcard.parse(text, negated));
        }
        return new AddressPatterns(parsed);
    }

    /**
     * Whether the address is let in.
     *
     * @param address the client's address, or {@code null} if it is not an IP address (never let in)
     * @return true if a pattern matches and no negated pattern does
     */
    boolean permits(InetAddress address) {
        if (address == null) {
            return false;
        }
        String text = text(address);
        boolean matched = false;
        for (Pattern pattern : patterns) {
            if (pattern.matches(address, text)) {
                if (pattern.negated()) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /** The address as OpenSSH writes it: dotted quad, or IPv6 in its short form (RFC 5952), lower case. */
    static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private sealed interface Pattern permits Cidr, Wildcard {
        boolean negated();

        boolean matches(InetAddress address, String text);
    }

    /** An address with a mask length: matches the addresses of its family that share its first bits. */
    private record Cidr(byte[] network, int bits, boolean negated) implements Pattern {

        static Cidr parse(String text, boolean negated) {
            int slash = text.indexOf('/');
            String addressText = text.substring(0, slash);
            String bitsText = text.substring(slash + 1);
            byte[] network = literal(addressText);
            if (network == null || bitsText.isEmpty() || bitsText.length() > 3
                    || !bitsText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("from= pattern '" + text + "' is not a CIDR block (expected: "
                        + "an IP address, '/', a mask length, such as 10.0.0.0/8 or 2001:db8::/32)");
            }
            int bits = Integer.parseInt(bitsText);
            if (bits > network.length * 8) {
                throw new IllegalArgumentException("from= pattern '" + text + "': mask length " + bits
                        + " (expected: 0.." + network.length * 8 + ")");
            }
            for (int bit = bits; bit < network.length * 8; bit++) {
                if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                    throw new IllegalArgumentException("from= pattern '" + text + "' has bits set past its /"
                            + bits + " mask (expected: the block's first address, as OpenSSH requires)");
                }
            }
            return new Cidr(network, bits, negated);
        }

        @Override
        public boolean matches(InetAddress address, String text) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A wildcard matched against the address's text ({@link #text}); an address alone matches itself. */
    private record Wildcard(String pattern, byte[] exact, boolean negated) implements Pattern {

        static Wildcard parse(String text, boolean negated) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); i++) {
                char c = lower.charAt(i);
                boolean addressChar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '.' || c == ':'
                        || c == '*' || c == '?';
                if (!addressChar) {
                    throw new IllegalArgumentException("from= pattern '" + text + "' is a host name, which the "
                            + "server never looks up (expected: an IP address, a CIDR block, or a wildcard of an "
                            + "address such as 192.168.1.*)");
                }
            }
            boolean wild = lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0;
            return new Wildcard(lower, wild ? null : literal(lower), negated);
        }

        @Override
        public boolean matches(InetAddress address, String text) {
            if (exact != null) {
                return Arrays.equals(exact, address.getAddress());
            }
            return glob(pattern, text);
        }
    }

    /** OpenSSH's {@code *} and {@code ?} match, iterative, backtracking only to the last star. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * The bytes of an IPv4 dotted quad or an IPv6 literal, or {@code null}; never a name lookup (an IPv4 text is
     * parsed here, and the JDK parses a text with a colon as an IPv6 literal or fails, without the resolver).
     */
    static byte[] literal(String text) {
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        if (text.charAt(0) == '.') {
            return null; // the JDK would take it for a name
        }
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
                return null; // no zone ids, brackets or names
            }
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            byte[] bytes = address.getAddress();
            if (address instanceof Inet4Address) { // an IPv4-mapped literal: match it as the JDK reports clients
                return bytes;
            }
            return address instanceof Inet6Address ? bytes : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "AddressPatterns" + patterns.size();
    }
}
