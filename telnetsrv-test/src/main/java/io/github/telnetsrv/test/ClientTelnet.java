package io.github.telnetsrv.test;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DO;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DONT;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WILL;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WONT;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.ESC;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.IS;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.SEND;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.USERVAR;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.VALUE;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.VAR;

import io.github.telnetsrv.protocol.TelnetCommand;
import io.github.telnetsrv.protocol.TelnetEncoder;
import io.github.telnetsrv.protocol.TelnetOption;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The kit's client side of Telnet, as a character-mode terminal program speaks it: it lets the server echo
 * (DO ECHO) and suppress go-ahead, offers SGA, TTYPE, NAWS and NEW-ENVIRON when asked, answers TTYPE SEND with
 * its terminal type, NEW-ENVIRON SEND with its variables, and sends NAWS when enabled and on every resize; every
 * other option is refused. Sans I/O: bytes from the server go in through {@link #receive}, data comes out to the
 * {@link Peer}, and so do the bytes to send back.
 *
 * <p>Each side of an option is answered only when the request changes its state, so two sides that both follow
 * this rule never loop (RFC 854's rule, which RFC 1143 refines). Confined to the thread holding the client's
 * lock.
 */
final class ClientTelnet {

    /** Where the decoded stream goes. */
    interface Peer {
        /** Data bytes from the server (IAC IAC already one 255). */
        void data(byte[] buf, int off, int len);

        /** Bytes to send to the server. */
        void send(byte[] bytes);
    }

    /** Subnegotiations longer than this are dropped (the server sends only short ones). */
    private static final int MAX_SUBNEGOTIATION = 4096;
    /** The options this client enables on its side when the server asks (DO). */
    private static final Set<Integer> OURS = Set.of(TelnetOption.SGA, TelnetOption.TTYPE, TelnetOption.NAWS,
            TelnetOption.NEW_ENVIRON);
    /** The options this client lets the server enable (WILL). */
    private static final Set<Integer> THEIRS = Set.of(TelnetOption.ECHO, TelnetOption.SGA);
    /** NEW-ENVIRON's well-known variables (RFC 1572), sent as VAR; the others are USERVARs. */
    private static final Set<String> WELL_KNOWN = Set.of("USER", "JOB", "ACCT", "PRINTER", "SYSTEMTYPE", "DISPLAY");

    private enum State { DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_IAC }

    private final Peer peer;
    private final String terminalType;
    private final Map<String, String> environment;
    private final boolean[] ourSide = new boolean[256];
    private final boolean[] theirSide = new boolean[256];
    private final ByteArrayOutputStream subnegotiation = new ByteArrayOutputStream();
    private State state = State.DATA;
    private int verb;
    private int width;
    private int height;

    ClientTelnet(Peer peer, String terminalType, Map<String, String> environment, int width, int height) {
        this.peer = peer;
        this.terminalType = terminalType;
        this.environment = new LinkedHashMap<>(environment);
        this.width = width;
        this.height = height;
    }

    /** Whether the server echoes what the client types (the server said WILL ECHO and the client agreed). */
    boolean serverEchoes() {
        return theirSide[TelnetOption.ECHO];
    }

    /** The window size changed: sends NAWS if the server enabled it (otherwise when it does). */
    void resize(int columns, int rows) {
        width = columns;
        height = rows;
        if (ourSide[TelnetOption.NAWS]) {
            sendWindowSize();
        }
    }

    /** Decodes bytes from the server. */
    void receive(byte[] buf, int off, int len) {
        int dataStart = -1;
        for (int i = off; i < off + len; i++) {
            int b = buf[i] & 0xFF;
            if (state == State.DATA) {
                if (b != IAC) {
                    if (dataStart < 0) {
                        dataStart = i;
                    }
                    continue;
                }
                if (dataStart >= 0) {
                    peer.data(buf, dataStart, i - dataStart);
                    dataStart = -1;
                }
                state = State.COMMAND;
                continue;
            }
            step(b);
        }
        if (dataStart >= 0) {
            peer.data(buf, dataStart, off + len - dataStart);
        }
    }

    private void step(int b) {
        switch (state) {
            case COMMAND -> {
                if (b == IAC) {
                    peer.data(new byte[] {(byte) IAC}, 0, 1);
                    state = State.DATA;
                } else if (b >= WILL && b <= DONT) {
                    verb = b;
                    state = State.OPTION;
                } else if (b == SB) {
                    subnegotiation.reset();
                    state = State.SUBNEGOTIATION;
                } else {
                    state = State.DATA; // GA, NOP, DM, AYT...: nothing for a terminal to show
                }
            }
            case OPTION -> {
                negotiate(verb, b);
                state = State.DATA;
            }
            case SUBNEGOTIATION -> {
                if (b == IAC) {
                    state = State.SUBNEGOTIATION_IAC;
                } else if (subnegotiation.size() < MAX_SUBNEGOTIATION) {
                    subnegotiation.write(b);
                }
            }
            case SUBNEGOTIATION_IAC -> {
                if (b == IAC) {
                    if (subnegotiation.size() < MAX_SUBNEGOTIATION) {
                        subnegotiation.write(IAC);
                    }
                    state = State.SUBNEGOTIATION;
                } else {
                    state = State.DATA;
                    if (b == SE) {
                        subnegotiated(subnegotiation.toByteArray());
                    }
                }
            }
            default -> throw new IllegalStateException("state: " + state);
        }
    }

    private void negotiate(int verb, int option) {
        if (verb == DO || verb == DONT) {
            boolean wanted = verb == DO && OURS.contains(option);
            if (verb == DO && !wanted) {
                send(WONT, option);
            } else if (ourSide[option] != wanted) {
                ourSide[option] = wanted;
                send(wanted ? WILL : WONT, option);
                if (wanted && option == TelnetOption.NAWS) {
                    sendWindowSize();
                }
            }
        } else {
            boolean wanted = verb == WILL && THEIRS.contains(option);
            if (verb == WILL && !wanted) {
                send(DONT, option);
            } else if (theirSide[option] != wanted) {
                theirSide[option] = wanted;
                send(wanted ? DO : DONT, option);
            }
        }
    }

    private void subnegotiated(byte[] payload) {
        if (payload.length < 2) {
            return;
        }
        int option = payload[0] & 0xFF;
        int subcommand = payload[1] & 0xFF;
        if (subcommand != SEND || !ourSide[option]) {
            return;
        }
        if (option == TelnetOption.TTYPE) {
            byte[] name = terminalType.getBytes(StandardCharsets.US_ASCII);
            byte[] reply = new byte[name.length + 1];
            reply[0] = IS;
            System.arraycopy(name, 0, reply, 1, name.length);
            peer.send(TelnetEncoder.subnegotiation(TelnetOption.TTYPE, reply));
        } else if (option == TelnetOption.NEW_ENVIRON) {
            peer.send(TelnetEncoder.subnegotiation(TelnetOption.NEW_ENVIRON, environmentIs()));
        }
    }

    /** NEW-ENVIRON IS with every variable (the server's SEND asks for all of them, or for some it may get). */
    private byte[] environmentIs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(IS);
        environment.forEach((name, value) -> {
            out.write(WELL_KNOWN.contains(name) ? VAR : USERVAR);
            escaped(name, out);
            out.write(VALUE);
            escaped(value, out);
        });
        return out.toByteArray();
    }

    private static void escaped(String text, ByteArrayOutputStream out) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if ((b & 0xFF) <= USERVAR) {
                out.write(ESC);
            }
            out.write(b);
        }
    }

    private void sendWindowSize() {
        peer.send(TelnetEncoder.subnegotiation(TelnetOption.NAWS, new byte[] {
            (byte) (width >> 8), (byte) width, (byte) (height >> 8), (byte) height}));
    }

    private void send(int verb, int option) {
        peer.send(TelnetEncoder.negotiation(TelnetCommand.of(verb), option));
    }
}
