package io.github.telnetsrv.protocol;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * Receives the events of a {@link TelnetEngine}.
 *
 * <p>Every method is called synchronously on the thread that called {@link TelnetEngine#receive},
 * {@link TelnetEngine#start}, {@link TelnetEngine#requestLocal} or {@link TelnetEngine#requestRemote},
 * so an implementation is confined to that session's thread like the engine. Arrays passed in are
 * only valid during the call: copy what must be kept. A listener may call {@code requestLocal} and
 * {@code requestRemote} from any callback, but not {@code receive}. An exception thrown here leaves
 * {@code receive} and the engine must not be used afterwards.
 */
public interface TelnetListener {

    /**
     * Application data with IAC sequences removed and every line end (CR LF, CR NUL, bare CR,
     * bare LF) turned into exactly one CR (0x0D), also when the CR and the following LF or NUL
     * arrive in different {@code receive} calls. Data is passed in as few calls as the input allows,
     * usually slices of the array given to {@code receive}.
     *
     * @param buf the bytes; only valid during the call
     * @param off the first byte
     * @param len the number of bytes, at least 1
     */
    void onData(byte[] buf, int off, int len);

    /**
     * Bytes the engine must send to the peer (negotiation replies and requests), in order.
     * Each call holds whole Telnet commands.
     *
     * @param buf the bytes; only valid during the call
     * @param off the first byte
     * @param len the number of bytes, at least 2
     */
    void onSend(byte[] buf, int off, int len);

    /**
     * A two-byte command: AYT, IP, BRK, AO, EC, EL, NOP, DM or GA. The engine itself treats DM as
     * NOP (urgent data is the runtime's concern).
     *
     * @param command the command
     */
    default void onCommand(TelnetCommand command) {
    }

    /**
     * An option changed state.
     *
     * @param option  the option code, {@code 0..255}
     * @param local   {@code true} for our side (we sent WILL/WONT and the client agreed, or we agreed
     *                to its DO/DONT); {@code false} for the client's side
     * @param enabled the new state
     */
    default void onOptionChanged(int option, boolean local, boolean enabled) {
    }

    /**
     * NAWS: the window size after clamping to the limits; 0 means "the client did not say".
     * Called on every update.
     *
     * @param width  columns, {@code 0..maxWidth}
     * @param height rows, {@code 0..maxHeight}
     */
    default void onWindowSize(int width, int height) {
    }

    /**
     * TTYPE: the active terminal type once cycling has settled; called again if the client
     * renegotiates the option.
     *
     * @param terminalType the name as the client sent it (compare it case-insensitively)
     */
    default void onTerminalType(String terminalType) {
    }

    /**
     * NEW-ENVIRON: the variables received so far, VAR and USERVAR merged. The values are hints from
     * the client, never credentials.
     *
     * @param variables an unmodifiable copy
     */
    default void onEnvironment(Map<String, String> variables) {
    }

    /**
     * CHARSET: the character set agreed with the client (UTF-8 when the client offered it).
     *
     * @param charset the charset
     */
    default void onCharset(Charset charset) {
    }

    /**
     * A subnegotiation for an option that is enabled (by the policy) but that the engine does not
     * interpret itself, such as a MUD protocol.
     *
     * @param option the option code, {@code 0..255}
     * @param buf    the parameters with IAC IAC already turned into one 255; only valid during the call
     * @param off    the first byte
     * @param len    the number of bytes, possibly 0
     */
    default void onSubnegotiation(int option, byte[] buf, int off, int len) {
    }

    /**
     * A protocol violation or a limit hit; decoding goes on. After a fixed number of warnings the
     * engine reports that further warnings are suppressed and then stays silent, so a hostile peer
     * cannot flood the log.
     *
     * @param message what was received and what was expected
     */
    default void onWarning(String message) {
    }
}
