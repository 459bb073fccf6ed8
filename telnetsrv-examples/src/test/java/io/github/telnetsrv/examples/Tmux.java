package io.github.telnetsrv.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Drives one program in a detached tmux pane on a private tmux server (its own socket, {@code tmux -S PATH}, in the
 * test's temporary directory, so nothing is left behind): keys in ({@code send-keys}), screen out
 * ({@code capture-pane}). Waits poll the screen until it shows what is expected or a
 * deadline passes. The pane stays after its program exits ({@code remain-on-exit}), so the last screen can still be
 * read and the exit seen. Confined to the test's thread.
 */
final class Tmux implements AutoCloseable {

    /** How long a wait for the screen lasts before the test fails. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final String TARGET = "main";

    private final Path socket;
    private final Path config;

    /**
     * Prepares a private tmux server (nothing runs until {@link #start}).
     *
     * @param dir a directory for the server's socket and configuration file, deleted after the test
     */
    Tmux(Path dir) throws IOException {
        String name = "tmux-" + COUNT.incrementAndGet();
        this.socket = dir.resolve(name + ".sock");
        this.config = dir.resolve(name + ".conf");
        Files.writeString(config, """
                set -g remain-on-exit on
                set -g status off
                set -g history-limit 2000
                """);
    }

    /**
     * Starts {@code command} in a pane of the given size.
     *
     * @param command a shell command line
     */
    void start(int width, int height, String command) {
        tmux("-f", config.toString(), "new-session", "-d", "-s", TARGET, "-x", String.valueOf(width), "-y",
                String.valueOf(height), command);
    }

    /** Types text literally (no key names). */
    void type(String text) {
        tmux("send-keys", "-t", TARGET, "-l", text);
    }

    /** Presses keys by tmux name: {@code Enter}, {@code Left}, {@code Up}, {@code DC} (Delete, {@code ESC[3~}). */
    void press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", TARGET));
        args.addAll(Arrays.asList(keys));
        tmux(args.toArray(String[]::new));
    }

    /**
     * Resizes the window (and so its only pane) as a user resizing their terminal would: the program in the pane
     * gets {@code SIGWINCH}. A detached session's window keeps this size from then on.
     */
    void resize(int width, int height) {
        tmux("resize-window", "-t", TARGET, "-x", String.valueOf(width), "-y", String.valueOf(height));
    }

    /** The visible screen, one string per row, trailing spaces and trailing blank rows removed. */
    List<String> screen() {
        String text = tmux("capture-pane", "-p", "-t", TARGET);
        List<String> rows = new ArrayList<>();
        for (String row : text.split("\n", -1)) {
            rows.add(row.stripTrailing());
        }
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    /**
     * The visible screen with its colours and attributes as escape sequences ({@code capture-pane -e}): tmux
     * writes a style where it changes, e.g. {@code ESC[91m} before bright red text and {@code ESC[39m} where the
     * default colour comes back. One string per row, trailing spaces and trailing blank rows removed.
     */
    List<String> styledScreen() {
        String text = tmux("capture-pane", "-p", "-e", "-t", TARGET);
        List<String> rows = new ArrayList<>();
        for (String row : text.split("\n", -1)) {
            rows.add(row.stripTrailing());
        }
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    /** The cursor as {@code {column, row}}, zero-based, within the visible screen. */
    int[] cursor() {
        String[] xy = tmux("display-message", "-p", "-t", TARGET, "#{cursor_x} #{cursor_y}").strip().split(" ");
        return new int[] {Integer.parseInt(xy[0]), Integer.parseInt(xy[1])};
    }

    /** Whether the pane's program has exited. */
    boolean exited() {
        return "1".equals(tmux("display-message", "-p", "-t", TARGET, "#{pane_dead}").strip());
    }

    /**
     * Polls the screen until {@code condition} holds, failing with the last screen after {@link #WAIT}.
     *
     * @param what the expectation, for the failure message
     * @return the screen that satisfied the condition
     */
    List<String> await(String what, Predicate<List<String>> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() - deadline > 0) {
                fail("after " + WAIT.toSeconds() + " s the screen does not show " + what + "; it shows:\n"
                        + String.join("\n", screen) + "\n[end of screen]");
            }
            pause();
            screen = screen();
        }
        return screen;
    }

    /** Waits until the last non-blank rows of the screen are exactly {@code rows}. */
    List<String> awaitTail(String... rows) {
        List<String> expected = List.of(rows);
        return await("these last rows:\n" + String.join("\n", expected) + "\n[end]", s -> endsWith(s, expected));
    }

    /** Waits until the screen shows {@code rows} one after the other, anywhere. */
    List<String> awaitRows(String... rows) {
        List<String> expected = List.of(rows);
        return await("these rows:\n" + String.join("\n", expected) + "\n[end]",
                s -> Collections.indexOfSubList(s, expected) >= 0);
    }

    /** Waits until the pane's program has exited. */
    void awaitExit() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!exited()) {
            if (System.nanoTime() - deadline > 0) {
                fail("after " + WAIT.toSeconds() + " s the client is still running; the screen shows:\n"
                        + String.join("\n", screen()) + "\n[end of screen]");
            }
            pause();
        }
    }

    static boolean endsWith(List<String> screen, List<String> tail) {
        return screen.size() >= tail.size() && screen.subList(screen.size() - tail.size(), screen.size()).equals(tail);
    }

    /** Stops the private tmux server and everything running in it. */
    @Override
    public void close() {
        try {
            run(List.of("tmux", "-S", socket.toString(), "kill-server"));
        } catch (RuntimeException e) {
            // no server was started
        }
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(Arrays.asList(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** The polling interval: a wait for the next look at the screen, not an assertion mechanism. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the screen", e);
        }
    }
}
