package io.github.telnetsrv.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.RecordingHandler;
import io.github.telnetsrv.TestClient;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The deadlines: entries come due in the order of their deadlines, each check says when it is due next, and
 * nothing is looked at before it is due.
 */
class DeadlinesTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A watched thing whose checks are counted, and return what {@code next} makes of their time. */
    private static final class Probe implements Deadlines.Watched {
        final AtomicInteger checks = new AtomicInteger();
        final CountDownLatch checked;
        private final LongUnaryOperator next;

        Probe(int awaited, LongUnaryOperator next) {
            this.checked = new CountDownLatch(awaited);
            this.next = next;
        }

        /** Checked once, then due never again. */
        static Probe once() {
            return new Probe(1, now -> Deadlines.NONE);
        }

        @Override
        public long check(long nowNanos) {
            checks.incrementAndGet();
            checked.countDown();
            return next.applyAsLong(nowNanos);
        }

        @Override
        public SocketAddress remoteAddress() {
            return null;
        }
    }

    private static Deadlines.Entry watch(Deadlines deadlines, Probe probe, long deadline) {
        Deadlines.Entry entry = deadlines.entry(probe);
        entry.watch(deadline);
        return entry;
    }

    /** Holds the deadlines' thread in a check until released, so that entries can be set up meanwhile. */
    private static final class Gate implements AutoCloseable {
        private final CountDownLatch release = new CountDownLatch(1);
        private final Deadlines.Entry entry;

        Gate(Deadlines deadlines) {
            Probe gate = new Probe(1, now -> {
                RecordingHandler.await(release, "the test to set up its entries");
                return Deadlines.NONE;
            });
            entry = watch(deadlines, gate, System.nanoTime());
            RecordingHandler.await(gate.checked, "the thread to be held");
        }

        /** Lets the thread go on: every entry due by then comes due in order. */
        void release() {
            release.countDown();
        }

        @Override
        public void close() {
            release();
            entry.unwatch();
        }
    }

    /** Waits (bounded) until the deadlines' thread sleeps until {@code deadline}. */
    private static void awaitSleepUntil(Deadlines deadlines, long deadline) {
        long bound = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (deadlines.sleepsUntil() != deadline) {
            if (System.nanoTime() - bound > 0) {
                fail("the thread never slept until the deadline; it sleeps until " + deadlines.sleepsUntil());
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void itsThreadRunsWhileAnEntryIsWatchedAndEndsWithTheLast() {
        Deadlines deadlines = new Deadlines();
        Deadlines.Entry first = deadlines.entry(Probe.once());
        Deadlines.Entry second = deadlines.entry(Probe.once());
        assertFalse(deadlines.running());

        first.watch(Deadlines.NONE);
        second.watch(System.nanoTime() + HOUR);
        assertTrue(deadlines.running());
        first.unwatch();
        assertTrue(deadlines.running(), "one entry is still watched");
        second.unwatch();
        assertFalse(deadlines.running());
        second.unwatch();

        first.watch(Deadlines.NONE);
        assertTrue(deadlines.running(), "started again for an entry watched again");
        first.unwatch();
        assertFalse(deadlines.running());
    }

    @Test
    void anEarlierDeadlineAddedWhileTheThreadSleepsForALaterOneComesDueFirst() {
        Deadlines deadlines = new Deadlines();
        Probe later = Probe.once();
        Probe earlier = Probe.once();
        long laterDeadline = System.nanoTime() + HOUR;
        Deadlines.Entry laterEntry = watch(deadlines, later, laterDeadline);
        Deadlines.Entry earlierEntry = null;
        try {
            awaitSleepUntil(deadlines, laterDeadline);
            earlierEntry = watch(deadlines, earlier, System.nanoTime() + 5 * MILLIS);
            RecordingHandler.await(earlier.checked, "the earlier entry to come due");
            assertEquals(0, later.checks.get(), "the later entry is not due yet");
            awaitSleepUntil(deadlines, laterDeadline);
        } finally {
            if (earlierEntry != null) {
                earlierEntry.unwatch();
            }
            laterEntry.unwatch();
        }
        assertFalse(deadlines.running());
    }

    @Test
    void entriesComeDueInTheOrderOfTheirDeadlinesWhateverTheOrderTheyWereAddedMovedOrRemovedIn() {
        Deadlines deadlines = new Deadlines();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Deadlines.Entry> entries = new ArrayList<>();
        CountDownLatch kept = new CountDownLatch(200); // the slots of 0..299 not divisible by 3
        try (Gate gate = new Gate(deadlines)) {
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                slots.add(i);
            }
            Collections.shuffle(slots, new Random(16));
            long base = System.nanoTime();
            List<Integer> expected = new ArrayList<>();
            for (int slot : slots) {
                Deadlines.Entry entry = deadlines.entry(new Deadlines.Watched() {
                    @Override
                    public long check(long nowNanos) {
                        order.add(slot);
                        kept.countDown();
                        return Deadlines.NONE;
                    }

                    @Override
                    public SocketAddress remoteAddress() {
                        return null;
                    }
                });
                entries.add(entry);
                if (slot % 2 == 0) {
                    entry.watch(base + HOUR); // moved earlier below
                } else {
                    entry.watch(base + slot * 1_000L);
                }
            }
            for (int i = 0; i < entries.size(); i++) {
                int slot = slots.get(i);
                if (slot % 3 == 0) {
                    entries.get(i).unwatch();
                } else {
                    expected.add(slot);
                    if (slot % 2 == 0) {
                        entries.get(i).dueBy(base + slot * 1_000L);
                    }
                }
            }
            expected.sort(null);
            gate.release();
            RecordingHandler.await(kept, "the entries still watched");
            assertEquals(expected, order);
        } finally {
            entries.forEach(Deadlines.Entry::unwatch);
        }
        assertFalse(deadlines.running());
    }

    @Test
    void aCheckIsDueAgainAtTheDeadlineItReturnsAndNeverWhenItReturnsNone() {
        Deadlines deadlines = new Deadlines();
        AtomicInteger left = new AtomicInteger(3);
        Probe rearming = new Probe(3, now -> left.decrementAndGet() > 0 ? now + 2 * MILLIS : Deadlines.NONE);
        Deadlines.Entry entry = watch(deadlines, rearming, System.nanoTime());
        Probe sentinel = new Probe(1, now -> Deadlines.NONE);
        Deadlines.Entry sentinelEntry = null;
        try {
            RecordingHandler.await(rearming.checked, "three checks");
            // Had the third check re-armed it, the entry would be due long before this one.
            sentinelEntry = watch(deadlines, sentinel, System.nanoTime() + 20 * MILLIS);
            RecordingHandler.await(sentinel.checked, "the later entry");
            assertEquals(3, rearming.checks.get(), "no check after the one that returned none");
            assertEquals(Deadlines.NONE, entry.due());
        } finally {
            entry.unwatch();
            if (sentinelEntry != null) {
                sentinelEntry.unwatch();
            }
        }
    }

    @Test
    void anUnwatchedEntryIsNeverChecked() {
        Deadlines deadlines = new Deadlines();
        Probe cancelled = Probe.once();
        Probe kept = Probe.once();
        Deadlines.Entry keptEntry = null;
        try (Gate gate = new Gate(deadlines)) {
            long now = System.nanoTime();
            Deadlines.Entry cancelledEntry = watch(deadlines, cancelled, now);
            keptEntry = watch(deadlines, kept, now + 10 * MILLIS);
            cancelledEntry.unwatch();
            cancelledEntry.dueBy(now);
            gate.release();
            RecordingHandler.await(kept.checked, "the entry still watched");
            assertEquals(0, cancelled.checks.get(), "the unwatched entry was due first, but is gone");
        } finally {
            if (keptEntry != null) {
                keptEntry.unwatch();
            }
        }
        assertFalse(deadlines.running());
    }

    @Test
    void dueByMakesAnEntryDueEarlierNeverLater() {
        Deadlines deadlines = new Deadlines();
        Probe probe = Probe.once();
        long deadline = System.nanoTime() + HOUR;
        Deadlines.Entry entry = watch(deadlines, probe, deadline);
        try {
            entry.dueBy(deadline + HOUR);
            assertEquals(deadline, entry.due(), "a later deadline changes nothing");
            awaitSleepUntil(deadlines, deadline);
            entry.dueBy(System.nanoTime() + 5 * MILLIS);
            RecordingHandler.await(probe.checked, "the entry to come due at its earlier deadline");
        } finally {
            entry.unwatch();
        }
    }

    @Test
    void aDeadlineGivenBeforeTheEntryIsWatchedOrWhileItIsCheckedIsKept() {
        Deadlines deadlines = new Deadlines();
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Probe probe = new Probe(2, now -> {
            checking.countDown();
            RecordingHandler.await(release, "the test to give a deadline during the check");
            return Deadlines.NONE;
        });
        Deadlines.Entry entry = deadlines.entry(probe);
        entry.dueBy(System.nanoTime()); // before watch: the first check runs at once
        entry.watch(System.nanoTime() + HOUR);
        try {
            RecordingHandler.await(checking, "the first check");
            entry.dueBy(System.nanoTime() + 5 * MILLIS); // a write began while the check ran
            release.countDown();
            RecordingHandler.await(probe.checked, "a second check, though the first returned none");
        } finally {
            release.countDown();
            entry.unwatch();
        }
    }

    @Test
    void anEntryMovedLaterIsDueAtItsNewDeadlineWithoutACheckAtTheOldOne() {
        Deadlines deadlines = new Deadlines();
        Probe moved = Probe.once();
        Probe sentinel = Probe.once();
        Deadlines.Entry movedEntry = null;
        Deadlines.Entry sentinelEntry = null;
        try (Gate gate = new Gate(deadlines)) {
            long now = System.nanoTime();
            movedEntry = watch(deadlines, moved, now);
            sentinelEntry = watch(deadlines, sentinel, now + 10 * MILLIS);
            movedEntry.movedLater(at -> now + HOUR);
            assertEquals(now + HOUR, movedEntry.due());
            gate.release();
            RecordingHandler.await(sentinel.checked, "the later entry");
            assertEquals(0, moved.checks.get(), "no check at the deadline the entry no longer has");
        } finally {
            if (movedEntry != null) {
                movedEntry.unwatch();
            }
            if (sentinelEntry != null) {
                sentinelEntry.unwatch();
            }
        }
    }

    @Test
    void aDeadlineGivenWhileAnEntrysNextDeadlineIsComputedIsKept() {
        Deadlines deadlines = new Deadlines();
        Probe probe = Probe.once();
        Deadlines.Entry entry = watch(deadlines, probe, System.nanoTime() + HOUR);
        try {
            entry.movedLater(now -> {
                entry.dueBy(now + 5 * MILLIS); // a write began meanwhile, on another thread
                return Deadlines.NONE;
            });
            RecordingHandler.await(probe.checked, "the entry at the deadline given meanwhile");
        } finally {
            entry.unwatch();
        }
    }

    @Test
    void aCheckThatThrowsAnErrorStopsNeitherTheThreadNorTheChecksOfOtherEntries() {
        Deadlines deadlines = new Deadlines();
        Probe failing = new Probe(2, now -> {
            throw new OutOfMemoryError("simulated: a flood left no memory for this check");
        });
        Probe healthy = new Probe(5, now -> now + MILLIS);
        Deadlines.Entry failingEntry = watch(deadlines, failing, System.nanoTime());
        Deadlines.Entry healthyEntry = watch(deadlines, healthy, System.nanoTime());
        try {
            RecordingHandler.await(healthy.checked, "the healthy entry to go on being checked");
            RecordingHandler.await(failing.checked, "the failing check to run again after its Error");
            assertTrue(deadlines.running());
        } finally {
            healthyEntry.unwatch();
            failingEntry.unwatch();
        }
        assertFalse(deadlines.running());
    }

    @Test
    void tenThousandEntriesWithFarDeadlinesAreNotLookedAtWhileANearOneComesDue() {
        Deadlines deadlines = new Deadlines();
        AtomicInteger farChecks = new AtomicInteger();
        Deadlines.Watched far = new Deadlines.Watched() {
            @Override
            public long check(long nowNanos) {
                farChecks.incrementAndGet();
                return Deadlines.NONE;
            }

            @Override
            public SocketAddress remoteAddress() {
                return null;
            }
        };
        List<Deadlines.Entry> entries = new ArrayList<>();
        long earliestFar = System.nanoTime() + HOUR;
        for (int i = 0; i < 10_000; i++) {
            Deadlines.Entry entry = deadlines.entry(far);
            entry.watch(earliestFar + (i * 7919L % 10_000) * MILLIS);
            entries.add(entry);
        }
        Probe near = Probe.once();
        Deadlines.Entry nearEntry = watch(deadlines, near, System.nanoTime() + 20 * MILLIS);
        try {
            RecordingHandler.await(near.checked, "the near entry");
            awaitSleepUntil(deadlines, earliestFar);
            assertEquals(0, farChecks.get(), "no entry was looked at before it was due");
        } finally {
            nearEntry.unwatch();
            entries.forEach(Deadlines.Entry::unwatch);
        }
        assertFalse(deadlines.running());
    }
}
