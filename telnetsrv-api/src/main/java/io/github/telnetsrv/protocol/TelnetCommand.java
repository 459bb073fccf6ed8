package io.github.telnetsrv.protocol;

/**
 * The Telnet command bytes of RFC 854 (240..255), each with its wire code.
 *
 * <p>Immutable; usable from any thread.
 */
public enum TelnetCommand {
    /** End of subnegotiation parameters (240). */
    SE(Codes.SE),
    /** No operation (241). */
    NOP(Codes.NOP),
    /** Data Mark: the data stream part of a Synch (242). */
    DM(Codes.DM),
    /** Break (243). */
    BRK(Codes.BRK),
    /** Interrupt Process (244). */
    IP(Codes.IP),
    /** Abort Output (245). */
    AO(Codes.AO),
    /** Are You There (246). */
    AYT(Codes.AYT),
    /** Erase Character (247). */
    EC(Codes.EC),
    /** Erase Line (248). */
    EL(Codes.EL),
    /** Go Ahead (249). */
    GA(Codes.GA),
    /** Subnegotiation begins (250). */
    SB(Codes.SB),
    /** Sender wants to enable an option on its side (251). */
    WILL(Codes.WILL),
    /** Sender refuses or disables an option on its side (252). */
    WONT(Codes.WONT),
    /** Sender asks the receiver to enable an option (253). */
    DO(Codes.DO),
    /** Sender asks the receiver to disable an option (254). */
    DONT(Codes.DONT),
    /** Interpret As Command: the escape byte (255). */
    IAC(Codes.IAC);

    /**
     * The commands' wire codes as compile-time {@code int} constants, for code that works on byte values
     * ({@code b & 0xFF}): {@code switch} labels, byte arrays, comparisons. {@code Codes.IAC == IAC.code()}, and so
     * for every command; these are the only place the numbers are written.
     *
     * <p>Constants only; usable from any thread.
     */
    public static final class Codes {
        /** The code of {@link TelnetCommand#SE}: 240. */
        public static final int SE = 240;
        /** The code of {@link TelnetCommand#NOP}: 241. */
        public static final int NOP = 241;
        /** The code of {@link TelnetCommand#DM}: 242. */
        public static final int DM = 242;
        /** The code of {@link TelnetCommand#BRK}: 243. */
        public static final int BRK = 243;
        /** The code of {@link TelnetCommand#IP}: 244. */
        public static final int IP = 244;
        /** The code of {@link TelnetCommand#AO}: 245. */
        public static final int AO = 245;
        /** The code of {@link TelnetCommand#AYT}: 246. */
        public static final int AYT = 246;
        /** The code of {@link TelnetCommand#EC}: 247. */
        public static final int EC = 247;
        /** The code of {@link TelnetCommand#EL}: 248. */
        public static final int EL = 248;
        /** The code of {@link TelnetCommand#GA}: 249. */
        public static final int GA = 249;
        /** The code of {@link TelnetCommand#SB}: 250. */
        public static final int SB = 250;
        /** The code of {@link TelnetCommand#WILL}: 251. */
        public static final int WILL = 251;
        /** The code of {@link TelnetCommand#WONT}: 252. */
        public static final int WONT = 252;
        /** The code of {@link TelnetCommand#DO}: 253. */
        public static final int DO = 253;
        /** The code of {@link TelnetCommand#DONT}: 254. */
        public static final int DONT = 254;
        /** The code of {@link TelnetCommand#IAC}: 255. */
        public static final int IAC = 255;

        private Codes() {
        }
    }

    private static final TelnetCommand[] BY_CODE = new TelnetCommand[Codes.IAC - Codes.SE + 1];

    static {
        for (TelnetCommand command : values()) {
            BY_CODE[command.code - Codes.SE] = command;
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
        if (code < Codes.SE || code > Codes.IAC) {
            return null;
        }
        return BY_CODE[code - Codes.SE];
    }
}
