package io.github.telnetsrv.spi;

import java.util.concurrent.CountDownLatch;

/**
 * What serves a registered session, for the server's close to wait for: the thread that runs a session that reads
 * its connection, or, for a session whose transport pushes its input (it has no thread of its own while idle), a
 * latch counted down once its threads are gone.
 */
sealed interface Runner {

    /** Waits until the session's threads are gone. */
    void await() throws InterruptedException;

    /** Whether the calling thread is this runner's. */
    boolean isCurrentThread();

    /** A session run by a thread of its own. */
    record OfThread(Thread thread) implements Runner {
        @Override
        public void await() throws InterruptedException {
            thread.join();
        }

        @Override
        public boolean isCurrentThread() {
            return thread == Thread.currentThread();
        }
    }

    /** A session fed by its transport, whose end counts {@code gone} down. */
    record OfLatch(CountDownLatch gone) implements Runner {
        @Override
        public void await() throws InterruptedException {
            gone.await();
        }

        @Override
        public boolean isCurrentThread() {
            return false;
        }
    }
}
