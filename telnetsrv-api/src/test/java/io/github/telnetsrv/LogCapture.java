package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * What the tests' slf4j binding (slf4j-simple, which writes to whatever {@code System.err} is at the time) logs
 * while it is open; the lines still reach the real standard error too. Tests of this module run one at a time.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing (the same as the constructor). */
    static LogCapture start() {
        return new LogCapture();
    }

    /** Everything logged so far. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits (bounded) for a logged line that contains {@code part}; returns that line. */
    String awaitLine(String part) {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            for (String line : text().split("\n", -1)) {
                if (line.contains(part)) {
                    return line;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                fail("no log line containing '" + part + "' within " + TestClient.TIMEOUT + "; logged:\n" + text());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
