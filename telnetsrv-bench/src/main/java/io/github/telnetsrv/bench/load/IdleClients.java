package io.github.telnetsrv.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client process for {@link IdleSessions}: opens N connections, lets each negotiate up to its first prompt,
 * prints {@code READY n}, then holds them idle until its standard input ends.
 *
 * <p>Usage: {@code IdleClients HOST PORT COUNT}
 */
public final class IdleClients {

    private IdleClients() {
    }

    /**
     * Runs the clients.
     *
     * @param args host, port, count
     * @throws Exception if the connections cannot be made
     */
    public static void main(String[] args) throws Exception {
        Deadline.start(java.time.Duration.ofMinutes(30), "IdleClients");
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        Semaphore connecting = new Semaphore(64);
        CountDownLatch ready = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<TelnetLoadClient> open = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            Thread.ofVirtual().start(() -> {
                TelnetLoadClient client = null;
                try {
                    connecting.acquire();
                    try {
                        client = new TelnetLoadClient(server);
                        open.add(client);
                        client.awaitPrompt();
                    } finally {
                        connecting.release();
                    }
                    ready.countDown();
                    client.idle();
                } catch (IOException | InterruptedException e) {
                    if (failed.getAndIncrement() < 5) {
                        System.err.println("client failed: " + e);
                    }
                    ready.countDown();
                }
            });
        }
        ready.await();
        System.out.println("READY " + (count - failed.get()));
        System.out.flush();
        System.in.read(); // held until the harness closes our standard input
        for (TelnetLoadClient client : List.copyOf(open)) {
            client.close();
        }
    }
}
