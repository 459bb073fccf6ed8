package io.github.telnetsrv.test;

import io.github.telnetsrv.Command;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The README's handler with a few commands more, for the kit's own tests: what the session knows about the
 * client, and a command that runs until it is interrupted.
 */
public class QuickStartHandler extends MyHandler {

    /** A handler for one session. */
    public QuickStartHandler() {
    }

    /** Counted down when {@code block} has started. */
    final CountDownLatch blocking = new CountDownLatch(1);

    @Command(value = "size", help = """

            The terminal's size.
            """)
    void size() {
        writeResult(width() + "x" + height());
    }

    @Command(value = "whoami", help = """

            What the session knows about the client.
            """)
    void whoami() {
        writeResult("user: " + username());
        writeResult("terminal: " + terminalType());
        writeResult("environment: " + new TreeMap<>(environment()));
    }

    @Command(value = "block", help = """

            Waits until interrupted.
            """)
    void block() {
        blocking.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            writeResult("interrupted");
        }
    }
}
