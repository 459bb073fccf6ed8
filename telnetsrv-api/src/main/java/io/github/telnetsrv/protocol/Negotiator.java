package io.github.telnetsrv.protocol;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DO;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DONT;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WILL;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WONT;

/**
 * RFC 1143 "Q method" option negotiation for all 256 options on both sides, driven by an
 * {@link OptionPolicy}. Confined to one session's thread.
 *
 * <p>Beyond RFC 1143 it keeps a peer from looping the engine: a refused request is refused once
 * and its repeats are not answered again (until we ask for that option ourselves), and the peer can
 * flip an option at most {@link #MAX_PEER_CHANGES} times, after which its requests for that option
 * are ignored with one warning. TIMING-MARK is special (RFC 860): every DO TM is answered WILL TM
 * without changing state, and a WILL/WONT TM answering our DO TM is the mark and leaves the option
 * off.
 */
final class Negotiator {

    /** What negotiation does to the rest of the engine. */
    interface Effects {
        /** Queues {@code IAC verb option} for the peer. */
        void send(int verb, int option);

        /** An option became enabled or disabled; called after the reply is queued. */
        void changed(int option, boolean local, boolean enabled);
    }

    /** How many times the peer may switch one option on one side before it is ignored. */
    static final int MAX_PEER_CHANGES = 16;

    private static final int NO = 0;
    private static final int YES = 1;
    private static final int WANTNO = 2;
    private static final int WANTYES = 3;
    private static final int STATE = 3;
    private static final int OPPOSITE = 4;
    private static final int REFUSED = 8;
    private static final int LOOPING = 16;

    private static final int LOCAL = 0;
    private static final int REMOTE = 1;

    private final OptionPolicy policy;
    private final Effects effects;
    private final Warnings warnings;
    /**
     * The options touched so far, one int each, in the order first touched: bits 24-31 the option; per side
     * (local at bit 0, remote at bit 8) the flags (state bits, OPPOSITE, REFUSED, LOOPING: 5 bits); at bit 13
     * (local) and 18 (remote) how many times the peer switched it (5 bits, at most {@link #MAX_PEER_CHANGES}).
     * Sparse because a session touches a handful of the 256 options: this keeps an idle session small. At most
     * 256 entries.
     */
    private int[] entries = new int[8];
    private int size;

    Negotiator(OptionPolicy policy, Effects effects, Warnings warnings) {
        this.policy = policy;
        this.effects = effects;
        this.warnings = warnings;
    }

    boolean isEnabled(boolean local, int option) {
        return (flags(side(local), option) & STATE) == YES;
    }

    /** True while a request we sent is unanswered on either side of any option. */
    boolean pending() {
        for (int i = 0; i < size; i++) {
            int entry = entries[i];
            if ((entry & STATE) >= WANTNO || (entry >>> 8 & STATE) >= WANTNO) {
                return true;
            }
        }
        return false;
    }

    /** Sends a request for every option the policy initiates, in option order: ours, then the peer's. */
    void start() {
        for (int option = 0; option < 256; option++) {
            if (policy.initiatesLocal(option)) {
                request(true, option, true);
            }
        }
        for (int option = 0; option < 256; option++) {
            if (policy.initiatesRemote(option)) {
                request(false, option, true);
            }
        }
    }

    /** Handles IAC verb option from the peer. */
    void received(int verb, int option) {
        switch (verb) {
            case WILL -> {
                if (option == TelnetOption.TIMING_MARK && state(REMOTE, option) == WANTYES) {
                    set(REMOTE, option, NO);
                } else {
                    peerEnables(REMOTE, option);
                }
            }
            case WONT -> {
                if (option == TelnetOption.TIMING_MARK && state(REMOTE, option) == WANTYES) {
                    set(REMOTE, option, NO);
                } else {
                    peerDisables(REMOTE, option);
                }
            }
            case DO -> {
                if (option == TelnetOption.TIMING_MARK && policy.acceptsLocal(option)) {
                    effects.send(WILL, option);
                } else {
                    peerEnables(LOCAL, option);
                }
            }
            default -> peerDisables(LOCAL, option);
        }
    }

    /** Asks to enable or disable our side ({@code local}) or the peer's side of an option. */
    void request(boolean local, int option, boolean enable) {
        int side = side(local);
        int f = flags(side, option);
        if (enable) {
            switch (f & STATE) {
                case NO -> {
                    setFlags(side, option, f & ~REFUSED & ~STATE | WANTYES);
                    effects.send(agree(side), option);
                }
                case WANTNO -> setFlags(side, option, f | OPPOSITE);
                case WANTYES -> setFlags(side, option, f & ~OPPOSITE);
                default -> {
                    // YES: already enabled
                }
            }
        } else {
            switch (f & STATE) {
                case YES -> {
                    set(side, option, WANTNO);
                    effects.send(refuse(side), option);
                    effects.changed(option, local, false);
                }
                case WANTNO -> setFlags(side, option, f & ~OPPOSITE);
                case WANTYES -> setFlags(side, option, f | OPPOSITE);
                default -> {
                    // NO: already disabled
                }
            }
        }
    }

    /** WILL (remote side) or DO (local side) from the peer. */
    private void peerEnables(int side, int option) {
        int f = flags(side, option);
        boolean local = side == LOCAL;
        switch (f & STATE) {
            case NO -> {
                boolean accept = local ? policy.acceptsLocal(option) : policy.acceptsRemote(option);
                if (accept && mayChange(side, option)) {
                    set(side, option, YES);
                    effects.send(agree(side), option);
                    effects.changed(option, local, true);
                } else if ((f & REFUSED) == 0 && !accept) {
                    setFlags(side, option, f | REFUSED);
                    effects.send(refuse(side), option);
                }
            }
            case WANTNO -> {
                // The state changes before the warning: a request the listener makes from its warning callback then
                // acts on the new state, not on one this step would overwrite.
                if ((f & OPPOSITE) != 0) {
                    set(side, option, YES);
                    effects.changed(option, local, true);
                } else {
                    set(side, option, NO);
                }
                warn(side, option, "answered our " + verbName(refuse(side)) + " with "
                        + verbName(peerVerb(side, true)));
            }
            case WANTYES -> {
                if ((f & OPPOSITE) != 0) {
                    set(side, option, WANTNO);
                    effects.send(refuse(side), option);
                } else {
                    set(side, option, YES);
                    effects.changed(option, local, true);
                }
            }
            default -> {
                // YES: already enabled, a repeat is not answered
            }
        }
    }

    /** WONT (remote side) or DONT (local side) from the peer. */
    private void peerDisables(int side, int option) {
        int f = flags(side, option);
        boolean local = side == LOCAL;
        switch (f & STATE) {
            case YES -> {
                if (mayChange(side, option)) {
                    set(side, option, NO);
                    effects.send(refuse(side), option);
                    effects.changed(option, local, false);
                }
            }
            case WANTNO -> {
                if ((f & OPPOSITE) != 0) {
                    set(side, option, WANTYES);
                    effects.send(agree(side), option);
                } else {
                    set(side, option, NO);
                }
            }
            case WANTYES -> set(side, option, NO);
            default -> {
                // NO: already disabled, nothing to answer
            }
        }
    }

    private boolean mayChange(int side, int option) {
        int changes = changes(side, option);
        if (changes < MAX_PEER_CHANGES) {
            setChanges(side, option, changes + 1);
            return true;
        }
        if ((flags(side, option) & LOOPING) == 0) {
            setFlags(side, option, flags(side, option) | LOOPING);
            warn(side, option, "switched more than " + MAX_PEER_CHANGES
                    + " times (expected: a settled negotiation); further requests ignored");
        }
        return false;
    }

    private int state(int side, int option) {
        return flags(side, option) & STATE;
    }

    /** Sets the state and clears the OPPOSITE queue bit, keeping REFUSED and LOOPING. */
    private void set(int side, int option, int state) {
        setFlags(side, option, flags(side, option) & ~STATE & ~OPPOSITE | state);
    }

    private int flags(int side, int option) {
        int i = find(option);
        return i < 0 ? 0 : entries[i] >>> (side * 8) & 0x1F;
    }

    private void setFlags(int side, int option, int value) {
        int i = slot(option);
        int shift = side * 8;
        entries[i] = entries[i] & ~(0x1F << shift) | (value & 0x1F) << shift;
    }

    private int changes(int side, int option) {
        int i = find(option);
        return i < 0 ? 0 : entries[i] >>> (13 + side * 5) & 0x1F;
    }

    private void setChanges(int side, int option, int value) {
        int i = slot(option);
        int shift = 13 + side * 5;
        entries[i] = entries[i] & ~(0x1F << shift) | (value & 0x1F) << shift;
    }

    private int find(int option) {
        for (int i = 0; i < size; i++) {
            if (entries[i] >>> 24 == option) {
                return i;
            }
        }
        return -1;
    }

    private int slot(int option) {
        int i = find(option);
        if (i >= 0) {
            return i;
        }
        if (size == entries.length) {
            entries = java.util.Arrays.copyOf(entries, Math.min(256, size * 2));
        }
        entries[size] = option << 24;
        return size++;
    }

    private void warn(int side, int option, String what) {
        if (!warnings.muted()) {
            warnings.report((side == LOCAL ? "local " : "remote ") + TelnetOption.name(option) + ": peer " + what);
        }
    }

    private static int side(boolean local) {
        return local ? LOCAL : REMOTE;
    }

    /** The verb we send to agree to (or ask for) the option on this side. */
    private static int agree(int side) {
        return side == LOCAL ? WILL : DO;
    }

    /** The verb we send to refuse (or switch off) the option on this side. */
    private static int refuse(int side) {
        return side == LOCAL ? WONT : DONT;
    }

    private static int peerVerb(int side, boolean enable) {
        if (side == LOCAL) {
            return enable ? DO : DONT;
        }
        return enable ? WILL : WONT;
    }

    static String verbName(int verb) {
        return TelnetCommand.of(verb).name();
    }
}
