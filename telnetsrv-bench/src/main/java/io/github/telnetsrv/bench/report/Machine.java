package io.github.telnetsrv.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine the report ran on, as Linux's {@code /proc} and the JVM tell it (fields read elsewhere say
 * {@code unknown}).
 *
 * @param cpus the processors this JVM may use
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}
 * @param memory total RAM ({@code MemTotal} of {@code /proc/meminfo}), in words
 * @param kernel the operating system's name, version and architecture
 * @param java the JVM's vendor, name and version
 * @param maxHeap the default maximum heap of a JVM started like the children, in words
 * @param openFiles this process's open-file limit
 * @param loadAverage the first three fields of {@code /proc/loadavg}
 */
record Machine(int cpus, String cpuModel, String memory, String kernel, String java, String maxHeap,
               String openFiles, String loadAverage) {

    /**
     * Reads the machine now (the load average changes).
     *
     * @return what was read
     */
    static Machine now() {
        String model = "unknown";
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        String memory = "unknown";
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.substring(9).strip().split("\\s+")[0]);
                memory = String.format(Locale.ROOT, "%.1f GiB", kib / 1048576.0);
                break;
            }
        }
        List<String> load = lines("/proc/loadavg");
        String loadAverage = load.isEmpty() ? "unknown"
                : String.join(" ", List.of(load.get(0).split("\\s+")).subList(0, 3));
        String openFiles = "unknown";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            openFiles = String.format(Locale.ROOT, "%,d", unix.getMaxFileDescriptorCount());
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), model, memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + Runtime.version(),
                String.format(Locale.ROOT, "%.0f MiB", Runtime.getRuntime().maxMemory() / 1048576.0),
                openFiles, loadAverage);
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
