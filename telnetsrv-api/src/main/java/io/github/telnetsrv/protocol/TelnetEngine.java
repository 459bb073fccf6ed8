package io.github.telnetsrv.protocol;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;

/**
 * The sans-I/O Telnet engine: a decoder, an RFC 1143 Q-method negotiator for every option and the
 * option handlers (ECHO, SGA, BINARY, TIMING-MARK, TTYPE, NAWS, NEW-ENVIRON, CHARSET). Bytes from
 * the client go in through {@link #receive}; data, commands, option changes and the bytes to send
 * back come out as calls to the {@link TelnetListener}, synchronously, before {@code receive}
 * returns. The engine does no I/O, starts no thread and reads no clock.
 *
 * <p>Confined to one session's thread: all methods, and the listener's callbacks, run on the thread
 * that calls them. {@code receive} never throws on any input: protocol violations and limit hits
 * become {@link TelnetListener#onWarning} calls and decoding goes on. Memory is bounded by the
 * {@link TelnetLimits}.
 */
public final class TelnetEngine {

    private final TelnetListener listener;
    private final Warnings warnings;
    private final TelnetDecoder decoder;
    private final Negotiator negotiator;
    private final Subnegotiations subnegotiations;
    private final Output output;
    private boolean started;
    private boolean receiving;

    /**
     * Creates an engine; nothing is sent until {@link #start()} or a request.
     *
     * @param limits   bounds on what the client can make the engine hold
     * @param policy   which options to offer, accept and refuse
     * @param listener receives every event
     * @throws NullPointerException if an argument is {@code null}
     */
    public TelnetEngine(TelnetLimits limits, OptionPolicy policy, TelnetListener listener) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.warnings = new Warnings(listener);
        this.output = new Output(listener);
        Events events = new Events();
        this.negotiator = new Negotiator(policy, events, warnings);
        this.subnegotiations = new Subnegotiations(limits, policy, negotiator, output, listener, warnings);
        this.decoder = new TelnetDecoder(limits.maxSubnegotiation(), events, warnings);
    }

    /**
     * Sends the opening negotiation, one {@link TelnetListener#onSend} call with a request for every
     * option the policy initiates, ours first (with the defaults: WILL ECHO, WILL SGA, DO SGA,
     * DO TTYPE, DO NAWS, DO NEW-ENVIRON, DO CHARSET). Options the client already enabled are not
     * asked for again.
     *
     * @throws IllegalStateException if called twice
     */
    public void start() {
        if (started) {
            throw new IllegalStateException("start: already started (expected: one call per engine)");
        }
        started = true;
        negotiator.start();
        output.flush();
    }

    /**
     * Decodes bytes from the client. Never throws on any input.
     *
     * @param buf the bytes
     * @param off the first byte
     * @param len the number of bytes
     * @throws IndexOutOfBoundsException if the range is outside {@code buf}
     * @throws IllegalStateException     if called from one of this engine's listener callbacks
     */
    public void receive(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (receiving) {
            throw new IllegalStateException("receive: called from a listener callback (expected: not reentrant)");
        }
        receiving = true;
        try {
            decoder.decode(buf, off, len);
        } finally {
            receiving = false;
        }
    }

    /**
     * Returns whether our side of an option is enabled: we WILL, and the client said DO.
     *
     * @param option an option code, {@code 0..255}
     * @return {@code true} if enabled
     * @throws IllegalArgumentException if {@code option} is out of range
     */
    public boolean isLocalEnabled(int option) {
        OptionPolicy.checkOption(option);
        return negotiator.isEnabled(true, option);
    }

    /**
     * Returns whether the client's side of an option is enabled: it WILL, and we said DO.
     *
     * @param option an option code, {@code 0..255}
     * @return {@code true} if enabled
     * @throws IllegalArgumentException if {@code option} is out of range
     */
    public boolean isRemoteEnabled(int option) {
        OptionPolicy.checkOption(option);
        return negotiator.isEnabled(false, option);
    }

    /**
     * Asks to enable (WILL) or disable (WONT) our side of an option, following RFC 1143: nothing is
     * sent if the option is already in, or on its way to, the wanted state. Not filtered by the
     * policy.
     *
     * @param option an option code, {@code 0..255}
     * @param enable the wanted state
     * @throws IllegalArgumentException if {@code option} is out of range or is TIMING-MARK (a mark
     *                                  is answered, never offered)
     */
    public void requestLocal(int option, boolean enable) {
        OptionPolicy.checkOption(option);
        if (option == TelnetOption.TIMING_MARK) {
            throw new IllegalArgumentException(
                    "option: TIMING-MARK (expected: another option; a mark is answered, never offered)");
        }
        negotiator.request(true, option, enable);
        output.flush();
    }

    /**
     * Asks the client to enable (DO) or disable (DONT) its side of an option, following RFC 1143.
     * {@code requestRemote(TIMING_MARK, true)} sends DO TM; the client's WILL or WONT TM is the mark
     * and leaves the option off. Not filtered by the policy.
     *
     * @param option an option code, {@code 0..255}
     * @param enable the wanted state
     * @throws IllegalArgumentException if {@code option} is out of range, or for enabling ECHO (a
     *                                  server never asks the client to echo)
     */
    public void requestRemote(int option, boolean enable) {
        OptionPolicy.checkOption(option);
        if (option == TelnetOption.ECHO && enable) {
            throw new IllegalArgumentException(
                    "option: ECHO (expected: another option; a server never asks the client to echo)");
        }
        negotiator.request(false, option, enable);
        output.flush();
    }

    /**
     * Returns whether negotiation is still going on: a request we sent is unanswered, TTYPE cycling
     * has not settled, or a NEW-ENVIRON SEND is unanswered.
     *
     * @return {@code true} while something is in flight
     */
    public boolean negotiationPending() {
        return negotiator.pending() || subnegotiations.pending();
    }

    /**
     * Returns the terminal type once TTYPE cycling has settled.
     *
     * @return the name as the client sent it, or {@code null} until known
     */
    public String terminalType() {
        return subnegotiations.terminalType();
    }

    /**
     * Returns the NAWS width, clamped to the limits.
     *
     * @return columns, or 0 until known
     */
    public int width() {
        return subnegotiations.width();
    }

    /**
     * Returns the NAWS height, clamped to the limits.
     *
     * @return rows, or 0 until known
     */
    public int height() {
        return subnegotiations.height();
    }

    /**
     * Returns the NEW-ENVIRON variables received so far (VAR and USERVAR merged). Hints only: never
     * use them to authenticate.
     *
     * @return an unmodifiable snapshot, empty until the client sends some
     */
    public Map<String, String> environment() {
        return subnegotiations.environment();
    }

    /**
     * Returns the character set agreed through CHARSET.
     *
     * @return UTF-8 once agreed, otherwise {@code null}
     */
    public Charset charset() {
        return subnegotiations.charset();
    }

    /**
     * Returns whether the session must send IAC GA after each prompt: true while SUPPRESS-GO-AHEAD
     * is not enabled on our side (RFC 858).
     *
     * @return {@code true} if GA is required
     */
    public boolean goAheadRequired() {
        return !negotiator.isEnabled(true, TelnetOption.SGA);
    }

    /** The decoder's and negotiator's events, kept off the public API. */
    private final class Events implements TelnetDecoder.Sink, Negotiator.Effects {

        @Override
        public void data(byte[] buf, int off, int len) {
            listener.onData(buf, off, len);
        }

        @Override
        public void command(TelnetCommand command) {
            listener.onCommand(command);
        }

        @Override
        public void negotiation(int verb, int option) {
            negotiator.received(verb, option);
            output.flush();
        }

        @Override
        public void subnegotiation(int option, byte[] buf, int len) {
            subnegotiations.received(option, buf, len);
            output.flush();
        }

        @Override
        public void send(int verb, int option) {
            output.negotiation(verb, option);
        }

        @Override
        public void changed(int option, boolean local, boolean enabled) {
            if (!local) {
                subnegotiations.remoteChanged(option, enabled);
            }
            output.flush();
            listener.onOptionChanged(option, local, enabled);
        }
    }

    /** Decoder state, for tests. */
    TelnetDecoder decoder() {
        return decoder;
    }
}
