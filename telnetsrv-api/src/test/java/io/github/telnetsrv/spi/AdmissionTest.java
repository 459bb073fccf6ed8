package io.github.telnetsrv.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.spi.Admission.Refusal;
import io.github.telnetsrv.spi.Admission.Ticket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** The admission every server uses: its three limits, what a ticket holds and gives back, and the close. */
class AdmissionTest {

    private static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();
    private static final InetAddress OTHER = address(10, 0, 0, 2);

    @Test
    void theTotalLimitRefusesOneConnectionMoreUntilOneLeaves() {
        Admission admission = new Admission(2, 100, 100);
        Ticket one = admission.enter(ADDRESS);
        Ticket two = admission.enter(OTHER);
        assertTrue(one.admitted() && two.admitted());
        assertNull(one.refusal());
        Ticket three = admission.enter(ADDRESS);
        assertFalse(three.admitted());
        assertEquals(Refusal.SESSIONS, three.refusal());
        assertEquals(2, admission.open(), "expected a refusal to count nothing");
        one.leave();
        assertEquals(1, admission.open());
        assertTrue(admission.enter(ADDRESS).admitted(), "expected the slot given back usable again");
    }

    @Test
    void anAddressAtItsLimitIsRefusedUntilOneConnectionIsGivenBackWhileOthersStillGetIn() {
        Admission admission = new Admission(100, 2, 100);
        Ticket one = admission.enter(ADDRESS);
        admission.enter(ADDRESS);
        Ticket third = admission.enter(ADDRESS);
        assertEquals(Refusal.ADDRESS, third.refusal(), "expected the third connection from the address refused");
        assertEquals(2, admission.from(ADDRESS), "expected a refusal to count nothing");
        assertEquals(2, admission.open(), "expected a refusal per address to give its total slot back");
        assertTrue(admission.enter(OTHER).admitted(), "expected another address still admitted");
        one.leave();
        assertTrue(admission.enter(ADDRESS).admitted());
    }

    @Test
    void connectionsNotLoggedInHaveALimitOfTheirOwnAndLoggingInGivesTheirPlaceBack() {
        Admission admission = new Admission(100, 100, 2);
        Ticket one = admission.enter(ADDRESS);
        Ticket two = admission.enter(OTHER);
        Ticket three = admission.enter(OTHER);
        assertEquals(Refusal.UNAUTHENTICATED, three.refusal());
        assertEquals(2, admission.open(), "expected the refused connection's other places given back");
        assertEquals(1, admission.from(OTHER));
        one.loggedIn();
        one.loggedIn(); // once only
        assertEquals(1, admission.unauthenticated());
        Ticket four = admission.enter(OTHER);
        assertTrue(four.admitted(), "expected a logged-in connection not to count as not logged in");
        assertFalse(admission.enter(ADDRESS).admitted(), "expected the limit reached again");
        two.leave(); // never logged in: its place is given back too
        assertEquals(1, admission.unauthenticated());
        one.leave();
        assertEquals(1, admission.open());
        four.leave();
        assertEquals(0, admission.open());
        assertEquals(0, admission.unauthenticated());
    }

    @Test
    void aTicketGivesItsPlacesBackOnceHoweverOftenItIsToldAndLoggingInAfterLeavingCountsNothing() {
        Admission admission = new Admission(3, 3, 3);
        Ticket ticket = admission.enter(ADDRESS);
        ticket.leave();
        ticket.leave(); // one too many: ignored
        ticket.loggedIn(); // too late: ignored
        assertEquals(0, admission.open());
        assertEquals(0, admission.unauthenticated());
        assertEquals(0, admission.from(ADDRESS));
        assertEquals(0, admission.addresses(), "expected an address without connections forgotten");
        for (int i = 0; i < 3; i++) {
            assertTrue(admission.enter(ADDRESS).admitted(), "expected every place free again");
        }
        assertFalse(admission.enter(ADDRESS).admitted());
    }

    @Test
    void aConnectionWithoutAnAddressCountsInTheTotalButNotPerAddress() {
        Admission admission = new Admission(2, 1, 2);
        assertTrue(admission.enter(null).admitted());
        assertTrue(admission.enter(ADDRESS).admitted());
        assertEquals(Refusal.SESSIONS, admission.enter(null).refusal());
        assertEquals(1, admission.addresses());
    }

    @Test
    void afterCloseEveryConnectionIsRefusedAndThoseAdmittedStillGiveTheirPlacesBack() {
        Admission admission = new Admission(10, 10, 10);
        Ticket open = admission.enter(ADDRESS);
        admission.close();
        assertEquals(Refusal.CLOSING, admission.enter(OTHER).refusal());
        assertEquals(1, admission.open());
        open.leave();
        assertEquals(0, admission.open());
        assertEquals(0, admission.unauthenticated());
    }

    @Test
    void aLimitBelowOneIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Admission(1, 0, 1));
        assertEquals("maxSessionsPerAddress: 0 (expected: at least 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Admission(1, 1, 0));
        assertEquals("maxUnauthenticated: 0 (expected: at least 1)", e.getMessage());
    }

    @Test
    void manyThreadsEnteringAndLeavingFromOneAddressNeverPassItsLimit() throws Exception {
        int limit = 1;
        int threads = 2;
        Admission admission = new Admission(1000, limit, 1000);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        Ticket[] holding = new Ticket[threads];
        // Each round, a thread that holds a slot gives it back while the others try to take one: leaving and
        // entering race on the address's count.
        ContendedRounds.run(threads, 200_000, thread -> {
            if (holding[thread] != null) {
                inside.decrementAndGet();
                holding[thread].leave();
                holding[thread] = null;
            } else {
                Ticket ticket = admission.enter(ADDRESS);
                if (ticket.admitted()) {
                    holding[thread] = ticket;
                    admitted.incrementAndGet();
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                }
            }
        }, () -> most.get() > limit);
        for (Ticket ticket : holding) {
            if (ticket != null) {
                ticket.leave();
            }
        }
        assertTrue(most.get() <= limit, "expected at most " + limit + " connections from one address admitted at "
                + "once, saw " + most.get());
        assertTrue(admitted.get() > 0, "expected some connections admitted");
        assertEquals(0, admission.from(ADDRESS), "expected the address's count back at zero");
        assertEquals(0, admission.addresses(), "expected the address forgotten once every connection was given back");
        assertEquals(0, admission.open(), "expected no connection counted once all were given back");
        for (int i = 0; i < limit; i++) {
            assertTrue(admission.enter(ADDRESS).admitted(), "expected every slot free once every connection left");
        }
        assertFalse(admission.enter(ADDRESS).admitted(), "expected the limit to hold after the contention");
    }

    @Test
    void aConnectionLoggingInAsItLeavesGivesItsPlaceNotLoggedInBackExactlyOnce() throws Exception {
        Admission admission = new Admission(10, 10, 1);
        AtomicReference<Ticket> current = new AtomicReference<>(admission.enter(ADDRESS));
        int[] rounds = new int[2];
        AtomicInteger checked = new AtomicInteger();
        AtomicReference<String> wrong = new AtomicReference<>();
        // Even rounds: thread 0 logs the connection in while thread 1 closes it, racing on the ticket. Odd rounds,
        // once both are done: thread 1 checks that everything was given back once, and opens the next connection.
        ContendedRounds.run(2, 100_000, thread -> {
            boolean race = rounds[thread]++ % 2 == 0;
            if (race && thread == 0) {
                current.get().loggedIn();
            } else if (race) {
                current.get().leave();
            } else if (thread == 1) {
                if (admission.open() != 0 || admission.unauthenticated() != 0) {
                    wrong.set("open " + admission.open() + ", not logged in " + admission.unauthenticated());
                }
                current.set(admission.enter(ADDRESS));
                if (!current.get().admitted()) {
                    wrong.set("refused: " + current.get().refusal());
                }
                checked.incrementAndGet();
            }
        }, () -> wrong.get() != null);
        assertNull(wrong.get(), "expected every ticket to give back exactly what it held");
        assertTrue(checked.get() > 0, "expected some rounds run");
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Rounds of a task run by a few threads at once. Each round starts on a spinning barrier, which lets the threads
     * go within a fraction of a microsecond of each other (a parking barrier wakes them tens of microseconds apart),
     * so that they contend for the same counter as hard as they can.
     */
    static final class ContendedRounds {

        private static final long TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);
        /** Spins before a waiting thread yields its core (the machine may have fewer cores than threads). */
        private static final int SPINS_BEFORE_YIELD = 1_000;

        private ContendedRounds() {
        }

        /**
         * Runs {@code rounds} rounds of {@code task} on {@code threads} threads (each given its number), or fewer
         * if {@code failed} says the outcome is known or the time limit passes.
         */
        static void run(int threads, int rounds, IntConsumer task, BooleanSupplier failed) throws Exception {
            AtomicInteger arrived = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                started.add(Thread.ofPlatform().name("contender-" + t).start(() -> {
                    try {
                        for (int round = 1; round <= rounds; round++) {
                            arrived.incrementAndGet();
                            int spins = 0;
                            while (arrived.get() < round * threads) {
                                if (stop.get()) {
                                    return;
                                }
                                if (++spins % SPINS_BEFORE_YIELD == 0) {
                                    Thread.yield();
                                } else {
                                    Thread.onSpinWait();
                                }
                            }
                            if (stop.get() || failed.getAsBoolean() || System.nanoTime() - deadline > 0) {
                                stop.set(true);
                                return;
                            }
                            task.accept(thread);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        stop.set(true);
                    }
                }));
            }
            for (Thread thread : started) {
                thread.join(TimeUnit.NANOSECONDS.toMillis(2 * TIME_LIMIT_NANOS));
            }
            if (failure.get() != null) {
                throw new AssertionError("a contender failed", failure.get());
            }
        }
    }
}
