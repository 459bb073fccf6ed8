package io.github.telnetsrv.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AddressCountsTest {

    private static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

    @Test
    void anAddressAtItsLimitIsRefusedUntilOneConnectionIsGivenBack() {
        AddressCounts counts = new AddressCounts(2);
        assertTrue(counts.tryAcquire(ADDRESS));
        assertTrue(counts.tryAcquire(ADDRESS));
        assertFalse(counts.tryAcquire(ADDRESS), "expected the third connection refused");
        assertEquals(2, counts.count(ADDRESS), "expected a refusal to count nothing");
        counts.release(ADDRESS);
        assertTrue(counts.tryAcquire(ADDRESS));
    }

    @Test
    void anAddressWithoutConnectionsIsForgotten() {
        AddressCounts counts = new AddressCounts(3);
        counts.tryAcquire(ADDRESS);
        counts.release(ADDRESS);
        counts.release(ADDRESS); // one too many: ignored
        assertEquals(0, counts.addresses());
        assertEquals(0, counts.count(ADDRESS));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AddressCounts(0));
        assertEquals("limit: 0 (expected: at least 1)", e.getMessage());
    }

    @Test
    void concurrentAcquiresAndReleasesForOneAddressNeverPassTheLimitAndEndAtZero() throws Exception {
        int limit = 1;
        int threads = 2;
        AddressCounts counts = new AddressCounts(limit);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        boolean[] holding = new boolean[threads];
        AdmissionTest.ContendedRounds.run(threads, 200_000, thread -> {
            if (holding[thread]) {
                holding[thread] = false;
                inside.decrementAndGet();
                counts.release(ADDRESS);
            } else if (counts.tryAcquire(ADDRESS)) {
                holding[thread] = true;
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            }
        }, () -> most.get() > limit);
        for (int thread = 0; thread < threads; thread++) {
            if (holding[thread]) {
                counts.release(ADDRESS);
            }
        }
        assertTrue(most.get() <= limit, "expected at most " + limit + " held at once, saw " + most.get());
        assertEquals(0, counts.addresses(), "expected the address forgotten once every connection was given back");
    }
}
