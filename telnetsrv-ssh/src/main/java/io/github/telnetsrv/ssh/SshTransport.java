package io.github.telnetsrv.ssh;

import io.github.telnetsrv.transport.TextDecoder;
import io.github.telnetsrv.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * An SSH session channel as the session core sees it. The SSH layer has done what Telnet negotiates: the terminal
 * type, the size and the environment come with the channel's requests, there is no option to agree on, and the
 * bytes of the channel are the user's keys with nothing to unescape.
 *
 * <p>With a PTY the server echoes and edits (the client's terminal is raw: Enter is CR, Ctrl-C is 0x03, a
 * window-change request resizes); without one the client sends whole lines and echoes nothing itself (line mode,
 * no editing echo), and the output's line ends are plain LF, as a program reading a pipe expects. An exec channel
 * runs its command line instead of the shell.
 *
 * <p>Called under the session's lock (see {@link Transport}); {@link #resize} and {@link #interrupt} come from an
 * SSH I/O thread, which they never block: the session only appends the redraw and hands its write to a task.
 */
final class SshTransport implements Transport {

    private final Events events;
    private final Charset charset;
    private final boolean pty;
    private final String terminalType;
    private final Map<String, String> environment;
    private final String user;
    private final String command;
    private final ChannelConnection connection;
    private final TextDecoder decoder;
    private final StringBuilder decoded = new StringBuilder();
    /** The last character received was a CR: an LF right after it is the same Enter. */
    private boolean afterCr;
    private volatile int width;
    private volatile int height;

    /**
     * @param events where the session takes what the channel reports
     * @param charset the session's character set
     * @param pty whether the client asked for a PTY
     * @param terminalType the PTY's TERM, or {@code null}
     * @param width columns from the PTY request, 0 if unknown
     * @param height rows from the PTY request, 0 if unknown
     * @param environment the variables the client sent
     * @param user the authenticated user
     * @param command the exec request's command line, or {@code null} for a shell
     * @param connection the channel's bytes; told the exit status
     */
    SshTransport(Events events, Charset charset, boolean pty, String terminalType, int width, int height,
            Map<String, String> environment, String user, String command, ChannelConnection connection) {
        this.events = events;
        this.charset = charset;
        this.pty = pty;
        this.terminalType = terminalType;
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.environment = Map.copyOf(environment);
        this.user = user;
        this.command = command;
        this.connection = connection;
        this.decoder = new TextDecoder(charset);
    }

    /**
     * The client's window changed (a window-change request): the session redraws as for a Telnet NAWS change.
     * From an SSH I/O thread; {@link Events#resized} takes the session's lock itself.
     *
     * @param columns the new width
     * @param rows the new height
     */
    void resize(int columns, int rows) {
        width = Math.max(0, columns);
        height = Math.max(0, rows);
        events.resized(width, height);
    }

    /** A break request or an INT signal: like Ctrl-C. From an SSH I/O thread. */
    void interrupt() {
        events.interrupt();
    }

    @Override
    public void start() {
        // Nothing to negotiate: the channel's requests came before the shell started.
    }

    @Override
    public boolean settling() {
        return false;
    }

    @Override
    public boolean serverEcho() {
        return pty;
    }

    @Override
    public void receive(byte[] buf, int off, int len) {
        decoder.decode(buf, off, len, decoded);
        if (!decoded.isEmpty()) {
            normalizeLineEnds();
            if (!decoded.isEmpty()) {
                events.typed(decoded);
            }
            decoded.setLength(0);
        }
    }

    /**
     * Enter reaches the line editor as CR, as the Telnet decoder delivers it: a raw terminal sends CR, a pipe LF,
     * a Windows pipe CR LF (one Enter, even when split between two packets).
     */
    private void normalizeLineEnds() {
        int to = 0;
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '\n') {
                if (afterCr) {
                    afterCr = false;
                    continue;
                }
                c = '\r';
            } else {
                afterCr = c == '\r';
            }
            decoded.setCharAt(to++, c);
        }
        decoded.setLength(to);
    }

    @Override
    public void endOfInput() {
        decoder.endOfInput(decoded);
        decoded.setLength(0); // half a character at the end of the input is nobody's key
    }

    /**
     * Line ends as the client's side wants them: CR LF for a PTY (the client's terminal is raw: a bare LF would only
     * move down), a plain LF without one (a program reading a pipe).
     */
    @Override
    public void encode(String text, ByteArrayOutputStream out) {
        String lines;
        if (!pty) {
            lines = text.replace("\r\n", "\n");
        } else if (text.indexOf('\n') < 0) {
            lines = text;
        } else {
            StringBuilder crlf = new StringBuilder(text.length() + 8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                    crlf.append('\r');
                }
                crlf.append(c);
            }
            lines = crlf.toString();
        }
        out.writeBytes(lines.getBytes(charset));
    }

    /** The session took {@code bytes} of the client's input: the channel's window opens as much again. */
    @Override
    public void inputTaken(int bytes) {
        connection.windowTaken(bytes);
    }

    @Override
    public void afterPrompt(ByteArrayOutputStream out) {
        // SSH has no go-ahead.
    }

    @Override
    public String terminalType() {
        return terminalType;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public String authenticatedUser() {
        return user;
    }

    @Override
    public String execCommand() {
        return command;
    }

    @Override
    public boolean isTerminal() {
        return pty && command == null && !"dumb".equalsIgnoreCase(terminalType);
    }

    /**
     * Error lines go to the channel's stderr when the client has no PTY (an exec, {@code ssh -T}): a program or a
     * redirection keeps them apart from the output. With a PTY they stay inline, as on the client's terminal.
     */
    @Override
    public java.io.OutputStream errorOutput() {
        return pty ? null : connection.error();
    }

    @Override
    public void ended(int status) {
        connection.exitStatus(status);
    }
}
