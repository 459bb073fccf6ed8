package io.github.telnetsrv.protocol;

import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.INFO;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.IS;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.SEND;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The option handlers behind a {@link TelnetEngine}: NAWS, TTYPE, NEW-ENVIRON and CHARSET
 * subnegotiations, and what the engine does when the client enables or disables TTYPE and
 * NEW-ENVIRON. Malformed or unexpected subnegotiations become warnings and are ignored.
 * Confined to one session's thread.
 */
final class Subnegotiations {

    private static final byte[] NOTHING = new byte[0];

    private final TelnetLimits limits;
    private final OptionPolicy policy;
    private final Negotiator negotiator;
    private final Output output;
    private final TelnetListener listener;
    private final Warnings warnings;
    private final TerminalTypeCycle terminalTypes;
    /** The variables received, made on the first NEW-ENVIRON reply (most sessions never send one). */
    private Map<String, String> variables;
    private Map<String, String> environment = Map.of();
    private boolean environmentInFlight;
    private boolean environmentLimitWarned;
    private int width;
    private int height;
    private Charset charset;

    Subnegotiations(TelnetLimits limits, OptionPolicy policy, Negotiator negotiator, Output output,
            TelnetListener listener, Warnings warnings) {
        this.limits = limits;
        this.policy = policy;
        this.negotiator = negotiator;
        this.output = output;
        this.listener = listener;
        this.warnings = warnings;
        this.terminalTypes = new TerminalTypeCycle(limits.maxTerminalTypes());
    }

    boolean pending() {
        return terminalTypes.inFlight() || environmentInFlight;
    }

    String terminalType() {
        return terminalTypes.active();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Map<String, String> environment() {
        return environment;
    }

    Charset charset() {
        return charset;
    }

    /** The client's side of an option changed: start or stop asking for what it carries. */
    void remoteChanged(int option, boolean enabled) {
        if (option == TelnetOption.TTYPE) {
            if (enabled) {
                terminalTypes.begin();
                output.subnegotiation(TelnetOption.TTYPE, SEND, NOTHING);
            } else if (terminalTypes.abandon()) {
                reportTerminalType();
            }
        } else if (option == TelnetOption.NEW_ENVIRON) {
            environmentInFlight = enabled;
            if (enabled) {
                output.subnegotiation(TelnetOption.NEW_ENVIRON, SEND, NOTHING);
            }
        }
    }

    /** A complete subnegotiation from the client. */
    void received(int option, byte[] buf, int len) {
        switch (option) {
            case TelnetOption.NAWS -> {
                if (policy.acceptsRemote(option) || negotiator.isEnabled(false, option)) {
                    windowSize(buf, len);
                } else {
                    unnegotiated(option);
                }
            }
            case TelnetOption.TTYPE -> {
                if (!negotiator.isEnabled(false, option)) {
                    unnegotiated(option);
                } else if (len == 0) {
                    warn("TTYPE subnegotiation without a subcommand (expected: IS name); ignored");
                } else {
                    terminalType(buf, len);
                }
            }
            case TelnetOption.NEW_ENVIRON -> {
                if (!negotiator.isEnabled(false, option)) {
                    unnegotiated(option);
                } else if (len == 0) {
                    warn("NEW-ENVIRON subnegotiation without a subcommand (expected: IS or INFO); ignored");
                } else {
                    environment(buf, len);
                }
            }
            case TelnetOption.CHARSET -> {
                if (!negotiator.isEnabled(false, option) && !negotiator.isEnabled(true, option)) {
                    unnegotiated(option);
                } else if (len == 0) {
                    warn("CHARSET subnegotiation without a subcommand (expected: REQUEST); ignored");
                } else {
                    charset(buf, len);
                }
            }
            default -> {
                if (negotiator.isEnabled(false, option) || negotiator.isEnabled(true, option)) {
                    output.flush();
                    listener.onSubnegotiation(option, buf, 0, len);
                } else {
                    unnegotiated(option);
                }
            }
        }
    }

    private void windowSize(byte[] buf, int len) {
        if (len != 4) {
            warn("NAWS subnegotiation of " + len + " bytes (expected: 4); ignored");
            return;
        }
        int w = (buf[0] & 0xFF) << 8 | buf[1] & 0xFF;
        int h = (buf[2] & 0xFF) << 8 | buf[3] & 0xFF;
        if (w > limits.maxWidth() || h > limits.maxHeight()) {
            warn("NAWS " + w + "x" + h + " (expected: at most " + limits.maxWidth() + "x"
                    + limits.maxHeight() + "); clamped");
        }
        width = Math.min(w, limits.maxWidth());
        height = Math.min(h, limits.maxHeight());
        output.flush();
        listener.onWindowSize(width, height);
    }

    private void terminalType(byte[] buf, int len) {
        int subcommand = buf[0] & 0xFF;
        if (subcommand == SEND) {
            warn("TTYPE SEND from the client (expected: IS; only the server asks); ignored");
        } else if (subcommand != IS) {
            warn("TTYPE subcommand " + subcommand + " (expected: IS 0); ignored");
        } else if (!terminalTypes.inFlight()) {
            warn("TTYPE IS without a SEND (expected: a reply to our SEND); ignored");
        } else {
            String name = new String(buf, 1, len - 1, StandardCharsets.ISO_8859_1);
            if (terminalTypes.reply(name) == TerminalTypeCycle.Next.SEND_AGAIN) {
                output.subnegotiation(TelnetOption.TTYPE, SEND, NOTHING);
            } else {
                reportTerminalType();
            }
        }
    }

    private void reportTerminalType() {
        output.flush();
        listener.onTerminalType(terminalTypes.active());
    }

    private void environment(byte[] buf, int len) {
        int subcommand = buf[0] & 0xFF;
        if (subcommand == SEND) {
            warn("NEW-ENVIRON SEND from the client (expected: IS or INFO; the server sends no variables); ignored");
            return;
        }
        if (subcommand != IS && subcommand != INFO) {
            warn("NEW-ENVIRON subcommand " + subcommand + " (expected: IS 0 or INFO 2); ignored");
            return;
        }
        if (subcommand == IS) {
            environmentInFlight = false;
        }
        List<EnvironmentParser.Variable> parsed;
        try {
            parsed = EnvironmentParser.parse(buf, 1, len - 1);
        } catch (EnvironmentParser.Malformed e) {
            warn("NEW-ENVIRON " + (subcommand == IS ? "IS" : "INFO") + ": " + e.getMessage() + "; ignored");
            return;
        }
        for (EnvironmentParser.Variable variable : parsed) {
            if (variable.value() == null) {
                variables().remove(variable.name());
            } else if (variables().containsKey(variable.name())
                    || variables().size() < limits.maxEnvironmentVariables()) {
                variables().put(variable.name(), variable.value());
            } else if (!environmentLimitWarned) {
                environmentLimitWarned = true;
                warn("NEW-ENVIRON: more than " + limits.maxEnvironmentVariables()
                        + " variables (expected: at most maxEnvironmentVariables); further ones ignored");
            }
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(variables()));
        output.flush();
        listener.onEnvironment(environment);
    }

    private void charset(byte[] buf, int len) {
        int subcommand = buf[0] & 0xFF;
        if (subcommand != CharsetRequest.REQUEST) {
            warn("CHARSET subcommand " + subcommand + " (expected: REQUEST 1; the engine sends no request); ignored");
            return;
        }
        String name = CharsetRequest.chooseUtf8(buf, 1, len - 1);
        if (name == null) {
            output.subnegotiation(TelnetOption.CHARSET, CharsetRequest.REJECTED, NOTHING);
            return;
        }
        output.subnegotiation(TelnetOption.CHARSET, CharsetRequest.ACCEPTED,
                name.getBytes(StandardCharsets.US_ASCII));
        charset = StandardCharsets.UTF_8;
        output.flush();
        listener.onCharset(charset);
    }

    private void unnegotiated(int option) {
        warn("subnegotiation for " + TelnetOption.name(option)
                + ", which is not enabled (expected: WILL/DO agreed first); ignored");
    }

    private void warn(String message) {
        if (!warnings.muted()) {
            warnings.report(message);
        }
    }

    private Map<String, String> variables() {
        if (variables == null) {
            variables = new LinkedHashMap<>();
        }
        return variables;
    }
}
