package io.github.telnetsrv;

/**
 * Where escape sequences start and end in text (ECMA-48 / ANSI X3.64), for {@link Style} and {@link Table}.
 * Stateless and thread-safe.
 */
final class EscapeSequences {

    static final char ESC = '\u001b';
    private static final char BEL = '\u0007';

    private EscapeSequences() {
    }

    /**
     * The text without escape sequences, except SGR sequences when {@code keepSgr} (for {@link Table}: styles
     * stay, cursor moves go).
     */
    static String strip(String text, boolean keepSgr) {
        int esc = text.indexOf(ESC);
        if (esc < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (esc >= 0) {
            out.append(text, i, esc);
            i = end(text, esc);
            if (keepSgr && isSgr(text, esc, i)) {
                out.append(text, esc, i);
            }
            esc = text.indexOf(ESC, i);
        }
        return out.append(text, i, text.length()).toString();
    }

    /**
     * Index just past the escape sequence that starts at {@code start} (which holds ESC), following ECMA-48:
     * CSI, string sequences, {@code ESC} intermediates final, or the lone ESC itself.
     */
    static int end(String text, int start) {
        int n = text.length();
        int i = start + 1;
        if (i >= n) {
            return n;
        }
        char kind = text.charAt(i);
        if (kind == '[') { // CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, final byte 0x40-0x7E
            i++;
            while (i < n && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x3F) {
                i++;
            }
            if (i >= n) {
                return n;
            }
            char last = text.charAt(i);
            return last >= 0x40 && last <= 0x7E ? i + 1 : i; // a malformed sequence ends before the stray character
        }
        if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') { // OSC, DCS, SOS, PM, APC
            for (i++; i < n; i++) {
                char c = text.charAt(i);
                if (c == BEL) {
                    return i + 1;
                }
                if (c == ESC) { // ST is ESC backslash; any other ESC starts the next sequence
                    return i + 1 < n && text.charAt(i + 1) == '\\' ? i + 2 : i;
                }
            }
            return n;
        }
        while (i < n && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2F) {
            i++;
        }
        return i < n && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x7E ? i + 1 : i;
    }

    /** Whether {@code text[start, end)} is an SGR sequence: ESC [, only digits, ';' and ':', then m. */
    static boolean isSgr(String text, int start, int end) {
        if (end - start < 3 || text.charAt(start + 1) != '[' || text.charAt(end - 1) != 'm') {
            return false;
        }
        for (int i = start + 2; i < end - 1; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == ';' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    /** Index of the last parameter that resets all attributes (empty or 0), skipping colour arguments; or -1. */
    static int lastReset(String[] params) {
        int reset = -1;
        for (int i = 0; i < params.length; i++) {
            String p = params[i];
            if (p.chars().allMatch(c -> c == '0')) {
                reset = i;
            } else if ((p.equals("38") || p.equals("48") || p.equals("58")) && i + 1 < params.length) {
                i += params[i + 1].equals("5") ? 2 : params[i + 1].equals("2") ? 4 : 0;
            }
        }
        return reset;
    }

    /**
     * Whether, after the escape sequences of {@code text}, some SGR attribute is still on: the last SGR sequence
     * sets something after its last reset.
     */
    static boolean leavesStyleOn(String text) {
        boolean on = false;
        int esc = text.indexOf(ESC);
        while (esc >= 0) {
            int end = end(text, esc);
            if (isSgr(text, esc, end)) {
                on = !endsWithReset(text, esc, end);
            }
            esc = text.indexOf(ESC, end);
        }
        return on;
    }

    /** For an SGR sequence {@code text[start, end)}: whether its last parameter is a reset (so nothing is on). */
    static boolean endsWithReset(String text, int start, int end) {
        String[] params = text.substring(start + 2, end - 1).split(";", -1);
        return lastReset(params) == params.length - 1;
    }
}
