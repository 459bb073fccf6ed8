package io.github.telnetsrv.internal.command;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The test JVM's name service (registered in {@code META-INF/services}): the JDK's own, which it calls, recording
 * each name looked up, so that a test can tell whether code consulted the name service at all.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {

    /** Every name looked up in this JVM since it started, in order. */
    static final List<String> NAMES_LOOKED_UP = new CopyOnWriteArrayList<>();

    /** Made by {@link java.util.ServiceLoader}. */
    public RecordingResolverProvider() {
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtIn = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                NAMES_LOOKED_UP.add(host);
                return builtIn.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtIn.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "recording";
    }
}
