package io.github.telnetsrv.spi;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import java.io.IOException;

/**
 * A runtime, found through {@link java.util.ServiceLoader} by {@link TelnetServerConfig.Builder#start()}: a jar
 * that provides this service (in {@code module-info} and {@code META-INF/services}) makes its runtime available.
 */
public interface TelnetRuntime {

    /**
     * The runtime's name, as given to {@link TelnetServerConfig.Builder#runtime(String)}.
     *
     * @return for example {@code "virtual"}
     */
    String name();

    /**
     * Which runtime wins when several are on the class path and none is named: the highest.
     *
     * @return the priority
     */
    int priority();

    /**
     * Starts a server.
     *
     * @param config the settings
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    TelnetServer start(TelnetServerConfig config) throws IOException;
}
