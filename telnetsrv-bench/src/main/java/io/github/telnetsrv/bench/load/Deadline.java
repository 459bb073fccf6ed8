package io.github.telnetsrv.bench.load;

import java.time.Duration;

/** Bounds a harness run: if it has not finished in time, the process says so and exits with status 3. */
final class Deadline {

    private Deadline() {
    }

    /**
     * Starts the clock.
     *
     * @param limit how long the whole run may take
     * @param what the harness, for the message
     */
    static void start(Duration limit, String what) {
        Thread watcher = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println(what + ": did not finish within " + limit + "; giving up");
            Runtime.getRuntime().halt(3);
        }, "harness-deadline");
        watcher.setDaemon(true);
        watcher.start();
    }
}
