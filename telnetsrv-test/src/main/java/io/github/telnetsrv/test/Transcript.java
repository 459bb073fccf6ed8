package io.github.telnetsrv.test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the session wrote, kept four ways: the raw text (Telnet removed, decoded), the plain text (terminal
 * control sequences and bells removed as well), the finished lines as they look once rendered, and the virtual
 * screen. The plain text only grows, so positions in it (the kit's await mark) stay valid.
 *
 * <p>A finished line is a row of a one-row terminal of unbounded width, taken when a line feed moves past it:
 * backspaces, {@code ESC[K} and carriage returns within it are applied, vertical moves are not. Confined to the
 * thread holding the client's lock.
 */
final class Transcript implements ControlParser.Sink {

    /** Wide enough for any line a session writes; the one-row terminal only wraps past it. */
    private static final int LINE_WIDTH = 1 << 20;

    /** A finished line: its rendered text and the length of the plain text just after its line feed. */
    record Line(String text, int end) {
    }

    private final CharsetDecoder decoder;
    private final ControlParser parser = new ControlParser(this);
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder plain = new StringBuilder();
    private final List<Line> lines = new ArrayList<>();
    private final VirtualTerminal screen;
    private final VirtualTerminal lineView;
    /** Bytes of a character split between two writes. */
    private ByteBuffer carry = ByteBuffer.allocate(0);

    Transcript(Charset charset, int columns, int rows) {
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.screen = new VirtualTerminal(columns, rows, row -> { });
        this.lineView = new VirtualTerminal(LINE_WIDTH, 1, row -> lines.add(new Line(row, plain.length())));
    }

    /** Data bytes from the session. */
    void data(byte[] buf, int off, int len) {
        ByteBuffer in;
        if (carry.hasRemaining()) {
            in = ByteBuffer.allocate(carry.remaining() + len).put(carry).put(buf, off, len).flip();
        } else {
            in = ByteBuffer.wrap(buf, off, len);
        }
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(in.remaining() * decoder.maxCharsPerByte()) + 2);
        while (true) {
            CoderResult result = decoder.decode(in, out, false);
            if (!result.isOverflow()) {
                break;
            }
            out = CharBuffer.allocate(out.capacity() * 2).put(out.flip());
        }
        carry = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
        out.flip();
        raw.append(out);
        parser.accept(out);
    }

    /** The window changed size. */
    void resize(int columns, int rows) {
        screen.resize(columns, rows);
    }

    String raw() {
        return raw.toString();
    }

    /** The plain text: what was written without Telnet, control sequences, bells and NULs. */
    StringBuilder plain() {
        return plain;
    }

    List<Line> lines() {
        return lines;
    }

    /** The line being written, rendered (the text after the last line feed). */
    String currentLine() {
        return lineView.rowText(0);
    }

    Screen screen() {
        return screen.snapshot();
    }

    // ------------------------------------------------------------------ ControlParser.Sink

    @Override
    public void print(int codePoint) {
        plain.appendCodePoint(codePoint);
        screen.print(codePoint);
        lineView.print(codePoint);
    }

    @Override
    public void control(int c) {
        if (ControlParser.keptInPlainText(c)) {
            plain.append((char) c);
        }
        screen.control(c);
        lineView.control(c);
    }

    @Override
    public void csi(String parameters, int finalChar) {
        screen.csi(parameters, finalChar);
        lineView.csi(parameters, finalChar);
    }

    @Override
    public void escape(int c) {
        screen.escape(c);
        lineView.escape(c);
    }
}
