package io.github.telnetsrv.spi;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many connections each remote address holds, under a limit per address: the per-address cap of the socket
 * server and of the SSH server. Taking a place checks the limit and counts in one atomic step, and giving the
 * last one back forgets the address in that same step, so that concurrent connections and disconnections from one
 * address can never count one connection too few (a count read, then changed, races with the removal at zero).
 *
 * <p>Holds one entry per address with connections open; nothing for the others. Thread-safe, never blocks for
 * longer than one map update.
 */
public final class AddressCounts {

    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();

    /**
     * @param limit the most connections one address may hold (at least 1)
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public AddressCounts(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: at least 1)");
        }
        this.limit = limit;
    }

    /**
     * Counts one more connection from {@code address}, unless it holds the limit already.
     *
     * @param address the remote address
     * @return true when counted (give it back with {@link #release}), false at the limit (nothing counted)
     */
    public boolean tryAcquire(InetAddress address) {
        Objects.requireNonNull(address, "address");
        boolean[] counted = {false};
        counts.compute(address, (a, held) -> {
            int now = held == null ? 0 : held;
            if (now >= limit) {
                return held;
            }
            counted[0] = true;
            return now + 1;
        });
        return counted[0];
    }

    /**
     * Gives back one connection {@link #tryAcquire} counted; the address is forgotten when it holds none.
     *
     * @param address the remote address
     */
    public void release(InetAddress address) {
        Objects.requireNonNull(address, "address");
        counts.computeIfPresent(address, (a, held) -> held <= 1 ? null : held - 1);
    }

    /**
     * How many connections the address holds now.
     *
     * @param address the remote address
     * @return the count, 0 for an address not held
     */
    public int count(InetAddress address) {
        return counts.getOrDefault(Objects.requireNonNull(address, "address"), 0);
    }

    /**
     * How many addresses hold connections now.
     *
     * @return the number of addresses counted
     */
    public int addresses() {
        return counts.size();
    }
}
