package io.github.telnetsrv.spi;

import io.github.telnetsrv.ServerConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Which connections a server admits, whatever its transport: at most {@link ServerConfig#maxSessions()} open at
 * once, {@link ServerConfig#maxSessionsPerAddress()} from one remote address, and
 * {@link ServerConfig#maxUnauthenticated()} not yet logged in; none once {@link #close()} was called.
 *
 * <p>A transport asks {@link #enter} as soon as a connection is accepted (before reading from it, so that a client
 * that never logs in counts), refuses it in its own words when the {@link Ticket} says why, tells the ticket when
 * the connection has logged in ({@link Ticket#loggedIn()}) and gives it back when the connection ends
 * ({@link Ticket#leave()}). Each count is checked and changed in one atomic step, so that connections arriving and
 * leaving at once never pass a limit, and an address is forgotten in the same step that gives back its last
 * connection (a count read, then changed, would race with the removal at zero).
 *
 * <p>Holds three counters and one map entry per address with connections open. Thread-safe; never blocks for
 * longer than one map update.
 */
public final class Admission {

    /** Why a connection is refused. */
    public enum Refusal {
        /** The server is closing. */
        CLOSING,
        /** {@link ServerConfig#maxSessions()} connections are open. */
        SESSIONS,
        /** {@link ServerConfig#maxSessionsPerAddress()} connections from the connection's address are open. */
        ADDRESS,
        /** {@link ServerConfig#maxUnauthenticated()} connections have not logged in yet. */
        UNAUTHENTICATED
    }

    private final int maxSessions;
    private final int maxPerAddress;
    private final int maxUnauthenticated;
    private final Semaphore sessions;
    private final Semaphore unauthenticated;
    private final ConcurrentHashMap<InetAddress, Integer> addresses = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * An admission under these limits.
     *
     * @param maxSessions the most connections open at once
     * @param maxSessionsPerAddress the most from one remote address
     * @param maxUnauthenticated the most not yet logged in
     * @throws IllegalArgumentException if a limit is below 1
     */
    public Admission(int maxSessions, int maxSessionsPerAddress, int maxUnauthenticated) {
        this.maxSessions = checkLimit("maxSessions", maxSessions);
        this.maxPerAddress = checkLimit("maxSessionsPerAddress", maxSessionsPerAddress);
        this.maxUnauthenticated = checkLimit("maxUnauthenticated", maxUnauthenticated);
        this.sessions = new Semaphore(maxSessions);
        this.unauthenticated = new Semaphore(maxUnauthenticated);
    }

    /**
     * An admission under a server's limits.
     *
     * @param config the server's settings
     * @return the admission
     */
    public static Admission of(ServerConfig config) {
        return new Admission(config.maxSessions(), config.maxSessionsPerAddress(), config.maxUnauthenticated());
    }

    /**
     * Admits a connection, unless the server is closing or a limit is reached: then nothing is counted and the
     * ticket says which ({@link Ticket#refusal()}). The limits are tried in the order of {@link Refusal}.
     *
     * @param address the connection's remote address, or {@code null} when it has none (it is then not counted
     *     per address)
     * @return the connection's ticket: give it back with {@link Ticket#leave()} when the connection ends
     */
    public Ticket enter(InetAddress address) {
        if (closed) {
            return Ticket.REFUSED[Refusal.CLOSING.ordinal()];
        }
        if (!sessions.tryAcquire()) {
            return Ticket.REFUSED[Refusal.SESSIONS.ordinal()];
        }
        if (address != null && !enterFrom(address)) {
            sessions.release();
            return Ticket.REFUSED[Refusal.ADDRESS.ordinal()];
        }
        if (!unauthenticated.tryAcquire()) {
            leaveFrom(address);
            sessions.release();
            return Ticket.REFUSED[Refusal.UNAUTHENTICATED.ordinal()];
        }
        return new Ticket(this, address);
    }

    /** Refuses every connection from now on ({@link Refusal#CLOSING}); those admitted keep their tickets. */
    public void close() {
        closed = true;
    }

    /**
     * How many connections are admitted now.
     *
     * @return the count
     */
    public int open() {
        return maxSessions - sessions.availablePermits();
    }

    /**
     * How many admitted connections have not logged in.
     *
     * @return the count
     */
    public int unauthenticated() {
        return maxUnauthenticated - unauthenticated.availablePermits();
    }

    /**
     * How many admitted connections come from {@code address}.
     *
     * @param address the remote address
     * @return the count, 0 for an address not counted
     */
    public int from(InetAddress address) {
        return addresses.getOrDefault(Objects.requireNonNull(address, "address"), 0);
    }

    /**
     * How many addresses have admitted connections: one entry each is all the admission holds per address.
     *
     * @return the number of addresses counted
     */
    public int addresses() {
        return addresses.size();
    }

    /**
     * The most connections open at once.
     *
     * @return the limit
     */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * The most connections from one address.
     *
     * @return the limit
     */
    public int maxSessionsPerAddress() {
        return maxPerAddress;
    }

    /**
     * The most connections not yet logged in.
     *
     * @return the limit
     */
    public int maxUnauthenticated() {
        return maxUnauthenticated;
    }

    /** Counts one more connection from {@code address}, unless it holds its limit already. */
    private boolean enterFrom(InetAddress address) {
        boolean[] counted = {false};
        addresses.compute(address, (a, held) -> {
            int now = held == null ? 0 : held;
            if (now >= maxPerAddress) {
                return held;
            }
            counted[0] = true;
            return now + 1;
        });
        return counted[0];
    }

    /** Gives back one connection from {@code address}; the address is forgotten when it holds none. */
    private void leaveFrom(InetAddress address) {
        if (address != null) {
            addresses.computeIfPresent(address, (a, held) -> held <= 1 ? null : held - 1);
        }
    }

    private static int checkLimit(String name, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + ": " + limit + " (expected: at least 1)");
        }
        return limit;
    }

    /**
     * One connection's place in an {@link Admission}: admitted (until {@link #leave()}), or refused, saying why.
     * Thread-safe: {@link #loggedIn()} and {@link #leave()} may race (a connection that logs in as it closes);
     * each gives back what it holds exactly once.
     */
    public static final class Ticket {

        private static final VarHandle STATE;
        private static final int WAITING_FOR_LOGIN = 0;
        private static final int LOGGED_IN = 1;
        private static final int LEFT = 2;
        private static final Ticket[] REFUSED = new Ticket[Refusal.values().length];

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Ticket.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
            for (Refusal refusal : Refusal.values()) {
                REFUSED[refusal.ordinal()] = new Ticket(refusal);
            }
        }

        private final Admission admission;
        private final InetAddress address;
        private final Refusal refusal;
        /** {@link #WAITING_FOR_LOGIN}, {@link #LOGGED_IN} or {@link #LEFT}; changed through {@link #STATE}. */
        private volatile int state;

        private Ticket(Admission admission, InetAddress address) {
            this.admission = admission;
            this.address = address;
            this.refusal = null;
        }

        private Ticket(Refusal refusal) {
            this.admission = null;
            this.address = null;
            this.refusal = refusal;
            this.state = LEFT;
        }

        /**
         * Whether the connection was admitted.
         *
         * @return true if admitted
         */
        public boolean admitted() {
            return refusal == null;
        }

        /**
         * Why the connection was refused.
         *
         * @return the reason, or {@code null} when it was admitted
         */
        public Refusal refusal() {
            return refusal;
        }

        /**
         * The connection has logged in (or has no login to do): it no longer counts against
         * {@link ServerConfig#maxUnauthenticated()}. Any thread; only the first call counts, and none after
         * {@link #leave()}.
         */
        public void loggedIn() {
            if (STATE.compareAndSet(this, WAITING_FOR_LOGIN, LOGGED_IN)) {
                admission.unauthenticated.release();
            }
        }

        /**
         * The connection has ended: its places are given back. Any thread; only the first call counts.
         */
        public void leave() {
            int was = (int) STATE.getAndSet(this, LEFT);
            if (was == LEFT) {
                return;
            }
            if (was == WAITING_FOR_LOGIN) {
                admission.unauthenticated.release();
            }
            admission.leaveFrom(address);
            admission.sessions.release();
        }

        @Override
        public String toString() {
            return admitted() ? "Ticket[" + address + (state == WAITING_FOR_LOGIN ? ", not logged in" : "") + "]"
                    : "Ticket[refused: " + refusal + "]";
        }
    }
}
