package io.github.telnetsrv.ssh;

import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * The options of one {@code authorized_keys} line, with OpenSSH's meaning (sshd(8), AUTHORIZED_KEYS FILE FORMAT):
 * <ul>
 *   <li>{@code from="pattern-list"}: the client's address must match (see {@link AddressPatterns});</li>
 *   <li>{@code expiry-time="YYYYMMDD[HHMM[SS]]"}: the key is refused after that time (the server's time zone, or
 *       UTC with a {@code Z} suffix); if given twice, the earlier one;</li>
 *   <li>{@code command="line"}: a forced command: every shell or exec request of the connection runs this command
 *       line instead, and an exec request's own line is in the session's environment as
 *       {@value SessionChannel#ORIGINAL_COMMAND};</li>
 *   <li>{@code no-pty}: PTY requests are refused; {@code restrict} does the same (and refuses forwarding, which the
 *       server never does); a later {@code pty} allows a PTY again;</li>
 *   <li>{@code no-port-forwarding}, {@code no-agent-forwarding}, {@code no-x11-forwarding}, {@code no-user-rc}:
 *       accepted, as the server has none of these.</li>
 * </ul>
 * Names are case-insensitive and values are double-quoted ({@code \"} is a quote inside one), as for OpenSSH. Any
 * other option fails the file (the key would otherwise be let in with a restriction ignored).
 *
 * <p>A key login keeps its line's options on the connection ({@link #of(Session)}), where its channels read them.
 * Immutable; any thread.
 *
 * @param from the addresses the key may log in from, or {@code null} for any
 * @param expiry when the key stops being accepted, or {@code null} for never
 * @param pty whether a PTY may be allocated
 * @param command the forced command line, or {@code null}
 */
record KeyOptions(AddressPatterns from, Instant expiry, boolean pty, String command) {

    /** A key with no options (or a password or callback login): no restriction. */
    static final KeyOptions NONE = new KeyOptions(null, null, true, null);

    private static final AttributeKey<KeyOptions> ON_SESSION = new AttributeKey<>();
    private static final String SUPPORTED = "from=\"...\", expiry-time=\"...\", command=\"...\", no-pty, pty, "
            + "restrict, no-port-forwarding, no-agent-forwarding, no-x11-forwarding, no-user-rc";

    /**
     * The options a connection logged in with: those of its key's line, or {@link #NONE}.
     *
     * @param session the connection
     * @return its options
     */
    static KeyOptions of(Session session) {
        KeyOptions options = session.getAttribute(ON_SESSION);
        return options != null ? options : NONE;
    }

    /**
     * Keeps these options on the connection: called when a key is accepted, right before the login succeeds.
     *
     * @param session the connection
     */
    void keepOn(Session session) {
        session.setAttribute(ON_SESSION, this);
    }

    /**
     * Drops the options kept by an earlier request of the connection (a new request decides afresh).
     *
     * @param session the connection
     */
    static void forget(Session session) {
        session.removeAttribute(ON_SESSION);
    }

    /**
     * Why this line's key may not log in now from {@code address}, or {@code null} if it may.
     *
     * @param address the client's address
     * @param now the time now
     * @return the reason, for the log
     */
    String refusal(InetAddress address, Instant now) {
        if (expiry != null && !now.isBefore(expiry)) {
            return "the key expired at " + expiry + " (expiry-time)";
        }
        if (from != null && !from.permits(address)) {
            return "not from a permitted address (from=)";
        }
        return null;
    }

    /**
     * Parses the options part of a line.
     *
     * @param text the options, as written before the key type
     * @param zone the time zone of {@code expiry-time} values without {@code Z}
     * @return the options
     * @throws IllegalArgumentException naming the option, if one is unsupported, malformed or given twice
     */
    static KeyOptions parse(String text, ZoneId zone) {
        AddressPatterns from = null;
        Instant expiry = null;
        boolean pty = true;
        String command = null;
        int i = 0;
        while (i < text.length()) {
            int nameEnd = i;
            while (nameEnd < text.length() && text.charAt(nameEnd) != '=' && text.charAt(nameEnd) != ',') {
                nameEnd++;
            }
            String name = text.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            String value = null;
            i = nameEnd;
            if (i < text.length() && text.charAt(i) == '=') {
                StringBuilder unquoted = new StringBuilder();
                i = unquote(text, i + 1, name, unquoted);
                value = unquoted.toString();
            }
            if (i < text.length()) {
                if (text.charAt(i) != ',') {
                    throw new IllegalArgumentException("option " + name + ": text after its value (expected: ',' "
                            + "between options, and no space before the key type)");
                }
                i++;
                if (i == text.length()) {
                    throw new IllegalArgumentException("a ',' ends the options (expected: an option after it)");
                }
            }
            switch (name) {
                case "from" -> {
                    if (from != null) {
                        throw new IllegalArgumentException("option from given twice (expected: one list)");
                    }
                    from = AddressPatterns.parse(required(name, value));
                }
                case "expiry-time" -> {
                    Instant at = expiry(required(name, value), zone);
                    expiry = expiry == null || at.isBefore(expiry) ? at : expiry;
                }
                case "command" -> {
                    if (command != null) {
                        throw new IllegalArgumentException("option command given twice (expected: one forced "
                                + "command)");
                    }
                    command = required(name, value);
                }
                case "no-pty", "restrict" -> pty = flag(name, value, false);
                case "pty" -> pty = flag(name, value, true);
                case "no-port-forwarding", "no-agent-forwarding", "no-x11-forwarding", "no-user-rc" ->
                        flag(name, value, true);
                case "" -> throw new IllegalArgumentException("an empty option (expected: " + SUPPORTED + ")");
                default -> throw new IllegalArgumentException("option " + name + " is not supported (expected: "
                        + SUPPORTED + ")");
            }
        }
        return new KeyOptions(from, expiry, pty, command);
    }

    /** Reads a quoted value starting at {@code i}; returns the index after its closing quote. */
    private static int unquote(String text, int i, String name, StringBuilder out) {
        if (i >= text.length() || text.charAt(i) != '"') {
            throw new IllegalArgumentException("option " + name + ": value not in double quotes (expected: "
                    + name + "=\"...\")");
        }
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                out.append('"');
                i++;
            } else if (c == '"') {
                return i + 1;
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("option " + name + ": no closing quote (expected: " + name + "=\"...\")");
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("option " + name + " without a value (expected: " + name
                    + "=\"...\")");
        }
        return value;
    }

    private static boolean flag(String name, String value, boolean result) {
        if (value != null) {
            throw new IllegalArgumentException("option " + name + " takes no value (expected: " + name + ")");
        }
        return result;
    }

    /** OpenSSH's {@code YYYYMMDD[HHMM[SS]]}, in {@code zone} or, with a trailing {@code Z}, in UTC. */
    private static Instant expiry(String value, ZoneId zone) {
        String digits = value;
        ZoneId in = zone;
        if (digits.endsWith("Z") || digits.endsWith("z")) {
            digits = digits.substring(0, digits.length() - 1);
            in = ZoneOffset.UTC;
        }
        boolean wellFormed = (digits.length() == 8 || digits.length() == 12 || digits.length() == 14)
                && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        try {
            if (wellFormed) {
                int hour = digits.length() > 8 ? Integer.parseInt(digits.substring(8, 10)) : 0;
                int minute = digits.length() > 8 ? Integer.parseInt(digits.substring(10, 12)) : 0;
                int second = digits.length() > 12 ? Integer.parseInt(digits.substring(12, 14)) : 0;
                return LocalDateTime.of(Integer.parseInt(digits.substring(0, 4)),
                        Integer.parseInt(digits.substring(4, 6)), Integer.parseInt(digits.substring(6, 8)), hour,
                        minute, second).atZone(in).toInstant();
            }
        } catch (DateTimeException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("option expiry-time=\"" + value + "\" is not a time (expected: "
                + "YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, optionally followed by Z for UTC)");
    }
}
