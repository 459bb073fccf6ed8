package io.github.telnetsrv.test;

import io.github.telnetsrv.SessionConfig;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@link TestSession.Builder} collected for one session, checked.
 *
 * @param id the session's number, for its threads' names
 */
record SessionSettings(long id, TestSession.Runtime runtime, TestSession.Transport transport, int columns,
        int rows, String terminalType, Map<String, String> environment, SessionConfig config, String prompt,
        Duration timeout, SocketAddress remoteAddress) {

    /** The largest window the kit models (the session's own limit on NAWS sizes). */
    static final int MAX_SIZE = 1000;

    SessionSettings {
        checkSize(columns, rows);
        environment = Map.copyOf(environment);
    }

    static void checkSize(int columns, int rows) {
        if (columns < 1 || columns > MAX_SIZE || rows < 1 || rows > MAX_SIZE) {
            throw new IllegalArgumentException("size: " + columns + "x" + rows + " (expected: 1x1 to "
                    + MAX_SIZE + "x" + MAX_SIZE + ")");
        }
    }

    static String checkTerminalType(String type) {
        if (type.isEmpty() || type.length() > 40 || !type.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("terminalType: \"" + type
                    + "\" (expected: 1 to 40 printable ASCII characters, RFC 1091)");
        }
        return type;
    }
}
