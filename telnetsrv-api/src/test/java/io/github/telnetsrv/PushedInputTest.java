package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.spi.SessionTasks;
import io.github.telnetsrv.transport.Inbound;
import io.github.telnetsrv.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A session whose transport pushes its client's bytes ({@link TelnetSession#start(Runnable)} and its
 * {@link Inbound}): what is pushed runs in order, events run in order with the bytes, every byte taken is reported to
 * the transport (its flow control), the end of input and the connection's close end the session, and no thread is
 * kept while nothing comes in.
 */
class PushedInputTest {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void bytesPushedInPiecesRunInOrderAndEveryByteTakenIsReported() throws Exception {
        try (Pushed pushed = new Pushed()) {
            pushed.output.await(RecordingHandler.PROMPT, 1);
            byte[] script = "echo one\recho two\recho th\u00e9\r".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < script.length; i += 3) {
                pushed.inbound.receive(script, i, Math.min(3, script.length - i)); // a character split across pushes
            }
            pushed.output.await(RecordingHandler.PROMPT, 4);
            assertEquals(List.of("echo one", "echo two", "echo th\u00e9"), pushed.handler.echoed);
            pushed.awaitTaken(script.length);
        }
    }

    @Test
    void anEventRunsAfterTheBytesPushedBeforeItAndBeforeThoseAfter() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (Pushed pushed = new Pushed(gate)) {
            pushed.output.await(RecordingHandler.PROMPT, 1);
            List<String> seenByEvents = new CopyOnWriteArrayList<>();
            byte[] first = "abc".getBytes(StandardCharsets.US_ASCII);
            byte[] second = "def".getBytes(StandardCharsets.US_ASCII);
            pushed.inbound.receive(first, 0, first.length);
            pushed.inbound.submit(() -> seenByEvents.add(pushed.transport.received.toString()));
            pushed.inbound.receive(second, 0, second.length);
            pushed.inbound.submit(() -> seenByEvents.add(pushed.transport.received.toString()));
            assertEquals(List.of(), seenByEvents, "nothing is taken on the pushing thread");
            gate.countDown(); // the session's drain task may run now
            pushed.awaitTaken(6);
            assertEquals(List.of("abc", "abcdef"), seenByEvents);
        }
    }

    @Test
    void theEndOfInputEndsTheSessionAfterTheLinesBeforeIt() throws Exception {
        try (Pushed pushed = new Pushed()) {
            pushed.output.await(RecordingHandler.PROMPT, 1);
            byte[] line = "echo last\r".getBytes(StandardCharsets.US_ASCII);
            pushed.inbound.receive(line, 0, line.length);
            pushed.inbound.endOfInput();
            assertTrue(pushed.ended.await(10, TimeUnit.SECONDS), "the session ended");
            assertEquals(List.of("echo last"), pushed.handler.echoed);
            assertTrue(pushed.output.text().contains("> last\n"), pushed.output.text()); // its output reached the client
            assertEquals(TelnetSession.State.ENDED, pushed.session.state());
            pushed.handler.assertEndedOnce();
        }
    }

    @Test
    void theConnectionGoneEndsTheSessionAndWhatComesAfterIsNotTaken() throws Exception {
        try (Pushed pushed = new Pushed()) {
            pushed.output.await(RecordingHandler.PROMPT, 1);
            pushed.inbound.closed();
            assertTrue(pushed.ended.await(10, TimeUnit.SECONDS), "the session ended");
            byte[] late = "echo late\r".getBytes(StandardCharsets.US_ASCII);
            pushed.inbound.receive(late, 0, late.length);
            assertEquals(List.of(), pushed.handler.echoed);
            assertEquals(0, pushed.transport.taken());
        }
    }

    @Test
    void noThreadIsKeptWhileNothingComesIn() throws Exception {
        try (Pushed pushed = new Pushed()) {
            pushed.output.await(RecordingHandler.PROMPT, 1);
            byte[] line = "echo hi\r".getBytes(StandardCharsets.US_ASCII);
            pushed.inbound.receive(line, 0, line.length);
            pushed.output.await(RecordingHandler.PROMPT, 2);
            assertFalse(pushed.drainThreads.isEmpty(), "the bytes were taken on a thread of the session's");
            long deadline = System.nanoTime() + WAIT_NANOS;
            for (Thread thread : pushed.drainThreads) {
                thread.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
                assertFalse(thread.isAlive(), "a drain thread still alive while the session idles: " + thread);
            }
        }
    }

    /** A session over {@link PushTransport}, started with its input pushed. */
    private static final class Pushed implements AutoCloseable {
        final RecordingHandler handler = new RecordingHandler();
        final Output output = new Output();
        final CountDownLatch ended = new CountDownLatch(1);
        final List<Thread> drainThreads = new CopyOnWriteArrayList<>();
        PushTransport transport;
        final TelnetSession session;
        final Inbound inbound;

        Pushed() {
            this(new CountDownLatch(0));
        }

        /** @param gate what the session's drain tasks wait for before they run */
        Pushed(CountDownLatch gate) {
            SessionTasks handlerTasks = SessionTasks.threadPerTask(Thread.ofVirtual().name("pushed-handler").factory());
            SessionTasks drains = SessionTasks.threadPerTask(runnable -> {
                Thread thread = Thread.ofVirtual().name("pushed-input").unstarted(() -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    runnable.run();
                });
                drainThreads.add(thread);
                return thread;
            });
            SessionTasks tasks = new SessionTasks() {
                @Override
                public void execute(Runnable task) {
                    handlerTasks.execute(task);
                }

                @Override
                public java.util.concurrent.Executor writes() {
                    return drains;
                }

                @Override
                public void shutdownAndJoin() throws InterruptedException {
                    handlerTasks.shutdownAndJoin();
                    drains.shutdownAndJoin();
                }
            };
            session = TelnetSession.create(handler, output, SessionRun.CONFIG, tasks,
                    events -> transport = new PushTransport(events));
            inbound = session.start(ended::countDown);
        }

        void awaitTaken(long bytes) throws InterruptedException {
            assertEquals(bytes, transport.awaitTaken(bytes), "bytes reported taken");
        }

        /** Closes the session as a transport does: the connection closed, then its input gone. */
        @Override
        public void close() throws InterruptedException {
            session.close();
            inbound.closed();
            assertTrue(ended.await(10, TimeUnit.SECONDS), "the session ended after its close");
        }
    }

    /** A transport without a terminal whose client is held back by flow control: what it took is counted. */
    private static final class PushTransport extends PlainTransport {
        final StringBuilder received = new StringBuilder();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition more = lock.newCondition();
        private long taken;

        PushTransport(Transport.Events events) {
            super(events);
        }

        @Override
        void received(CharSequence chars) {
            received.append(chars);
        }

        @Override
        public void inputTaken(int bytes) {
            lock.lock();
            try {
                taken += bytes;
                more.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long taken() {
            lock.lock();
            try {
                return taken;
            } finally {
                lock.unlock();
            }
        }

        /** Waits (bounded) until {@code bytes} were reported taken; returns how many were. */
        long awaitTaken(long bytes) throws InterruptedException {
            long left = WAIT_NANOS;
            lock.lock();
            try {
                while (taken < bytes && left > 0) {
                    left = more.awaitNanos(left);
                }
                return taken;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The session's connection: no input stream (the bytes are pushed), its output kept and awaited. */
    private static final class Output implements TelnetConnection {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition grown = lock.newCondition();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public InputStream input() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream output() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    lock.lock();
                    try {
                        bytes.write(b, off, len);
                        grown.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            };
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public void close() {
        }

        String text() {
            lock.lock();
            try {
                return bytes.toString(StandardCharsets.UTF_8);
            } finally {
                lock.unlock();
            }
        }

        /** Waits until the output holds {@code part} {@code times} times (bounded). */
        void await(String part, int times) throws InterruptedException {
            long left = WAIT_NANOS;
            lock.lock();
            try {
                while (count(bytes.toString(StandardCharsets.UTF_8), part) < times) {
                    if (left <= 0) {
                        throw new AssertionError("waited for " + times + " x '" + part + "'; output: '"
                                + bytes.toString(StandardCharsets.UTF_8) + "'");
                    }
                    left = grown.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        private static int count(String text, String part) {
            int n = 0;
            for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
                n++;
            }
            return n;
        }
    }
}
