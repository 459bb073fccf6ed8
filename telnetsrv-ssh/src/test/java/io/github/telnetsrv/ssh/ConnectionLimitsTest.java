package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.spi.Admission;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.junit.jupiter.api.Test;

/** The SSH server's connections in its admission: counted from creation, logged in when authenticated, refused. */
class ConnectionLimitsTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final int THREADS = 2;
    private static final int ROUNDS = 200_000;
    private static final long TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @Test
    void aConnectionCountsAsNotLoggedInUntilAuthenticatedAndOverALimitIsDisconnectedWithItsReason() {
        Admission admission = new Admission(10, 2, 1);
        ConnectionLimits limits = new ConnectionLimits(admission);
        FakeSession first = new FakeSession(CLIENT);
        limits.sessionCreated(first.session);
        FakeSession second = new FakeSession(CLIENT);
        limits.sessionCreated(second.session);
        assertEquals("Too many connections logging in; try again later.", second.reason.get());
        limits.sessionClosed(second.session); // MINA closes a refused connection too
        limits.sessionEvent(first.session, SessionListener.Event.Authenticated);
        assertEquals(0, admission.unauthenticated());
        FakeSession third = new FakeSession(CLIENT);
        limits.sessionCreated(third.session);
        assertFalse(third.disconnected.get(), "expected a connection admitted once the other one logged in");
        FakeSession fourth = new FakeSession(CLIENT);
        limits.sessionCreated(fourth.session);
        assertEquals("Too many connections from your address; try again later.", fourth.reason.get());
        admission.close();
        limits.sessionClosed(third.session);
        FakeSession fifth = new FakeSession(CLIENT);
        limits.sessionCreated(fifth.session);
        assertEquals("Server closing", fifth.reason.get());
        limits.sessionClosed(first.session);
        assertEquals(0, admission.open());
    }

    @Test
    void connectionsOpeningAndClosingFromOneAddressAtOnceNeverPassItsLimit() throws Exception {
        int limit = 1;
        Admission admission = new Admission(1000, limit, 1000);
        ConnectionLimits limits = new ConnectionLimits(admission);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FakeSession[] holding = new FakeSession[THREADS];
        // Each round, a thread whose connection was let in closes it while the other one opens one: closing and
        // opening race on the address's count.
        AtomicInteger arrived = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().name("contender-" + t).start(() -> {
                try {
                    for (int round = 1; round <= ROUNDS; round++) {
                        arrived.incrementAndGet();
                        int spins = 0;
                        while (arrived.get() < round * THREADS) {
                            if (stop.get()) {
                                return;
                            }
                            if (++spins % 1_000 == 0) {
                                Thread.yield(); // fewer cores than threads: let the others arrive
                            } else {
                                Thread.onSpinWait();
                            }
                        }
                        if (stop.get() || most.get() > limit || System.nanoTime() - deadline > 0) {
                            stop.set(true);
                            return;
                        }
                        if (holding[thread] != null) {
                            inside.decrementAndGet();
                            limits.sessionClosed(holding[thread].session);
                            holding[thread] = null;
                        } else {
                            FakeSession session = new FakeSession(CLIENT);
                            limits.sessionCreated(session.session);
                            if (!session.disconnected.get()) {
                                holding[thread] = session;
                                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            } else {
                                limits.sessionClosed(session.session); // MINA closes a refused connection too
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.NANOSECONDS.toMillis(2 * TIME_LIMIT_NANOS));
        }
        if (failure.get() != null) {
            throw new AssertionError("a contender failed", failure.get());
        }
        for (FakeSession session : holding) {
            if (session != null) {
                limits.sessionClosed(session.session);
            }
        }
        assertTrue(most.get() <= limit, "expected at most " + limit + " SSH connection from one address let in at "
                + "once, saw " + most.get());
        assertEquals(0, admission.open(), "expected no connection counted once all were closed");
        FakeSession after = new FakeSession(CLIENT);
        limits.sessionCreated(after.session);
        assertTrue(!after.disconnected.get(), "expected a connection let in once every other one was closed");
    }

    /** Just enough of a MINA session for the limits: its address, its attributes, and whether it was refused. */
    private static final class FakeSession {

        final AtomicBoolean disconnected = new AtomicBoolean();
        final AtomicReference<String> reason = new AtomicReference<>();
        final Map<Object, Object> attributes = new ConcurrentHashMap<>();
        final Session session;

        FakeSession(InetSocketAddress remote) {
            IoSession io = (IoSession) Proxy.newProxyInstance(IoSession.class.getClassLoader(),
                    new Class<?>[] {IoSession.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getRemoteAddress" -> remote;
                        case "toString" -> "FakeIoSession[" + remote + "]";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                    new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getIoSession" -> io;
                        case "setAttribute" -> attributes.put(args[0], args[1]);
                        case "getAttribute" -> attributes.get(args[0]);
                        case "removeAttribute" -> attributes.remove(args[0]);
                        case "disconnect" -> {
                            disconnected.set(true);
                            reason.set((String) args[1]);
                            yield null;
                        }
                        case "close" -> {
                            disconnected.set(true);
                            yield null;
                        }
                        case "toString" -> "FakeSession[" + remote + "]";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
