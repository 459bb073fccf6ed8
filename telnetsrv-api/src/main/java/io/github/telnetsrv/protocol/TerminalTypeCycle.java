package io.github.telnetsrv.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TTYPE cycling (RFC 1091): each SEND moves the client to its next terminal type, so the server
 * asks until the list is exhausted and keeps the last reply, which is the client's active emulation.
 * Confined to one session's thread.
 *
 * <p>Cycling stops when a reply repeats the previous one, returns to the first, is empty (the
 * last non-empty reply is kept), is a third reply {@code "MTTS n"} (the second reply is kept: MUD
 * Terminal Type Standard), or when {@code maxReplies} replies have come. Names are compared
 * case-insensitively and reported as received.
 */
final class TerminalTypeCycle {

    /** What the engine does after a reply. */
    enum Next { SEND_AGAIN, SETTLED }

    private final int maxReplies;
    private final List<String> replies = new ArrayList<>();
    private boolean inFlight;
    private String active;

    TerminalTypeCycle(int maxReplies) {
        this.maxReplies = maxReplies;
    }

    /** Starts a new cycle; the engine sends the first SEND. */
    void begin() {
        replies.clear();
        inFlight = true;
    }

    /** True while a SEND is unanswered. */
    boolean inFlight() {
        return inFlight;
    }

    /** The settled terminal type, or {@code null}. */
    String active() {
        return active;
    }

    /** Handles an IS reply to our SEND; the caller has checked that one was in flight. */
    Next reply(String name) {
        replies.add(name);
        int n = replies.size();
        if (name.isEmpty()) {
            String kept = "";
            for (int i = n - 2; i >= 0 && kept.isEmpty(); i--) {
                kept = replies.get(i);
            }
            return settle(kept);
        }
        if (n == 3 && name.toUpperCase(Locale.ROOT).startsWith("MTTS ")) {
            return settle(replies.get(1));
        }
        if (n >= 2 && (name.equalsIgnoreCase(replies.get(n - 2)) || name.equalsIgnoreCase(replies.get(0)))) {
            return settle(name);
        }
        if (n >= maxReplies) {
            return settle(name);
        }
        return Next.SEND_AGAIN;
    }

    /** The client switched TTYPE off: keep what it has said so far, if anything. */
    boolean abandon() {
        boolean wasInFlight = inFlight;
        inFlight = false;
        if (!wasInFlight || replies.isEmpty()) {
            return false;
        }
        String kept = "";
        for (int i = replies.size() - 1; i >= 0 && kept.isEmpty(); i--) {
            kept = replies.get(i);
        }
        settle(kept);
        return true;
    }

    private Next settle(String name) {
        inFlight = false;
        active = name;
        replies.clear();
        return Next.SETTLED;
    }
}
