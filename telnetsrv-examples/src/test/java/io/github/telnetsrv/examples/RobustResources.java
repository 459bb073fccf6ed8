package io.github.telnetsrv.examples;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What the process holds, for the robustness suite: live threads (virtual ones included) and open files. */
final class RobustResources {

    private static final Path PROC_FD = Path.of("/proc/self/fd");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private RobustResources() {
    }

    /** The names of every live thread, virtual ones included (from a JDK thread dump). */
    static List<String> threadNames() {
        return threads().stream().map(Map.Entry::getKey).toList();
    }

    /** The stack of each live thread whose name starts with {@code prefix}, as the thread dump prints it. */
    static List<Map.Entry<String, String>> threadStacks(String prefix) {
        return threads().stream().filter(t -> t.getKey().startsWith(prefix)).toList();
    }

    /** Every live thread, virtual ones included: its name and its stack (from a JDK thread dump). */
    private static List<Map.Entry<String, String>> threads() {
        try {
            Path dump = Files.createTempFile("robust-threads-", ".txt");
            Files.delete(dump); // the dump refuses to overwrite a file
            try {
                HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                bean.dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                List<Map.Entry<String, String>> threads = new ArrayList<>();
                String name = null;
                StringBuilder stack = new StringBuilder();
                for (String line : Files.readAllLines(dump)) {
                    // A thread starts with a line like: #123 "name" virtual; its frames follow.
                    int open = line.indexOf('"');
                    int close = line.lastIndexOf('"');
                    if (line.startsWith("#") && open >= 0 && close > open) {
                        if (name != null) {
                            threads.add(Map.entry(name, stack.toString()));
                        }
                        name = line.substring(open + 1, close);
                        stack.setLength(0);
                    } else if (name != null && !line.isBlank()) {
                        stack.append(line.strip()).append('\n');
                    }
                }
                if (name != null) {
                    threads.add(Map.entry(name, stack.toString()));
                }
                return threads;
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the live threads whose name starts with one of the prefixes. */
    static List<String> threadNames(String... prefixes) {
        List<String> matching = new ArrayList<>();
        for (String name : threadNames()) {
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    matching.add(name);
                    break;
                }
            }
        }
        return matching;
    }

    /** How many files (sockets included) the process has open, or -1 where /proc is missing. */
    static int openFiles() {
        if (!Files.isDirectory(PROC_FD)) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(PROC_FD)) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names in {@code now} beyond those in {@code before}, counting repeats. */
    static List<String> extra(List<String> before, List<String> now) {
        Map<String, Integer> left = new HashMap<>();
        for (String name : before) {
            left.merge(name, 1, Integer::sum);
        }
        List<String> extra = new ArrayList<>();
        for (String name : now) {
            if (left.merge(name, -1, Integer::sum) < 0) {
                extra.add(name);
            }
        }
        return extra;
    }

    /**
     * Looks at a condition until it holds or the time runs out, pacing the looks.
     *
     * @return whether it held before the deadline
     */
    static boolean poll(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.NANOSECONDS.convert(POLL_INTERVAL));
        }
    }
}
