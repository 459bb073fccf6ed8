package io.github.telnetsrv.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script piped into a server by a client in a process of its own: over Telnet {@code nc} (never negotiates: line
 * mode) or {@link PipedTelnetClient} (negotiates as a terminal: character mode, server echo; the peers need it), over
 * SSH {@code ssh -T} (OpenSSH, no PTY). The script is L lines {@code echo line-N-end}; the clock runs from the
 * client's start (its connection, negotiation or key exchange and login included) to the moment the last line's
 * result arrives.
 * Every result is checked as it arrives: in order, none missing, none spliced.
 *
 * <p>Prints one line: {@code runtime=R client=C lines=L lines/s=X seconds=S results=K lost=N} followed by the Java
 * version in parentheses; {@code lost} counts results that were missing or out of order (0 when every line ran in order).
 *
 * <p>Usage: {@code PipedScript [--runtime virtual|threaded|termd|jline|ssh|ssh-threaded] [--client nc|telnet]
 * [--lines L]} ({@code --client} for Telnet; default nc). Needs {@code nc} (netcat-openbsd) or, for SSH, {@code ssh}
 * on the PATH.
 */
public final class PipedScript {

    private static final Pattern RESULT = Pattern.compile("(echo )?line-(\\d+)-end");

    private PipedScript() {
    }

    /**
     * Runs the measurement and prints one result line.
     *
     * @param args see the class documentation
     * @throws Exception if the server or the client fails
     */
    public static void main(String[] args) throws Exception {
        run(args);
        Deadline.exit();
    }

    /** The measurement, without ending the process (for tests that run it in theirs). */
    static void run(String[] args) throws Exception {
        String runtime = "virtual";
        int lines = 100_000;
        String clientName = "nc";
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--runtime" -> runtime = value;
                case "--lines" -> lines = Integer.parseInt(value);
                case "--client" -> clientName = value;
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + " (expected: --runtime, --client, --lines)");
            }
        }
        Duration limit = Duration.ofSeconds(60 + lines / 500);
        Deadline.start(limit.plusSeconds(30), "PipedScript");
        Path dir = Files.createTempDirectory("telnetsrv-piped-");
        Target server = Target.start(runtime, 64, 16, Duration.ZERO);
        try {
            Path script = dir.resolve("script.txt");
            StringBuilder text = new StringBuilder(lines * 24);
            for (int i = 0; i < lines; i++) {
                text.append("echo line-").append(i).append("-end\n");
            }
            Files.writeString(script, text, StandardCharsets.US_ASCII);
            if (Target.protocol(runtime).equals("ssh")) {
                clientName = "ssh";
            }
            List<String> command = client(clientName, server, dir);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectInput(script.toFile())
                    .redirectError(dir.resolve("client.err").toFile()).start();
            Checker checker = new Checker(lines);
            try (InputStream out = process.getInputStream()) {
                checker.read(out, start + limit.toNanos());
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            if (checker.results == 0) {
                throw new IllegalStateException("no result from " + String.join(" ", command) + ": "
                        + Files.readString(dir.resolve("client.err")));
            }
            double seconds = (checker.lastNanos - start) / 1e9;
            System.out.printf(Locale.ROOT, "runtime=%s client=%s lines=%d lines/s=%.0f seconds=%.2f results=%d "
                    + "lost=%d (java %s, %d cpus)%n", runtime, clientName, lines, checker.results / seconds, seconds,
                    checker.results,
                    lines - checker.inOrder, Runtime.version(), Runtime.getRuntime().availableProcessors());
            System.out.flush();
        } finally {
            Deadline.closeWithin(server, Duration.ofSeconds(10));
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The client's command: nc or the negotiating client, or ssh -T with the bench SSH server's anonymous login. */
    private static List<String> client(String name, Target server, Path dir) throws IOException {
        String host = server.localAddress().getAddress().getHostAddress();
        String port = Integer.toString(server.localAddress().getPort());
        return switch (name) {
            case "nc" -> List.of(tool("nc"), host, port);
            case "telnet" -> List.of(ProcessHandle.current().info().command().orElseThrow(
                    () -> new IOException("cannot tell which java runs this JVM")), "-cp",
                    System.getProperty("java.class.path"), PipedTelnetClient.class.getName(), host, port);
            case "ssh" -> sshClient(host, port, dir);
            default -> throw new IllegalArgumentException("--client " + name + " (expected: nc or telnet)");
        };
    }

    private static List<String> sshClient(String host, String port, Path dir) {
        return new ArrayList<>(List.of(tool("ssh"), "-T", "-F", "/dev/null", "-o", "LogLevel=ERROR", "-o",
                "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=" + dir.resolve("known_hosts"), "-o", "PubkeyAuthentication=no", "-p", port,
                "bench@" + host));
    }

    private static String tool(String name) {
        for (String entry : (System.getenv("PATH") + File.pathSeparator + "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not on the PATH (apt-get install netcat-openbsd openssh-client)");
    }

    /** Reads the client's output line by line and checks each result (not an echo of the typed line) in order. */
    private static final class Checker {
        final int lines;
        int results;
        int inOrder;
        long lastNanos;

        Checker(int lines) {
            this.lines = lines;
        }

        void read(InputStream out, long deadlineNanos) throws IOException {
            byte[] buf = new byte[65536];
            StringBuilder line = new StringBuilder(128);
            int n;
            int escape = 0; // 1 after ESC, 2 inside a CSI sequence: terminal control is not text
            while (results < lines && System.nanoTime() < deadlineNanos && (n = out.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = (char) (buf[i] & 0xFF);
                    if (escape == 1) {
                        escape = c == '[' ? 2 : 0;
                        continue;
                    }
                    if (escape == 2) {
                        escape = c >= 0x40 && c <= 0x7E ? 0 : 2;
                        continue;
                    }
                    if (c == 0x1B) {
                        escape = 1;
                    } else if (c == '\n' || c == '\r') {
                        check(line);
                        line.setLength(0);
                    } else if (c == '\b') {
                        line.setLength(Math.max(0, line.length() - 1));
                    } else if (line.length() < 4096 && c >= 0x20) {
                        line.append(c);
                    }
                }
            }
            check(line);
        }

        private void check(CharSequence line) {
            Matcher m = RESULT.matcher(line);
            while (m.find()) {
                if (m.group(1) != null) {
                    continue; // the server's echo of the typed command, not its result
                }
                int number = Integer.parseInt(m.group(2));
                if (number == inOrder) {
                    inOrder++;
                }
                results++;
                lastNanos = System.nanoTime();
            }
        }
    }
}
