package io.github.telnetsrv.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

    @Test
    void manyThreadsEnteringAndLeavingFromOneAddressNeverPassItsLimit() throws Exception {
        int limit = 1;
        int threads = 2;
        Admission admission = new Admission(1000, limit, null, Thread::new, Duration.ofSeconds(1));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        boolean[] holding = new boolean[threads];
        // Each round, a thread that holds a slot gives it back while the others try to take one: leaving and
        // entering race on the address's count.
        ContendedRounds.run(threads, 200_000, thread -> {
            if (holding[thread]) {
                holding[thread] = false;
                inside.decrementAndGet();
                admission.leave(ADDRESS);
            } else if (admission.enter(from(ADDRESS))) {
                holding[thread] = true;
                admitted.incrementAndGet();
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            }
        }, () -> most.get() > limit);
        for (int thread = 0; thread < threads; thread++) {
            if (holding[thread]) {
                admission.leave(ADDRESS);
            }
        }
        assertTrue(most.get() <= limit, "expected at most " + limit + " connections from one address admitted at "
                + "once, saw " + most.get());
        assertTrue(admitted.get() > 0, "expected some connections admitted");
        assertEquals(0, admission.connectionsFrom(ADDRESS), "expected the address's count back at zero");
        for (int i = 0; i < limit; i++) {
            assertTrue(admission.enter(from(ADDRESS)), "expected every slot free once every connection left");
        }
        assertFalse(admission.enter(from(ADDRESS)), "expected the limit to hold after the contention");
    }

    /** An unconnected socket that says it comes from {@code address}: a refusal's line to it fails quietly. */
    private static Socket from(InetAddress address) {
        return new Socket() {
            @Override
            public InetAddress getInetAddress() {
                return address;
            }
        };
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
