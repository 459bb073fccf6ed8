package io.github.telnetsrv.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's JVM, for the harnesses that keep the clients out of the measured server's process ({@link
 * EchoLatency}, {@link ConnectLatency}): started with the same {@code java} and class path as this JVM, its standard
 * error shared with this one, its standard output read for one result line. The child watches its standard input
 * ({@link #exitWhenParentEnds()}) so that it does not outlive a harness that was killed.
 */
final class ClientJvm {

    private static final String EOF = "\0eof";

    private final Process process;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);

    private ClientJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.offer(line);
                }
            } catch (IOException e) {
                // the child ended
            } finally {
                lines.offer(EOF);
            }
        }, "client-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a client JVM.
     *
     * @param main the class whose {@code main} runs there
     * @param args its arguments
     * @return the running child
     * @throws IOException if it cannot be started
     */
    static ClientJvm start(Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IOException("cannot tell which java runs this JVM")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return new ClientJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /**
     * Waits for the child's line that starts with a prefix (other lines are skipped).
     *
     * @param prefix how the line starts
     * @param timeout how long to wait
     * @return the line
     * @throws IOException if the child ends without it or does not print it in time (the child is then killed)
     * @throws InterruptedException if interrupted while waiting
     */
    String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw new IOException("client JVM printed no '" + prefix + "' line within " + timeout);
            }
            if (line.equals(EOF)) {
                int status = process.waitFor();
                throw new IOException("client JVM ended (status " + status + ") without a '" + prefix + "' line");
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * Closes the child's standard input and waits for it to end, killing it if it takes longer than 30 seconds.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void finish() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * In a client JVM: exits (status 4) when standard input ends, that is, when the harness that started it closes
     * it or dies. Reads and drops anything written there.
     */
    static void exitWhenParentEnds() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent
                }
            } catch (IOException e) {
                // treated as the end
            }
            Runtime.getRuntime().halt(4);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
