package io.github.telnetsrv.spi;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadFactory;

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

    /**
     * Makes the threads a server of this runtime serves its connections on (acceptor, session readers); servers of
     * other protocols (the SSH module) use it to run sessions the way this runtime does.
     *
     * @param name the first thread's name; the factory numbers further threads itself if it likes
     * @return a factory of unstarted threads
     */
    ThreadFactory threads(String name);

    /**
     * Makes what runs one session's handler code on this runtime.
     *
     * @param name the name for its thread(s)
     * @return the session's tasks
     */
    SessionTasks sessionTasks(String name);

    /**
     * Finds a runtime on the class path through {@link ServiceLoader}: the one named, else the one with the highest
     * priority (virtual threads before platform threads).
     *
     * @param name the runtime's name (case-insensitive), or {@code null} for the best one
     * @return the runtime
     * @throws IllegalStateException if no runtime (or not the one named) is on the class path
     */
    static TelnetRuntime find(String name) {
        List<TelnetRuntime> found = new ArrayList<>();
        ServiceLoader.load(TelnetRuntime.class, TelnetRuntime.class.getClassLoader()).forEach(found::add);
        if (found.isEmpty()) {
            ServiceLoader.load(TelnetRuntime.class).forEach(found::add);
        }
        found.sort(Comparator.comparingInt(TelnetRuntime::priority).reversed());
        if (name == null) {
            if (found.isEmpty()) {
                throw new IllegalStateException("no telnetsrv runtime on the class path (expected: a dependency "
                        + "on io.github.telnetsrv:telnetsrv-virtual or io.github.telnetsrv:telnetsrv-threaded)");
            }
            return found.get(0);
        }
        for (TelnetRuntime runtime : found) {
            if (runtime.name().equalsIgnoreCase(name)) {
                return runtime;
            }
        }
        List<String> names = found.stream().map(TelnetRuntime::name).toList();
        throw new IllegalStateException("runtime '" + name + "' is not on the class path (found: " + names
                + "; expected: a dependency on io.github.telnetsrv:telnetsrv-" + name.toLowerCase(Locale.ROOT) + ")");
    }
}
