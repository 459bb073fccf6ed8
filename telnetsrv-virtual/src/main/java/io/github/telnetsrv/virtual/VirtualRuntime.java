package io.github.telnetsrv.virtual;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;

/** The virtual-thread runtime, as found by {@code TelnetServer.builder()}: name {@code "virtual"}. */
public final class VirtualRuntime implements TelnetRuntime {

    static final String NAME = "virtual";

    /** Made by {@link java.util.ServiceLoader}. */
    public VirtualRuntime() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public TelnetServer start(TelnetServerConfig config) throws IOException {
        return VirtualTelnetServer.start(config);
    }

    @Override
    public ThreadFactory threads(String name) {
        return Thread.ofVirtual().name(name).factory();
    }

    @Override
    public SessionTasks sessionTasks(String name) {
        return SessionTasks.threadPerTask(Thread.ofVirtual().name(name).factory());
    }
}
