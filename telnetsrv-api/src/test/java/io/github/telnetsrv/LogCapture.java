package io.github.telnetsrv;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the test JVM's slf4j binding (slf4j-simple, which writes to the {@code System.err} of the moment) logs while
 * it is open: {@code System.err} is replaced and restored on close. Tests of one module run one at a time, so the
 * lines are this test's (and its sessions').
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream previous = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private LogCapture() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /**
     * Starts capturing.
     *
     * @return the capture, to close
     */
    static LogCapture start() {
        return new LogCapture();
    }

    /**
     * The text logged so far.
     *
     * @return the text
     */
    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(previous);
    }
}
