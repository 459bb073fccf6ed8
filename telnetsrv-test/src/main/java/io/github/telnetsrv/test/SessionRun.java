package io.github.telnetsrv.test;

import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetSession;
import io.github.telnetsrv.spi.SessionTasks;
import java.time.Duration;

/**
 * One session running on the threads its runtime would give it, over the kit's in-memory connection (speaking
 * Telnet, or as an in-memory terminal): as
 * {@code telnetsrv-threaded} runs a connection, a platform thread reads and one platform thread runs the handler;
 * as {@code telnetsrv-virtual} does, a virtual thread reads and each handler task gets a virtual thread of its
 * own. When {@link TelnetSession#run()} returns, the handler threads are joined and the client is told the
 * session ended. Thread-safe.
 */
final class SessionRun {

    private final TelnetSession session;
    private final ClientTerminal client;
    private volatile Throwable failure;

    private SessionRun(TelnetSession session, ClientTerminal client) {
        this.session = session;
        this.client = client;
    }

    /**
     * Creates the session (registering the handler class, which may fail) and starts its reader.
     *
     * @param memory the in-memory terminal the session runs over, or {@code null} for Telnet
     */
    static SessionRun start(TelnetHandler handler, SessionSettings settings, Pipe toSession, ClientTerminal client,
            MemoryTransport memory) {
        String name = "telnetsrv-test-" + settings.id();
        boolean threaded = settings.runtime() == TestSession.Runtime.THREADED;
        SessionTasks tasks = threaded
                ? SessionTasks.singleThread(Thread.ofPlatform().name(name + "-handler").daemon(true).factory())
                : SessionTasks.threadPerTask(Thread.ofVirtual().name(name + "-handler").factory());
        MemoryConnection connection = new MemoryConnection(toSession, client, settings.remoteAddress());
        TelnetSession session = memory == null
                ? TelnetSession.create(handler, connection, settings.config(), tasks)
                : TelnetSession.create(handler, connection, settings.config(), tasks, memory::attach);
        SessionRun run = new SessionRun(session, client);
        Thread.Builder reader = threaded
                ? Thread.ofPlatform().name(name + "-reader").daemon(true)
                : Thread.ofVirtual().name(name + "-reader");
        reader.start(() -> run.serve(tasks));
        return run;
    }

    private void serve(SessionTasks tasks) {
        try {
            session.run();
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                tasks.shutdownAndJoin();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                client.ended();
            }
        }
    }

    /**
     * Waits for the session to end after the client hung up; if it has not within the timeout, closes it from
     * the server's side and waits as long again.
     *
     * @throws AssertionError if it still has not ended, or {@link TelnetSession#run()} threw
     */
    void awaitEnd(Duration timeout) {
        try {
            if (!client.waitForEnd(timeout)) {
                session.close();
                if (!client.waitForEnd(timeout)) {
                    throw client.failure("the session to end after the client hung up",
                            "its threads were still running " + Quoting.duration(timeout.multipliedBy(2))
                                    + " later (a handler that ignores interruption?)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
        }
        Throwable thrown = failure;
        if (thrown != null) {
            throw new AssertionError("TelnetSession.run() threw", thrown);
        }
    }
}
