package io.github.telnetsrv.threaded;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;

/** The platform-thread runtime, as found by {@code TelnetServer.builder()}: name {@code "threaded"}. */
public final class ThreadedRuntime implements TelnetRuntime {

    static final String NAME = "threaded";

    /** Made by {@link java.util.ServiceLoader}. */
    public ThreadedRuntime() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public TelnetServer start(TelnetServerConfig config) throws IOException {
        return ThreadedTelnetServer.start(config);
    }

    @Override
    public ThreadFactory threads(String name) {
        return Thread.ofPlatform().name(name).factory();
    }

    @Override
    public SessionTasks sessionTasks(String name) {
        return SessionTasks.singleThread(Thread.ofPlatform().name(name).factory());
    }
}
