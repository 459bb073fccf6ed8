package io.github.telnetsrv.protocol;

/**
 * Bounds on what a peer can make a {@link TelnetEngine} hold or report, all checked up front.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param maxSubnegotiation       the longest subnegotiation kept, in bytes after unescaping
 *                                (IAC IAC counts as one byte); longer ones are discarded with a
 *                                warning; {@code 1..1048576}
 * @param maxEnvironmentVariables how many NEW-ENVIRON variables are kept; further ones are ignored
 *                                with one warning; {@code 0..4096}
 * @param maxWidth                the widest NAWS width reported; larger ones are clamped;
 *                                {@code 1..65535}
 * @param maxHeight               the tallest NAWS height reported; larger ones are clamped;
 *                                {@code 1..65535}
 * @param maxTerminalTypes        how many TTYPE replies are asked for before cycling stops;
 *                                {@code 1..64}
 */
public record TelnetLimits(int maxSubnegotiation, int maxEnvironmentVariables, int maxWidth,
        int maxHeight, int maxTerminalTypes) {

    private static final TelnetLimits DEFAULTS = new TelnetLimits(8192, 64, 1000, 1000, 8);

    /**
     * Checks every limit.
     *
     * @throws IllegalArgumentException if a limit is out of its range, naming it and the range
     */
    public TelnetLimits {
        check("maxSubnegotiation", maxSubnegotiation, 1, 1 << 20);
        check("maxEnvironmentVariables", maxEnvironmentVariables, 0, 4096);
        check("maxWidth", maxWidth, 1, 65535);
        check("maxHeight", maxHeight, 1, 65535);
        check("maxTerminalTypes", maxTerminalTypes, 1, 64);
    }

    /**
     * Returns the defaults: 8192-byte subnegotiations, 64 environment variables, 1000 columns,
     * 1000 rows and 8 terminal types.
     *
     * @return the default limits
     */
    public static TelnetLimits defaults() {
        return DEFAULTS;
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
