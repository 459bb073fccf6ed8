package io.github.telnetsrv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable text style for terminals, written as an ANSI SGR ("select graphic rendition") escape sequence:
 * bold, dim, italic, underline and inverse, and a foreground and a background colour, each one of the 16
 * {@linkplain Color basic colours}, an index into the 256-colour palette, or a 24-bit true colour.
 *
 * <p>Styles are built from {@link #NONE} (also {@link #plain()}) or one of the attribute constants by calls that
 * each return a new style: {@code Style.BOLD.fg(Style.Color.RED)}, {@code Style.plain().fg256(208)},
 * {@code Style.UNDERLINE.fgRgb(255, 128, 0).bg(Style.Color.BLACK)}. Attributes add up; a colour replaces the
 * previous colour of the same ground. There are deliberately no static factories named like the builder calls
 * ({@code Style.bold()}, {@code Style.fg(...)}): Java lets a static method be called through an instance, so
 * {@code Style.bold().fg(RED)} would compile and silently lose the bold.
 *
 * <p>A style always applies: {@link #apply(String)} wraps the text in escape sequences whatever the client is.
 * Whether a session's output is styled at all (a terminal) or not (netcat, an SSH exec request, {@code TERM=dumb})
 * is the session's decision; for plain clients, {@link #strip(String)} removes the escape sequences again.
 *
 * <p>Immutable and thread-safe.
 */
public final class Style {

    /** The escape sequence that ends every style ({@code ESC [ 0 m}). */
    static final String RESET = "\u001b[0m";

    private static final char ESC = EscapeSequences.ESC;

    private static final int BOLD_BIT = 1;
    private static final int DIM_BIT = 1 << 1;
    private static final int ITALIC_BIT = 1 << 2;
    private static final int UNDERLINE_BIT = 1 << 3;
    private static final int INVERSE_BIT = 1 << 4;
    /** SGR code of each attribute bit, in bit order. */
    private static final int[] ATTRIBUTE_CODES = {1, 2, 3, 4, 7};
    private static final String[] ATTRIBUTE_NAMES = {"bold", "dim", "italic", "underline", "inverse"};

    /** Colour kinds, in the top byte of an encoded colour; 0 is "no colour". */
    private static final int BASIC = 1 << 24;
    private static final int INDEXED = 2 << 24;
    private static final int TRUE_COLOR = 3 << 24;
    private static final int KIND_MASK = 0xFF << 24;
    private static final int VALUE_MASK = 0xFF_FFFF;

    /** The empty style: {@link #apply(String)} returns the text unchanged and {@link #sgr()} is empty. */
    public static final Style NONE = new Style(0, 0, 0);
    /** Bold (SGR 1), also drawn as bright by some terminals. */
    public static final Style BOLD = new Style(BOLD_BIT, 0, 0);
    /** Dim, or faint (SGR 2). */
    public static final Style DIM = new Style(DIM_BIT, 0, 0);
    /** Italic (SGR 3); some terminals draw it as inverse or not at all. */
    public static final Style ITALIC = new Style(ITALIC_BIT, 0, 0);
    /** Underline (SGR 4). */
    public static final Style UNDERLINE = new Style(UNDERLINE_BIT, 0, 0);
    /** Inverse, or reverse video (SGR 7): foreground and background swapped. */
    public static final Style INVERSE = new Style(INVERSE_BIT, 0, 0);

    /** The 8 basic and 8 bright colours every colour terminal has (their exact shades are the terminal's). */
    public enum Color {
        /** Black (SGR 30, background 40). */
        BLACK(30),
        /** Red (SGR 31, background 41). */
        RED(31),
        /** Green (SGR 32, background 42). */
        GREEN(32),
        /** Yellow (SGR 33, background 43). */
        YELLOW(33),
        /** Blue (SGR 34, background 44). */
        BLUE(34),
        /** Magenta (SGR 35, background 45). */
        MAGENTA(35),
        /** Cyan (SGR 36, background 46). */
        CYAN(36),
        /** White, often light grey (SGR 37, background 47). */
        WHITE(37),
        /** Bright black, that is dark grey (SGR 90, background 100). */
        BRIGHT_BLACK(90),
        /** Bright red (SGR 91, background 101). */
        BRIGHT_RED(91),
        /** Bright green (SGR 92, background 102). */
        BRIGHT_GREEN(92),
        /** Bright yellow (SGR 93, background 103). */
        BRIGHT_YELLOW(93),
        /** Bright blue (SGR 94, background 104). */
        BRIGHT_BLUE(94),
        /** Bright magenta (SGR 95, background 105). */
        BRIGHT_MAGENTA(95),
        /** Bright cyan (SGR 96, background 106). */
        BRIGHT_CYAN(96),
        /** Bright white (SGR 97, background 107). */
        BRIGHT_WHITE(97);

        /** The foreground code; the background code is 10 more. */
        private final int code;

        Color(int code) {
            this.code = code;
        }
    }

    private static final Color[] COLORS = Color.values();

    private final int attributes;
    /** Encoded colours: kind in the top byte ({@link #BASIC}: ordinal, {@link #INDEXED}: index, rgb), or 0. */
    private final int fg;
    private final int bg;

    private Style(int attributes, int fg, int bg) {
        this.attributes = attributes;
        this.fg = fg;
        this.bg = bg;
    }

    /**
     * The empty style, {@link #NONE}.
     *
     * @return {@link #NONE}
     */
    public static Style plain() {
        return NONE;
    }

    /**
     * This style, bold.
     *
     * @return the new style
     */
    public Style bold() {
        return new Style(attributes | BOLD_BIT, fg, bg);
    }

    /**
     * This style, dim.
     *
     * @return the new style
     */
    public Style dim() {
        return new Style(attributes | DIM_BIT, fg, bg);
    }

    /**
     * This style, italic.
     *
     * @return the new style
     */
    public Style italic() {
        return new Style(attributes | ITALIC_BIT, fg, bg);
    }

    /**
     * This style, underlined.
     *
     * @return the new style
     */
    public Style underline() {
        return new Style(attributes | UNDERLINE_BIT, fg, bg);
    }

    /**
     * This style, inverse.
     *
     * @return the new style
     */
    public Style inverse() {
        return new Style(attributes | INVERSE_BIT, fg, bg);
    }

    /**
     * This style with a basic foreground colour (SGR 30..37, 90..97), replacing any foreground colour.
     *
     * @param color the colour, not null
     * @return the new style
     */
    public Style fg(Color color) {
        return new Style(attributes, BASIC | Objects.requireNonNull(color, "color").ordinal(), bg);
    }

    /**
     * This style with a foreground colour from the 256-colour palette (SGR {@code 38;5;index}), replacing any
     * foreground colour.
     *
     * @param index the palette index, 0..255
     * @return the new style
     */
    public Style fg256(int index) {
        return new Style(attributes, INDEXED | check("index", index), bg);
    }

    /**
     * This style with a true-colour foreground (SGR {@code 38;2;r;g;b}), replacing any foreground colour.
     * Terminals without true colour show the nearest colour they have, or ignore it.
     *
     * @param red the red component, 0..255
     * @param green the green component, 0..255
     * @param blue the blue component, 0..255
     * @return the new style
     */
    public Style fgRgb(int red, int green, int blue) {
        return new Style(attributes, TRUE_COLOR | rgb(red, green, blue), bg);
    }

    /**
     * This style with a basic background colour (SGR 40..47, 100..107), replacing any background colour.
     *
     * @param color the colour, not null
     * @return the new style
     */
    public Style bg(Color color) {
        return new Style(attributes, fg, BASIC | Objects.requireNonNull(color, "color").ordinal());
    }

    /**
     * This style with a background colour from the 256-colour palette (SGR {@code 48;5;index}), replacing any
     * background colour.
     *
     * @param index the palette index, 0..255
     * @return the new style
     */
    public Style bg256(int index) {
        return new Style(attributes, fg, INDEXED | check("index", index));
    }

    /**
     * This style with a true-colour background (SGR {@code 48;2;r;g;b}), replacing any background colour.
     *
     * @param red the red component, 0..255
     * @param green the green component, 0..255
     * @param blue the blue component, 0..255
     * @return the new style
     */
    public Style bgRgb(int red, int green, int blue) {
        return new Style(attributes, fg, TRUE_COLOR | rgb(red, green, blue));
    }

    /**
     * This style combined with another: the attributes of both, and the other's colours where it has them.
     *
     * @param other the style laid over this one, not null
     * @return the combined style
     */
    public Style and(Style other) {
        Objects.requireNonNull(other, "other");
        return new Style(attributes | other.attributes, other.fg != 0 ? other.fg : fg, other.bg != 0 ? other.bg : bg);
    }

    /**
     * Whether this is the empty style ({@link #NONE}): no attribute and no colour.
     *
     * @return true for the empty style
     */
    public boolean isPlain() {
        return attributes == 0 && fg == 0 && bg == 0;
    }

    /**
     * The escape sequence that turns this style on: {@code ESC [} the attribute codes in ascending order, then the
     * foreground, then the background, separated by {@code ;}, then {@code m}; for example {@code ESC[1;31m} for
     * bold red. It does not reset a style already in effect.
     *
     * @return the sequence, or the empty string for the empty style
     */
    public String sgr() {
        if (isPlain()) {
            return "";
        }
        List<String> codes = new ArrayList<>();
        for (int bit = 0; bit < ATTRIBUTE_CODES.length; bit++) {
            if ((attributes & (1 << bit)) != 0) {
                codes.add(Integer.toString(ATTRIBUTE_CODES[bit]));
            }
        }
        if (fg != 0) {
            codes.add(colorCodes(fg, 0));
        }
        if (bg != 0) {
            codes.add(colorCodes(bg, 10));
        }
        return ESC + "[" + String.join(";", codes) + "m";
    }

    /**
     * The text in this style: {@link #sgr()}, the text, and {@code ESC[0m}. Styles nest: wherever the text resets
     * the style ({@code ESC[0m}, {@code ESC[m}, or a reset among other codes such as {@code ESC[0;32m}), this
     * style is turned on again after the reset, so a styled word inside a styled line does not end the line's
     * style early. A reset that ends the text is kept as the closing reset. Codes that turn off one attribute or
     * colour (such as 22, 39 or 49) are not followed: they end that part of this style for the rest of the text.
     * Other escape sequences are kept as they are.
     *
     * @param text the text, not null
     * @return the styled text; the text itself for the empty style or the empty text
     */
    public String apply(String text) {
        Objects.requireNonNull(text, "text");
        if (isPlain() || text.isEmpty()) {
            return text;
        }
        String open = sgr();
        StringBuilder out = new StringBuilder(text.length() + 2 * open.length() + RESET.length()).append(open);
        int n = text.length();
        int i = 0;
        boolean endsWithReset = false;
        while (i < n) {
            int esc = text.indexOf(ESC, i);
            if (esc < 0) {
                out.append(text, i, n);
                break;
            }
            out.append(text, i, esc);
            int end = EscapeSequences.end(text, esc);
            boolean sgr = EscapeSequences.isSgr(text, esc, end);
            String[] params = sgr ? text.substring(esc + 2, end - 1).split(";", -1) : null;
            int reset = sgr ? EscapeSequences.lastReset(params) : -1;
            if (reset < 0) {
                out.append(text, esc, end);
            } else {
                String rest = String.join(";", Arrays.copyOfRange(params, reset + 1, params.length));
                out.append(RESET);
                if (end == n && rest.isEmpty()) {
                    endsWithReset = true;
                } else {
                    out.append(open);
                    if (!rest.isEmpty()) {
                        out.append(ESC).append('[').append(rest).append('m');
                    }
                }
            }
            i = end;
        }
        if (!endsWithReset) {
            out.append(RESET);
        }
        return out.toString();
    }

    /**
     * The text without escape sequences: SGR sequences ({@code ESC [ params m}) and every other CSI sequence
     * ({@code ESC [}, parameter and intermediate bytes, a final byte), the string sequences (OSC {@code ESC ]}
     * such as titles and hyperlinks, DCS, SOS, PM, APC, up to BEL or {@code ESC \}), two-character escapes such as
     * {@code ESC 7}, and a lone ESC. An unterminated CSI or string sequence is removed to the end of the text.
     * Other characters, control characters included, are kept. Use it to print to a client that is not a
     * terminal, and to measure how wide styled text is.
     *
     * @param text the text, not null
     * @return the plain text (the same string when there is no ESC)
     */
    public static String strip(String text) {
        return EscapeSequences.strip(Objects.requireNonNull(text, "text"), false);
    }

    private static String colorCodes(int color, int offset) {
        int value = color & VALUE_MASK;
        return switch (color & KIND_MASK) {
            case BASIC -> Integer.toString(COLORS[value].code + offset);
            case INDEXED -> (38 + offset) + ";5;" + value;
            default -> (38 + offset) + ";2;" + (value >> 16) + ";" + (value >> 8 & 0xFF) + ";" + (value & 0xFF);
        };
    }

    private static int check(String name, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..255)");
        }
        return value;
    }

    private static int rgb(int red, int green, int blue) {
        return check("red", red) << 16 | check("green", green) << 8 | check("blue", blue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Style other && attributes == other.attributes && fg == other.fg && bg == other.bg;
    }

    @Override
    public int hashCode() {
        return (attributes * 31 + fg) * 31 + bg;
    }

    /**
     * A description for logs and tests, such as {@code Style[bold, fg=RED, bg=#ff8000]} or {@code Style[fg=256:208]};
     * {@code Style[plain]} for the empty style.
     *
     * @return the description
     */
    @Override
    public String toString() {
        if (isPlain()) {
            return "Style[plain]";
        }
        List<String> parts = new ArrayList<>();
        for (int bit = 0; bit < ATTRIBUTE_NAMES.length; bit++) {
            if ((attributes & (1 << bit)) != 0) {
                parts.add(ATTRIBUTE_NAMES[bit]);
            }
        }
        if (fg != 0) {
            parts.add("fg=" + describe(fg));
        }
        if (bg != 0) {
            parts.add("bg=" + describe(bg));
        }
        return "Style[" + String.join(", ", parts) + "]";
    }

    private static String describe(int color) {
        int value = color & VALUE_MASK;
        return switch (color & KIND_MASK) {
            case BASIC -> COLORS[value].name();
            case INDEXED -> "256:" + value;
            default -> String.format("#%06x", value);
        };
    }
}
