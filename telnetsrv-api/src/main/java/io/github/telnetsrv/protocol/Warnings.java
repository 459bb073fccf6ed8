package io.github.telnetsrv.protocol;

/**
 * Passes warnings to the listener until a fixed budget is spent, then says so once and goes quiet,
 * so that a hostile peer cannot turn protocol violations into a flood of log lines or allocations.
 * Callers check {@link #muted()} before building a message. Confined to one session's thread.
 */
final class Warnings {

    /** How many warnings one engine reports before muting itself. */
    static final int BUDGET = 100;

    private final TelnetListener listener;
    private int reported;

    Warnings(TelnetListener listener) {
        this.listener = listener;
    }

    /** Returns whether the budget is spent, so that a message need not be built. */
    boolean muted() {
        return reported > BUDGET;
    }

    /** Reports one warning, or the suppression notice once the budget is spent. */
    void report(String message) {
        if (reported < BUDGET) {
            reported++;
            listener.onWarning(message);
        } else if (reported == BUDGET) {
            reported++;
            listener.onWarning("more than " + BUDGET + " protocol warnings; further ones are suppressed");
        }
    }

    static String hex(int b) {
        return String.format("%02X", b);
    }
}
