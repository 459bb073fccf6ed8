package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records every engine event as one line of text: {@code DATA 61 0D}, {@code SEND FB 01},
 * {@code CMD AYT}, {@code OPTION ECHO local on}, {@code NAWS 80x24}, {@code TTYPE xterm},
 * {@code ENV USER=bob X=a\x00b}, {@code CHARSET UTF-8}, {@code SB 201 01 02}, {@code WARNING text}.
 * Adjacent DATA events are merged, so the log does not depend on how the input was split.
 */
final class RecordingListener implements TelnetListener {

    private final List<String> log = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private int dataCalls;
    private int sendCalls;

    @Override
    public void onData(byte[] buf, int off, int len) {
        if (len <= 0) {
            throw new AssertionError("onData with len " + len + " (expected: at least 1)");
        }
        dataCalls++;
        data.write(buf, off, len);
    }

    @Override
    public void onSend(byte[] buf, int off, int len) {
        sendCalls++;
        sent.write(buf, off, len);
        add("SEND " + Bytes.hex(buf, off, len));
    }

    @Override
    public void onCommand(TelnetCommand command) {
        add("CMD " + command);
    }

    @Override
    public void onOptionChanged(int option, boolean local, boolean enabled) {
        add("OPTION " + TelnetOption.name(option) + (local ? " local " : " remote ") + (enabled ? "on" : "off"));
    }

    @Override
    public void onWindowSize(int width, int height) {
        add("NAWS " + width + "x" + height);
    }

    @Override
    public void onTerminalType(String terminalType) {
        add("TTYPE " + terminalType);
    }

    @Override
    public void onEnvironment(Map<String, String> variables) {
        StringBuilder sb = new StringBuilder("ENV");
        variables.forEach((k, v) -> sb.append(' ').append(escape(k)).append('=').append(escape(v)));
        add(sb.toString());
    }

    @Override
    public void onCharset(Charset charset) {
        add("CHARSET " + charset.name());
    }

    @Override
    public void onSubnegotiation(int option, byte[] buf, int off, int len) {
        add(("SB " + option + " " + Bytes.hex(buf, off, len)).strip());
    }

    @Override
    public void onWarning(String message) {
        add("WARNING " + message);
    }

    private void add(String event) {
        flushData();
        log.add(event);
    }

    private void flushData() {
        if (data.size() > 0) {
            log.add("DATA " + Bytes.hex(data.toByteArray()));
            data.reset();
        }
    }

    /** The events so far, adjacent DATA merged. */
    List<String> log() {
        flushData();
        return List.copyOf(log);
    }

    /** Forgets the events so far. */
    void clear() {
        flushData();
        log.clear();
        sent.reset();
        dataCalls = 0;
        sendCalls = 0;
    }

    /** Every byte passed to onSend so far. */
    byte[] sent() {
        return sent.toByteArray();
    }

    int dataCalls() {
        return dataCalls;
    }

    int sendCalls() {
        return sendCalls;
    }

    /**
     * Asserts the events so far. DATA and SEND lines may use the {@link Bytes} notation; a WARNING
     * line matches a warning whose message contains its text.
     */
    void assertLog(String... expected) {
        assertEquals(String.join("\n", normalize(List.of(expected))), String.join("\n", matchWarnings(List.of(expected), log())));
    }

    /** Asserts the events so far and forgets them. */
    void assertLogAndClear(String... expected) {
        assertLog(expected);
        clear();
    }

    static List<String> normalize(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("DATA ") && !out.isEmpty() && out.get(out.size() - 1).startsWith("DATA ")) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + Bytes.normalize(line.substring(5)));
            } else if (line.startsWith("DATA ") || line.startsWith("SEND ")) {
                out.add(line.substring(0, 5) + Bytes.normalize(line.substring(5)));
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /** Replaces each actual warning by the expected line it matches, so the comparison shows real differences. */
    static List<String> matchWarnings(List<String> expected, List<String> actual) {
        List<String> out = new ArrayList<>(actual);
        for (int i = 0; i < out.size() && i < expected.size(); i++) {
            String e = expected.get(i);
            String a = out.get(i);
            if (e.startsWith("WARNING ") && a.startsWith("WARNING ") && a.contains(e.substring(8))) {
                out.set(i, e);
            }
        }
        return out;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x21 || c == 0x7F || c == '\\' || c == '=') {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
