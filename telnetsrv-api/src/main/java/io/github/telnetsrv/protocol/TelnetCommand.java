package io.github.telnetsrv.protocol;

/**
 * The Telnet command bytes of RFC 854 (240..255), each with its wire code.
 *
 * <p>Immutable; usable from any thread.
 */
public enum TelnetCommand {
    /** End of subnegotiation parameters (240). */
    SE(240),
    /** No operation (241). */
    NOP(241),
    /** Data Mark: the data stream part of a Synch (242). */
    DM(242),
    /** Break (243). */
    BRK(243),
    /** Interrupt Process (244). */
    IP(244),
    /** Abort Output (245). */
    AO(245),
    /** Are You There (246). */
    AYT(246),
    /** Erase Character (247). */
    EC(247),
    /** Erase Line (248). */
    EL(248),
    /** Go Ahead (249). */
    GA(249),
    /** Subnegotiation begins (250). */
    SB(250),
    /** Sender wants to enable an option on its side (251). */
    WILL(251),
    /** Sender refuses or disables an option on its side (252). */
    WONT(252),
    /** Sender asks the receiver to enable an option (253). */
    DO(253),
    /** Sender asks the receiver to disable an option (254). */
    DONT(254),
    /** Interpret As Command: the escape byte (255). */
    IAC(255);

    private static final TelnetCommand[] BY_CODE = new TelnetCommand[16];

    static {
        for (TelnetCommand command : values()) {
            BY_CODE[command.code - 240] = command;
        }
    }

    private final int code;

    TelnetCommand(int code) {
        this.code = code;
    }

    /**
     * Returns the byte that stands for this command on the wire.
     *
     * @return the code, {@code 240..255}
     */
    public int code() {
        return code;
    }

    /**
     * Returns the command for a byte value.
     *
     * @param code a byte value as an {@code int}
     * @return the command, or {@code null} if {@code code} is not a command byte ({@code 240..255})
     */
    public static TelnetCommand of(int code) {
        if (code < 240 || code > 255) {
            return null;
        }
        return BY_CODE[code - 240];
    }
}
