package io.github.telnetsrv;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A login-failure budget per remote address that spans connections: a client that reconnects after each failed
 * login gains nothing. Each failure from an address is counted within a {@linkplain Builder#window window}; the
 * delay before the answer to a failed login grows with that count, and once it reaches
 * {@linkplain Builder#maxFailures the budget} the address is refused any login for
 * {@linkplain Builder#blockDuration a while} (its sessions end with "Too many failed logins; try again later.").
 *
 * <p>The defaults (20 failures in 10 minutes, then 10 minutes refused) are far above what the people of a small
 * office behind one address mistype, and far below what a password guesser needs. Memory is bounded: at most
 * {@linkplain Builder#maxAddresses} addresses are remembered (expired ones are forgotten first).
 *
 * <p>Thread-safe: one instance is shared by every session of a server (set it on the server's builder to share it
 * between servers, for instance Telnet and SSH).
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final long windowNanos;
    private final long blockNanos;
    private final int maxAddresses;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<InetAddress, Entry> entries = new LinkedHashMap<>();

    private LoginThrottle(Builder b, LongSupplier clock) {
        this.maxFailures = b.maxFailures;
        this.windowNanos = b.window.toNanos();
        this.blockNanos = b.blockDuration.toNanos();
        this.maxAddresses = b.maxAddresses;
        this.clock = clock;
    }

    /**
     * A new throttle with the default settings.
     *
     * @return the throttle
     */
    public static LoginThrottle create() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether logins from an address are refused now.
     *
     * @param address the client's address; {@code null} (no address known) is never refused
     * @return true while the address is refused
     */
    public boolean isBlocked(InetAddress address) {
        if (address == null) {
            return false;
        }
        long now = clock.getAsLong();
        lock.lock();
        try {
            Entry entry = entries.get(address);
            return entry != null && entry.blockedUntil != 0 && entry.blockedUntil - now > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a failed login from an address.
     *
     * @param address the client's address; {@code null} is not counted
     * @return the failures from that address within the window, this one included (1 for {@code null})
     */
    public int recordFailure(InetAddress address) {
        if (address == null) {
            return 1;
        }
        long now = clock.getAsLong();
        lock.lock();
        try {
            Entry entry = entries.get(address);
            if (entry == null) {
                makeRoom(now);
                entry = new Entry(now);
                entries.put(address, entry);
            } else if (now - entry.windowStart > windowNanos && !(entry.blockedUntil - now > 0)) {
                entry.windowStart = now;
                entry.failures = 0;
                entry.blockedUntil = 0;
            }
            entry.failures = (int) Math.min((long) entry.failures + 1, Integer.MAX_VALUE);
            if (entry.failures >= maxFailures && !(entry.blockedUntil - now > 0)) {
                entry.blockedUntil = now + blockNanos;
                if (entry.blockedUntil == 0) {
                    entry.blockedUntil = 1;
                }
            }
            return entry.failures;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many addresses are remembered now (for tests and monitoring).
     *
     * @return the count, at most {@link Builder#maxAddresses}
     */
    public int trackedAddresses() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, before adding an address: forgets expired entries, then the oldest if still full. */
    private void makeRoom(long now) {
        if (entries.size() < maxAddresses) {
            return;
        }
        entries.values().removeIf(e -> now - e.windowStart > windowNanos && !(e.blockedUntil - now > 0));
        Iterator<Entry> oldest = entries.values().iterator();
        while (entries.size() >= maxAddresses && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public String toString() {
        return "LoginThrottle[maxFailures=" + maxFailures + ", window=" + Duration.ofNanos(windowNanos)
                + ", blockDuration=" + Duration.ofNanos(blockNanos) + ", maxAddresses=" + maxAddresses + "]";
    }

    /** The failures of one address in its current window. */
    private static final class Entry {
        long windowStart;
        int failures;
        /** When the refusal ends ({@link System#nanoTime()}), or 0 when not refused. */
        long blockedUntil;

        Entry(long now) {
            this.windowStart = now;
        }
    }

    /** Builds a {@link LoginThrottle}; not thread-safe. Every setter checks its argument at once. */
    public static final class Builder {
        private int maxFailures = 20;
        private Duration window = Duration.ofMinutes(10);
        private Duration blockDuration = Duration.ofMinutes(10);
        private int maxAddresses = 10_000;

        private Builder() {
        }

        /**
         * Sets how many failed logins from one address within the window refuse it (default 20; 1..1000000).
         *
         * @param failures the budget
         * @return this builder
         */
        public Builder maxFailures(int failures) {
            if (failures < 1 || failures > 1_000_000) {
                throw new IllegalArgumentException("maxFailures: " + failures + " (expected: 1..1000000)");
            }
            this.maxFailures = failures;
            return this;
        }

        /**
         * Sets the window in which failures are counted (default 10 min; 1 ms..1 day).
         *
         * @param window the window
         * @return this builder
         */
        public Builder window(Duration window) {
            this.window = check("window", window);
            return this;
        }

        /**
         * Sets how long an address that used its budget is refused (default 10 min; 1 ms..1 day).
         *
         * @param duration the duration
         * @return this builder
         */
        public Builder blockDuration(Duration duration) {
            this.blockDuration = check("blockDuration", duration);
            return this;
        }

        /**
         * Sets how many addresses are remembered at most (default 10000; 1..10000000).
         *
         * @param addresses the bound
         * @return this builder
         */
        public Builder maxAddresses(int addresses) {
            if (addresses < 1 || addresses > 10_000_000) {
                throw new IllegalArgumentException("maxAddresses: " + addresses + " (expected: 1..10000000)");
            }
            this.maxAddresses = addresses;
            return this;
        }

        /**
         * Returns a new throttle (each one keeps its own counts).
         *
         * @return the throttle
         */
        public LoginThrottle build() {
            return new LoginThrottle(this, System::nanoTime);
        }

        /** For tests: a throttle on a clock of their own. */
        LoginThrottle build(LongSupplier clock) {
            return new LoginThrottle(this, Objects.requireNonNull(clock, "clock"));
        }

        private static Duration check(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: 1ms..1d)");
            }
            return d;
        }
    }
}
