package io.github.telnetsrv.virtual;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.spi.TelnetRuntime;
import java.io.IOException;

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
}
