package io.github.telnetsrv.internal.editor;

import java.util.Arrays;

/**
 * How many terminal columns a character takes: 2 for East Asian Wide and Fullwidth characters and most
 * emoji, 0 for combining marks, format characters and control characters, 1 for everything else.
 *
 * <p>The wide ranges are a table below (Unicode 15 East Asian Width W/F plus the emoji terminals draw two
 * columns wide); zero width comes from the JDK's general category (Mn, Me, Cf, Cc) plus the Hangul
 * medial vowels and final consonants. No external data. Stateless and thread-safe.
 */
public final class DisplayWidth {

    /** Sorted, non-overlapping inclusive ranges {first, last, first, last, ...} of double-width code points. */
    private static final int[] WIDE = {
        0x1100, 0x115F, // Hangul Jamo initial consonants
        0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
        0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693,
        0x26A1, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE,
        0x26D4, 0x26D4, 0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA,
        0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C,
        0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0,
        0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
        0x2E80, 0x303E, // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041, 0x3247, // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, enclosed CJK
        0x3250, 0x4DBF, // enclosed CJK, CJK compatibility, CJK extension A
        0x4E00, 0xA4CF, // CJK unified ideographs, Yi
        0xA960, 0xA97F, // Hangul Jamo extended A
        0xAC00, 0xD7A3, // Hangul syllables
        0xF900, 0xFAFF, // CJK compatibility ideographs
        0xFE10, 0xFE19, // vertical forms
        0xFE30, 0xFE6F, // CJK compatibility forms, small form variants
        0xFF00, 0xFF60, // fullwidth forms
        0xFFE0, 0xFFE6, // fullwidth signs
        0x16FE0, 0x16FE4, 0x16FF0, 0x16FF1,
        0x17000, 0x18CD5, // Tangut, Khitan
        0x18D00, 0x18D08,
        0x1AFF0, 0x1B2FB, // Kana extended, Nushu
        0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A,
        0x1F200, 0x1F202, 0x1F210, 0x1F23B, 0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265,
        0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA,
        0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440,
        0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A,
        0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC,
        0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D7, 0x1F6DC, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC,
        0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF,
        0x1FA70, 0x1FA7C, 0x1FA80, 0x1FA88, 0x1FA90, 0x1FABD, 0x1FABF, 0x1FAC5, 0x1FACE, 0x1FADB,
        0x1FAE0, 0x1FAE8, 0x1FAF0, 0x1FAF8,
        0x20000, 0x2FFFD, // CJK extensions B..F, compatibility supplement
        0x30000, 0x3FFFD, // CJK extension G and later
    };

    private DisplayWidth() {
    }

    /**
     * The columns one code point takes on a terminal.
     *
     * @param codePoint any code point (invalid values count as 1, like the replacement character)
     * @return 0, 1 or 2
     */
    public static int of(int codePoint) {
        if (codePoint < 0x7F) {
            return codePoint >= 0x20 ? 1 : 0;
        }
        if (isZeroWidth(codePoint)) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    /**
     * The columns a text takes on a terminal: the sum over its code points, where escape sequences
     * (colours: {@code ESC [ ... m}, titles: {@code ESC ] ... BEL}) and other control characters take none.
     * Useful for prompts. The text should be one line; a line break is counted as zero columns.
     *
     * @param text the text, not null
     * @return the number of columns
     */
    public static int of(CharSequence text) {
        int columns = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == 0x1B) {
                i = skipEscape(text, i);
                continue;
            }
            int cp = Character.codePointAt(text, i);
            columns += of(cp);
            i += Character.charCount(cp);
        }
        return columns;
    }

    /** Index just past the escape sequence that starts at {@code start} (which holds ESC). */
    private static int skipEscape(CharSequence text, int start) {
        int n = text.length();
        int i = start + 1;
        if (i >= n) {
            return n;
        }
        char kind = text.charAt(i++);
        if (kind == '[') {
            while (i < n && !isFinal(text.charAt(i))) {
                i++;
            }
            return Math.min(i + 1, n);
        }
        if (kind == ']') { // operating system command, ends with BEL or ESC backslash
            while (i < n) {
                char c = text.charAt(i++);
                if (c == 0x07) {
                    return i;
                }
                if (c == 0x1B) {
                    return Math.min(i + 1, n);
                }
            }
            return n;
        }
        return i;
    }

    private static boolean isFinal(char c) {
        return c >= 0x40 && c <= 0x7E;
    }

    /** Combining marks, format characters, controls and Hangul medial/final Jamo: drawn on the previous cell. */
    static boolean isZeroWidth(int codePoint) {
        if (codePoint >= 0x1160 && codePoint <= 0x11FF || codePoint >= 0xD7B0 && codePoint <= 0xD7FF) {
            return true;
        }
        if (codePoint == 0x00AD) { // soft hyphen: terminals show it
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT
                || type == Character.CONTROL
                || codePoint == 0x200B;
    }

    private static boolean isWide(int codePoint) {
        if (codePoint < WIDE[0]) {
            return false;
        }
        // index of the last range start <= codePoint
        int found = Arrays.binarySearch(WIDE, codePoint);
        int index = found >= 0 ? found : -found - 2;
        if (index % 2 == 1) { // landed on a range end: inside only if equal to it
            return found >= 0;
        }
        return codePoint <= WIDE[index + 1];
    }
}
