package io.github.telnetsrv.protocol;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * What a {@link TelnetEngine} does about each option: a table of {@link Stance}s, one for our side
 * (WILL/WONT, asked with DO/DONT) and one for the client's side (DO/DONT, offered with WILL/WONT).
 *
 * <p>{@link TelnetEngine#start()} sends a request for every option marked {@link Stance#INITIATE}; a request from
 * the client is agreed to for {@code ACCEPT} and {@code INITIATE} and refused for {@code REFUSE}.
 * Explicit {@link TelnetEngine#requestLocal}/{@link TelnetEngine#requestRemote} calls are the
 * application's own decision and are not filtered by the policy. Two rules are fixed: the client is
 * never asked to echo (the remote ECHO stance is always {@code REFUSE}), and TIMING-MARK is answered,
 * never initiated.
 *
 * <p>Immutable: the {@code with...} methods return a changed copy. Usable from any thread.
 */
public final class OptionPolicy {

    /** What the engine does about one option on one side. */
    public enum Stance {
        /** Requests to enable it are refused (WONT or DONT), once per request. */
        REFUSE,
        /** Requests to enable it are agreed to; the engine does not ask for it. */
        ACCEPT,
        /** The engine asks for it in {@link TelnetEngine#start()} and agrees to requests. */
        INITIATE
    }

    private static final Stance[] STANCES = Stance.values();
    private static final OptionPolicy NONE = new OptionPolicy(new byte[256], new byte[256]);
    /** Immutable, so every session shares one. */
    private static final OptionPolicy DEFAULTS = buildDefaults();

    private final byte[] local;
    private final byte[] remote;

    private OptionPolicy(byte[] local, byte[] remote) {
        this.local = local;
        this.remote = remote;
    }

    /**
     * Returns the policy of a character-mode server.
     *
     * <ul>
     *   <li>our side: ECHO and SGA initiated (WILL ECHO, WILL SGA), BINARY, TIMING-MARK and CHARSET
     *       accepted;</li>
     *   <li>the client's side: SGA, TTYPE, NAWS, NEW-ENVIRON and CHARSET initiated (DO ...), BINARY
     *       accepted;</li>
     *   <li>everything else, including LINEMODE and the client's ECHO, refused.</li>
     * </ul>
     *
     * @return the default policy
     */
    public static OptionPolicy defaults() {
        return DEFAULTS;
    }

    private static OptionPolicy buildDefaults() {
        return NONE
                .withLocal(TelnetOption.ECHO, Stance.INITIATE)
                .withLocal(TelnetOption.SGA, Stance.INITIATE)
                .withLocal(TelnetOption.BINARY, Stance.ACCEPT)
                .withLocal(TelnetOption.TIMING_MARK, Stance.ACCEPT)
                .withLocal(TelnetOption.CHARSET, Stance.ACCEPT)
                .withRemote(TelnetOption.SGA, Stance.INITIATE)
                .withRemote(TelnetOption.TTYPE, Stance.INITIATE)
                .withRemote(TelnetOption.NAWS, Stance.INITIATE)
                .withRemote(TelnetOption.NEW_ENVIRON, Stance.INITIATE)
                .withRemote(TelnetOption.CHARSET, Stance.INITIATE)
                .withRemote(TelnetOption.BINARY, Stance.ACCEPT);
    }

    /**
     * Returns the policy that refuses every option and asks for none (a plain NVT).
     *
     * @return the empty policy
     */
    public static OptionPolicy refuseAll() {
        return NONE;
    }

    /**
     * Returns a copy with a new stance for our side of an option.
     *
     * @param option an option code, {@code 0..255}
     * @param stance what to do when the client sends DO, and whether to send WILL at start
     * @return the changed copy
     * @throws IllegalArgumentException if {@code option} is out of range, or for TIMING-MARK with
     *                                  {@code INITIATE}
     */
    public OptionPolicy withLocal(int option, Stance stance) {
        checkOption(option);
        if (option == TelnetOption.TIMING_MARK && stance == Stance.INITIATE) {
            throw new IllegalArgumentException(
                    "local TIMING-MARK: INITIATE (expected: REFUSE or ACCEPT; a mark is answered, never offered)");
        }
        byte[] copy = local.clone();
        copy[option] = (byte) stance.ordinal();
        return new OptionPolicy(copy, remote);
    }

    /**
     * Returns a copy with a new stance for the client's side of an option.
     *
     * @param option an option code, {@code 0..255}
     * @param stance what to do when the client sends WILL, and whether to send DO at start
     * @return the changed copy
     * @throws IllegalArgumentException if {@code option} is out of range, or for ECHO or TIMING-MARK
     *                                  with anything but {@code REFUSE}
     */
    public OptionPolicy withRemote(int option, Stance stance) {
        checkOption(option);
        if (option == TelnetOption.ECHO && stance != Stance.REFUSE) {
            throw new IllegalArgumentException(
                    "remote ECHO: " + stance + " (expected: REFUSE; a server never asks the client to echo)");
        }
        if (option == TelnetOption.TIMING_MARK && stance != Stance.REFUSE) {
            throw new IllegalArgumentException("remote TIMING-MARK: " + stance
                    + " (expected: REFUSE; ask for a mark with TelnetEngine.requestRemote)");
        }
        byte[] copy = remote.clone();
        copy[option] = (byte) stance.ordinal();
        return new OptionPolicy(local, copy);
    }

    /**
     * Returns the stance for our side of an option.
     *
     * @param option an option code, {@code 0..255}
     * @return the stance
     * @throws IllegalArgumentException if {@code option} is out of range
     */
    public Stance local(int option) {
        checkOption(option);
        return STANCES[local[option]];
    }

    /**
     * Returns the stance for the client's side of an option.
     *
     * @param option an option code, {@code 0..255}
     * @return the stance
     * @throws IllegalArgumentException if {@code option} is out of range
     */
    public Stance remote(int option) {
        checkOption(option);
        return STANCES[remote[option]];
    }

    boolean acceptsLocal(int option) {
        return local[option] != 0;
    }

    boolean acceptsRemote(int option) {
        return remote[option] != 0;
    }

    boolean initiatesLocal(int option) {
        return local[option] == Stance.INITIATE.ordinal();
    }

    boolean initiatesRemote(int option) {
        return remote[option] == Stance.INITIATE.ordinal();
    }

    static void checkOption(int option) {
        if (option < 0 || option > 255) {
            throw new IllegalArgumentException("option: " + option + " (expected: 0..255)");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionPolicy that
                && Arrays.equals(local, that.local) && Arrays.equals(remote, that.remote);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(local) + Arrays.hashCode(remote);
    }

    /** Lists the options that are not refused, such as {@code OptionPolicy[local ECHO=INITIATE, ...]}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "OptionPolicy[", "]");
        for (int option = 0; option < 256; option++) {
            if (local[option] != 0) {
                joiner.add("local " + TelnetOption.name(option) + "=" + STANCES[local[option]]);
            }
        }
        for (int option = 0; option < 256; option++) {
            if (remote[option] != 0) {
                joiner.add("remote " + TelnetOption.name(option) + "=" + STANCES[remote[option]]);
            }
        }
        return joiner.toString();
    }
}
