package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.edit.KeyMap;
import org.junit.jupiter.api.Test;

/** The write watchdog's thread lives exactly as long as some session is watched. */
class SessionWatchdogTest {

    private static SessionTerminal terminal() {
        return new SessionTerminal(new TestClient(TestClient.Kind.SILENT), SessionRun.CONFIG, KeyMap.defaults(),
                new SessionTerminal.Events() {
                    @Override
                    public void lineEntered(String line) {
                    }

                    @Override
                    public void endRequested() {
                    }
                });
    }

    @Test
    void itsThreadRunsWhileASessionIsWatchedAndEndsWithTheLast() {
        SessionWatchdog watchdog = new SessionWatchdog();
        SessionTerminal first = terminal();
        SessionTerminal second = terminal();
        assertFalse(watchdog.running());

        watchdog.watch(first);
        watchdog.watch(second);
        assertTrue(watchdog.running());
        watchdog.unwatch(first);
        assertTrue(watchdog.running(), "one session is still watched");
        watchdog.unwatch(second);
        assertFalse(watchdog.running());
        watchdog.unwatch(second);

        watchdog.watch(first);
        assertTrue(watchdog.running(), "started again for a new session");
        watchdog.unwatch(first);
        assertFalse(watchdog.running());
    }
}
