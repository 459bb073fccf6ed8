package io.github.telnetsrv.protocol;

/**
 * Telnet option codes (IANA "Telnet Options" registry) used by the engine, and their names.
 *
 * <p>Options are plain {@code int} values {@code 0..255}; this class only names them.
 */
public final class TelnetOption {
    /** RFC 856 BINARY TRANSMISSION. */
    public static final int BINARY = 0;
    /** RFC 857 ECHO. */
    public static final int ECHO = 1;
    /** RFC 858 SUPPRESS-GO-AHEAD. */
    public static final int SGA = 3;
    /** RFC 859 STATUS. */
    public static final int STATUS = 5;
    /** RFC 860 TIMING-MARK. */
    public static final int TIMING_MARK = 6;
    /** RFC 1091 TERMINAL-TYPE. */
    public static final int TTYPE = 24;
    /** RFC 1073 NAWS (window size). */
    public static final int NAWS = 31;
    /** RFC 1079 TERMINAL-SPEED. */
    public static final int TSPEED = 32;
    /** RFC 1372 REMOTE-FLOW-CONTROL. */
    public static final int LFLOW = 33;
    /** RFC 1184 LINEMODE. */
    public static final int LINEMODE = 34;
    /** RFC 1096 X-DISPLAY-LOCATION. */
    public static final int XDISPLOC = 35;
    /** RFC 1408 ENVIRON (old). */
    public static final int OLD_ENVIRON = 36;
    /** RFC 2941 AUTHENTICATION. */
    public static final int AUTHENTICATION = 37;
    /** RFC 2946 ENCRYPT. */
    public static final int ENCRYPT = 38;
    /** RFC 1572 NEW-ENVIRON. */
    public static final int NEW_ENVIRON = 39;
    /** RFC 2066 CHARSET. */
    public static final int CHARSET = 42;
    /** Extended options list (RFC 861 EXOPL). */
    public static final int EXOPL = 255;

    /**
     * The codes inside the TTYPE (RFC 1091) and NEW-ENVIRON (RFC 1572) subnegotiations. The byte after the option
     * says what the subnegotiation carries ({@link #IS}, {@link #SEND}, {@link #INFO}); in NEW-ENVIRON's variable
     * list each name follows {@link #VAR} or {@link #USERVAR}, its value follows {@link #VALUE}, and {@link #ESC}
     * makes the next byte literal.
     *
     * <p>Constants only; usable from any thread.
     */
    public static final class Subnegotiation {
        /** IS (0): the reply that carries the terminal type or the variables. */
        public static final int IS = 0;
        /** SEND (1): the request for the terminal type or the variables. */
        public static final int SEND = 1;
        /** INFO (2): NEW-ENVIRON variables that changed, sent unasked. */
        public static final int INFO = 2;
        /** VAR (0): a NEW-ENVIRON well-known variable's name follows. */
        public static final int VAR = 0;
        /** VALUE (1): a NEW-ENVIRON variable's value follows. */
        public static final int VALUE = 1;
        /** ESC (2): the next byte of a NEW-ENVIRON name or value is literal. */
        public static final int ESC = 2;
        /** USERVAR (3): a NEW-ENVIRON user variable's name follows. */
        public static final int USERVAR = 3;

        private Subnegotiation() {
        }
    }

    private TelnetOption() {
    }

    /**
     * Returns a readable name for an option code.
     *
     * @param option an option code
     * @return the RFC name, such as {@code "NAWS"}, or the decimal code for options this class does not name
     * @throws IllegalArgumentException if {@code option} is outside {@code 0..255}
     */
    public static String name(int option) {
        if (option < 0 || option > 255) {
            throw new IllegalArgumentException("option: " + option + " (expected: 0..255)");
        }
        return switch (option) {
            case BINARY -> "BINARY";
            case ECHO -> "ECHO";
            case SGA -> "SGA";
            case STATUS -> "STATUS";
            case TIMING_MARK -> "TIMING-MARK";
            case TTYPE -> "TTYPE";
            case NAWS -> "NAWS";
            case TSPEED -> "TSPEED";
            case LFLOW -> "LFLOW";
            case LINEMODE -> "LINEMODE";
            case XDISPLOC -> "XDISPLOC";
            case OLD_ENVIRON -> "OLD-ENVIRON";
            case AUTHENTICATION -> "AUTHENTICATION";
            case ENCRYPT -> "ENCRYPT";
            case NEW_ENVIRON -> "NEW-ENVIRON";
            case CHARSET -> "CHARSET";
            case EXOPL -> "EXOPL";
            default -> Integer.toString(option);
        };
    }
}
