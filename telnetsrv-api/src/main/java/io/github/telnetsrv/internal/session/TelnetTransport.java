package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.transport.Transport;
import io.github.telnetsrv.transport.TextDecoder;
import io.github.telnetsrv.protocol.OptionPolicy;
import io.github.telnetsrv.protocol.TelnetCommand;
import io.github.telnetsrv.protocol.TelnetEncoder;
import io.github.telnetsrv.protocol.TelnetEngine;
import io.github.telnetsrv.protocol.TelnetLimits;
import io.github.telnetsrv.protocol.TelnetListener;
import io.github.telnetsrv.protocol.TelnetOption;
import io.github.telnetsrv.spi.ClientText;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telnet as a session's {@link Transport}: the sans-I/O {@link TelnetEngine} and a streaming character decoder.
 * Data becomes typed characters, IP/BRK/AYT/AO/EC/EL become events, ECHO and NAWS changes become echo and size
 * changes; text out is encoded in the session's charset with every IAC doubled. Under the session's lock.
 */
public final class TelnetTransport implements Transport, TelnetListener {

    private static final Logger LOG = LoggerFactory.getLogger(TelnetTransport.class);
    /** A session whose charset is not UTF-8 refuses CHARSET: what it would agree to is what it cannot decode. */
    private static final OptionPolicy WITHOUT_CHARSET = OptionPolicy.defaults()
            .withLocal(TelnetOption.CHARSET, OptionPolicy.Stance.REFUSE)
            .withRemote(TelnetOption.CHARSET, OptionPolicy.Stance.REFUSE);
    private static final byte[] GA = TelnetEncoder.command(TelnetCommand.GA);

    private final Events events;
    private final SocketAddress remote;
    private final Charset charset;
    private final TelnetEngine engine;
    private final TextDecoder decoder;

    /**
     * Telnet for one session.
     *
     * @param charset the session's charset
     * @param remote the client's address, for log lines
     * @param events where what the client sends goes
     */
    public TelnetTransport(Charset charset, SocketAddress remote, Events events) {
        this.events = events;
        this.remote = remote;
        this.charset = charset;
        this.engine = new TelnetEngine(TelnetLimits.defaults(),
                StandardCharsets.UTF_8.equals(charset) ? OptionPolicy.defaults() : WITHOUT_CHARSET, this);
        this.decoder = new TextDecoder(charset);
    }

    // ------------------------------------------------------------------ Transport

    @Override
    public void start() {
        engine.start();
    }

    @Override
    public boolean settling() {
        return engine.negotiationPending();
    }

    @Override
    public boolean serverEcho() {
        return engine.isLocalEnabled(TelnetOption.ECHO);
    }

    @Override
    public void receive(byte[] buf, int off, int len) {
        engine.receive(buf, off, len);
    }

    @Override
    public void endOfInput() {
        decoder.endOfInput(new StringBuilder()); // half a character at the end of the input is nobody's key
    }

    @Override
    public void encode(String text, ByteArrayOutputStream out) {
        byte[] bytes = text.getBytes(charset);
        TelnetEncoder.writeData(bytes, 0, bytes.length, out);
    }

    @Override
    public void afterPrompt(ByteArrayOutputStream out) {
        if (engine.goAheadRequired()) {
            out.writeBytes(GA);
        }
    }

    @Override
    public String terminalType() {
        return engine.terminalType();
    }

    /**
     * A terminal is a Telnet program: a client that answered the negotiation (even to refuse every option, as a
     * client in line mode does), lets the server echo, or names its terminal type, other than {@code dumb}.
     * netcat, which never answers, is not.
     */
    @Override
    public boolean isTerminal() {
        String type = engine.terminalType();
        if (type != null && type.equalsIgnoreCase("dumb")) {
            return false;
        }
        return type != null || engine.isLocalEnabled(TelnetOption.ECHO) || !engine.negotiationPending();
    }

    @Override
    public int width() {
        return engine.width();
    }

    @Override
    public int height() {
        return engine.height();
    }

    @Override
    public Map<String, String> environment() {
        return engine.environment();
    }

    // ------------------------------------------------------------------ TelnetListener

    @Override
    public void onData(byte[] buf, int off, int len) {
        // A builder of the moment: an idle session keeps none.
        StringBuilder decoded = new StringBuilder(Math.min(len, 64));
        decoder.decode(buf, off, len, decoded);
        if (!decoded.isEmpty()) {
            events.typed(decoded);
        }
    }

    @Override
    public void onSend(byte[] buf, int off, int len) {
        events.reply(buf, off, len);
    }

    @Override
    public void onCommand(TelnetCommand command) {
        switch (command) {
            case AYT -> events.areYouThere();
            case IP, BRK -> events.interrupt();
            case AO -> events.abortOutput();
            case EC -> events.eraseCharacter();
            case EL -> events.eraseLine();
            default -> {
                // NOP, DM, GA: nothing to do.
            }
        }
    }

    @Override
    public void onOptionChanged(int option, boolean local, boolean enabled) {
        if (option == TelnetOption.ECHO && local) {
            events.echoChanged(enabled);
        }
    }

    @Override
    public void onWindowSize(int width, int height) {
        events.resized(width, height);
    }

    @Override
    public void onWarning(String message) {
        LOG.debug("{}: protocol: {}", remote, ClientText.forLog(message)); // may quote what the client sent
    }
}
