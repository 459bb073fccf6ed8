package io.github.telnetsrv.test;

/**
 * Splits the text a session writes into printable characters, control characters and escape sequences, as a
 * terminal does (ECMA-48): CSI sequences ({@code ESC [} parameters, intermediates, a final character), two- and
 * three-character escapes ({@code ESC 7}, {@code ESC ( B}, {@code ESC O x}), and control strings (OSC, DCS, APC,
 * PM), which are skipped up to BEL or ST. Control characters inside a CSI sequence act as they would outside it.
 * Code points come whole: a surrogate pair split between two calls is joined. Confined to one thread at a time.
 */
final class ControlParser {

    /** Receives what the parser recognised. */
    interface Sink {
        /** A printable code point. */
        void print(int codePoint);

        /** A C0 control character (0x00..0x1F, ESC excepted) or DEL. */
        void control(int c);

        /**
         * A CSI sequence.
         *
         * @param parameters what stood between {@code ESC [} and the final character (private markers such as
         *     {@code ?} and intermediates included)
         * @param finalChar the final character, {@code 0x40..0x7E}
         */
        void csi(String parameters, int finalChar);

        /** An escape sequence {@code ESC c} other than CSI and control strings ({@code 7}, {@code 8}, {@code M}...). */
        void escape(int c);
    }

    private static final int ESC = 0x1B;
    private static final int BEL = 0x07;
    /** Longer parameter strings are cut (the sequence still ends at its final character). */
    private static final int MAX_PARAMETERS = 64;

    private enum State { GROUND, ESCAPE, ESCAPE_INTERMEDIATE, SS3, CSI, STRING, STRING_ESCAPE }

    private final Sink sink;
    private final StringBuilder parameters = new StringBuilder();
    private State state = State.GROUND;
    private char highSurrogate;

    ControlParser(Sink sink) {
        this.sink = sink;
    }

    /**
     * Text without its control sequences, bells and other control characters; CR, LF, BS and TAB are kept. This
     * is how the kit's plain text is made.
     */
    static String strip(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        ControlParser parser = new ControlParser(new Sink() {
            @Override
            public void print(int codePoint) {
                plain.appendCodePoint(codePoint);
            }

            @Override
            public void control(int c) {
                if (keptInPlainText(c)) {
                    plain.append((char) c);
                }
            }

            @Override
            public void csi(String parameters, int finalChar) {
            }

            @Override
            public void escape(int c) {
            }
        });
        parser.accept(text);
        return plain.toString();
    }

    /** Whether a control character stays in the plain text: CR, LF, BS and TAB do. */
    static boolean keptInPlainText(int c) {
        return c == '\r' || c == '\n' || c == '\b' || c == '\t';
    }

    /** Feeds decoded text. */
    void accept(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (highSurrogate != 0) {
                char high = highSurrogate;
                highSurrogate = 0;
                if (Character.isLowSurrogate(c)) {
                    step(Character.toCodePoint(high, c));
                    continue;
                }
                step(high); // unpaired: shown as it is
            }
            if (Character.isHighSurrogate(c)) {
                highSurrogate = c;
            } else {
                step(c);
            }
        }
    }

    private void step(int c) {
        switch (state) {
            case GROUND -> ground(c);
            case ESCAPE -> escape(c);
            case ESCAPE_INTERMEDIATE -> {
                if (c < 0x20) {
                    controlInSequence(c);
                } else if (c >= 0x30) {
                    state = State.GROUND; // ESC ( B and the like: character sets, not shown
                }
            }
            case SS3 -> state = c < 0x20 ? stateAfterControl(c) : State.GROUND;
            case CSI -> csi(c);
            case STRING -> {
                if (c == BEL) {
                    state = State.GROUND;
                } else if (c == ESC) {
                    state = State.STRING_ESCAPE;
                }
            }
            case STRING_ESCAPE -> state = c == '\\' ? State.GROUND : State.STRING;
            default -> throw new IllegalStateException("state: " + state);
        }
    }

    private void ground(int c) {
        if (c == ESC) {
            state = State.ESCAPE;
        } else if (c < 0x20 || c == 0x7F) {
            sink.control(c);
        } else if (c < 0x80 || c > 0x9F) {
            sink.print(c);
        }
        // C1 controls (0x80..0x9F) as characters: no terminal in UTF-8 mode shows them.
    }

    private void escape(int c) {
        switch (c) {
            case '[' -> {
                parameters.setLength(0);
                state = State.CSI;
            }
            case ']', 'P', '_', '^', 'X' -> state = State.STRING;
            case 'O' -> state = State.SS3;
            case ESC -> state = State.ESCAPE;
            default -> {
                if (c < 0x20) {
                    controlInSequence(c);
                } else if (c < 0x30) {
                    state = State.ESCAPE_INTERMEDIATE;
                } else {
                    state = State.GROUND;
                    sink.escape(c);
                }
            }
        }
    }

    private void csi(int c) {
        if (c >= 0x40 && c <= 0x7E) {
            state = State.GROUND;
            sink.csi(parameters.toString(), c);
        } else if (c >= 0x20 && c < 0x40) {
            if (parameters.length() < MAX_PARAMETERS) {
                parameters.append((char) c);
            }
        } else if (c < 0x20) {
            controlInSequence(c);
        } else {
            state = State.GROUND; // not part of any sequence: the sequence is dropped
        }
    }

    /** A control character in the middle of a sequence: ESC starts a new one, CAN and SUB abort, others act. */
    private void controlInSequence(int c) {
        state = stateAfterControl(c);
    }

    private State stateAfterControl(int c) {
        if (c == ESC) {
            return State.ESCAPE;
        }
        if (c == 0x18 || c == 0x1A) {
            return State.GROUND;
        }
        sink.control(c);
        return state;
    }
}
