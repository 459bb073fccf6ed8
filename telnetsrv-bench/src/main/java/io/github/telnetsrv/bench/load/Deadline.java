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

    /**
     * Closes a server, waiting at most a while for it: JLine's connection manager, for one, waits for its
     * housekeeping thread, which sleeps a minute between rounds. What is still closing is left to the process's end.
     *
     * @param server the server to close
     * @param limit how long closing may take
     */
    static void closeWithin(Target server, Duration limit) {
        Thread closer = new Thread(() -> {
            try {
                server.close();
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println("closing the server failed: " + e);
            }
        }, "harness-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends a harness's process once its result is out: flushes standard output and halts with status 0, so that
     * threads a server left behind (JLine's, for one) do not keep the JVM alive.
     */
    static void exit() {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }
}
