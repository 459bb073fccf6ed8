package io.github.telnetsrv.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Echo round trips per second: N concurrent clients (character mode, server echo on) each send {@code echo WORD}
 * and wait for the answer and the next prompt, in a loop, against a server in this JVM. A warm-up runs first; the
 * measured window follows. The runtimes are telnetsrv's and the peer libraries' (see {@link Target}); for {@code
 * ssh} and {@code ssh-threaded} the clients are SSH sessions with a shell channel and a PTY ({@link LoadClients}),
 * and Enter is CR. Clients run on virtual threads in this JVM, so the figure includes the clients' own cost (for
 * SSH: encrypting, decrypting and MACs on both ends): compare runtimes within one run, as ratios. The clients
 * connect at most 16 at a time (the SSH key exchanges take CPU), then all start together.
 *
 * <p>Usage: {@code EchoThroughput [--runtime virtual|threaded|jline|termd|ssh|ssh-threaded] [--clients N]
 * [--warmup S] [--seconds S]}
 */
public final class EchoThroughput {

    private EchoThroughput() {
    }

    /**
     * Runs the measurement and prints one result line.
     *
     * @param args see the class documentation
     * @throws Exception if the server or a client fails
     */
    public static void main(String[] args) throws Exception {
        String runtime = "virtual";
        int clients = 100;
        int warmup = 5;
        int seconds = 10;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--runtime" -> runtime = args[i + 1];
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + " (expected: --runtime, --clients, --warmup, --seconds)");
            }
        }
        Deadline.start(java.time.Duration.ofSeconds(warmup + seconds + 120L), "EchoThroughput");
        if (runtime.equals("bare")) {
            throw new IllegalArgumentException("runtime: bare answers no commands (expected: virtual, threaded, "
                    + "jline, termd, ssh, ssh-threaded)");
        }
        // telnetsrv as before: backlog 1024, its default session cap (1,000) and idle timeout.
        // The SSH server likewise (its default cap, the same per address so that every client gets in).
        try (Target server = Target.start(runtime, 1024, 1000, null);
                LoadClients connector = LoadClients.of(Target.protocol(runtime))) {
            Semaphore connecting = new Semaphore(16);
            LongAdder done = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger unconnected = new AtomicInteger();
            CountDownLatch ready = new CountDownLatch(clients);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String word = "w" + c;
                String expected = word + "\r\n";
                threads.add(Thread.ofVirtual().start(() -> {
                    LoadClient opened;
                    try {
                        connecting.acquire();
                        try {
                            opened = connector.open(server.localAddress());
                        } finally {
                            connecting.release();
                        }
                    } catch (IOException | InterruptedException e) {
                        System.err.println("client failed to connect: " + e);
                        unconnected.incrementAndGet();
                        ready.countDown();
                        return;
                    }
                    try (LoadClient client = opened) {
                        client.awaitPrompt();
                        ready.countDown();
                        while (!stop.get()) {
                            client.send("echo " + word);
                            String answer = client.awaitPrompt();
                            if (!answer.endsWith(expected)) {
                                throw new IllegalStateException("wrong answer: " + answer);
                            }
                            done.increment();
                        }
                    } catch (IOException e) {
                        System.err.println("client failed: " + e);
                    }
                }));
            }
            ready.await();
            if (unconnected.get() > 0) {
                stop.set(true);
                throw new IllegalStateException(unconnected.get() + " of " + clients + " clients could not connect");
            }
            Thread.sleep(warmup * 1000L);
            long before = done.sum();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = done.sum() - before;
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.printf(Locale.ROOT, "runtime=%s clients=%d commands/s=%.0f (%d in %.1fs, java %s, %d cpus)%n",
                    runtime, clients, count / elapsed, count, elapsed, Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
