package io.github.telnetsrv.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client process for {@link IdleSessions}: opens N sessions of a protocol ({@link LoadClients}), at most M at a
 * time, lets each reach its first prompt, prints {@code READY n seconds} (the sessions ready, and the time from the
 * first connect to the last prompt), then holds them idle until its standard input ends.
 *
 * <p>Usage: {@code IdleClients HOST PORT COUNT [telnet|ssh [CONCURRENCY]]} (default: telnet, 64 at a time)
 */
public final class IdleClients {

    private IdleClients() {
    }

    /**
     * Runs the clients.
     *
     * @param args host, port, count, optionally the protocol and how many sessions may be opening at once
     * @throws Exception if the connections cannot be made
     */
    public static void main(String[] args) throws Exception {
        Deadline.start(java.time.Duration.ofMinutes(30), "IdleClients");
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        String protocol = args.length > 3 ? args[3] : "telnet";
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        Semaphore connecting = new Semaphore(concurrency);
        CountDownLatch ready = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<LoadClient> open = new ConcurrentLinkedQueue<>();
        try (LoadClients clients = LoadClients.of(protocol)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Thread.ofVirtual().start(() -> {
                    LoadClient client = null;
                    try {
                        connecting.acquire();
                        try {
                            client = clients.open(server);
                            open.add(client);
                            client.awaitPrompt();
                        } finally {
                            connecting.release();
                        }
                        ready.countDown();
                        client.idle();
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        if (failed.getAndIncrement() < 5) {
                            System.err.println("client failed: " + e);
                        }
                        ready.countDown();
                    }
                });
            }
            ready.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "READY %d %.3f%n", count - failed.get(), seconds);
            System.out.flush();
            System.in.read(); // held until the harness closes our standard input
            for (LoadClient client : List.copyOf(open)) {
                client.close();
            }
        }
    }
}
