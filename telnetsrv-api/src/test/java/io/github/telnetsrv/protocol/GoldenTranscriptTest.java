package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every transcript under {@code src/test/resources/protocol/} three ways: each input chunk
 * whole, one byte at a time, and split at random points (fixed seeds, at an offset inside a larger
 * array). The events must be the expected ones every time; adjacent DATA events are merged first.
 *
 * <p>Transcript format, one item per line:
 * <pre>
 * # comment
 * ! limits 8192 64 1000 1000 8        (before anything else: engine limits)
 * ! policy local|remote OPTION STANCE (before anything else: change the default policy)
 * ! start                             (TelnetEngine.start())
 * ! request local|remote OPTION on|off
 * &gt; FF FD 01 "text"                   (input; consecutive lines form one chunk)
 * &lt; SEND FB 01                         (an expected event, see RecordingListener)
 * = pending false                     (a state query: pending, ttype, size, env, goahead, charset,
 *                                      local OPTION, remote OPTION)
 * </pre>
 */
class GoldenTranscriptTest {

    private static final int RANDOM_SPLITS = 20;

    @TestFactory
    Stream<DynamicTest> everyTranscriptGivesTheSameEventsHoweverTheInputIsSplit() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenTranscriptTest.class.getResource("/protocol").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no transcripts in " + dir);
        return files.stream().flatMap(file -> Stream.of(
                DynamicTest.dynamicTest(file.getFileName() + " whole", () -> run(file, Split.WHOLE, 0)),
                DynamicTest.dynamicTest(file.getFileName() + " byte by byte", () -> run(file, Split.BYTES, 0)),
                DynamicTest.dynamicTest(file.getFileName() + " random splits", () -> {
                    for (int seed = 1; seed <= RANDOM_SPLITS; seed++) {
                        run(file, Split.RANDOM, seed);
                    }
                })));
    }

    enum Split { WHOLE, BYTES, RANDOM }

    private static void run(Path file, Split split, long seed) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        TelnetLimits limits = TelnetLimits.defaults();
        OptionPolicy policy = OptionPolicy.defaults();
        RecordingListener listener = new RecordingListener();
        TelnetEngine engine = null;
        Random random = new Random(seed);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        for (int n = 0; n <= lines.size(); n++) {
            String line = n < lines.size() ? lines.get(n).strip() : "";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(">")) {
                chunk.append(' ').append(line.substring(1));
                continue;
            }
            if (engine == null && line.startsWith("! limits ")) {
                int[] v = Stream.of(line.substring(9).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
                limits = new TelnetLimits(v[0], v[1], v[2], v[3], v[4]);
                continue;
            }
            if (engine == null && line.startsWith("! policy ")) {
                String[] w = line.substring(9).trim().split("\\s+");
                OptionPolicy.Stance stance = OptionPolicy.Stance.valueOf(w[2]);
                policy = w[0].equals("local") ? policy.withLocal(option(w[1]), stance) : policy.withRemote(option(w[1]), stance);
                continue;
            }
            if (engine == null) {
                engine = new TelnetEngine(limits, policy, listener);
            }
            if (!chunk.isEmpty()) {
                feed(engine, Bytes.of(chunk.toString()), split, random);
                chunk.setLength(0);
            }
            if (line.startsWith("<")) {
                expected.add(line.substring(1).strip());
            } else if (line.startsWith("!")) {
                act(engine, line.substring(1).trim().split("\\s+"));
            } else if (line.startsWith("=")) {
                actual.addAll(listener.log());
                listener.clear();
                String query = line.substring(1).strip();
                actual.add("= " + query(engine, query));
                expected.add("= " + query);
            } else {
                throw new IllegalArgumentException(file + ": cannot read line " + (n + 1) + ": " + line);
            }
        }
        if (engine == null) {
            engine = new TelnetEngine(limits, policy, listener);
        }
        if (!chunk.isEmpty()) {
            feed(engine, Bytes.of(chunk.toString()), split, random);
        }
        actual.addAll(listener.log());
        List<String> want = RecordingListener.normalize(expected);
        assertEquals(String.join("\n", want), String.join("\n", RecordingListener.matchWarnings(want, actual)),
                file.getFileName() + " (" + split + (split == Split.RANDOM ? " seed " + seed : "") + ")");
    }

    private static void feed(TelnetEngine engine, byte[] bytes, Split split, Random random) {
        switch (split) {
            case WHOLE -> engine.receive(bytes, 0, bytes.length);
            case BYTES -> {
                for (int i = 0; i < bytes.length; i++) {
                    engine.receive(bytes, i, 1);
                }
            }
            case RANDOM -> {
                byte[] padded = new byte[bytes.length + 6];
                System.arraycopy(bytes, 0, padded, 3, bytes.length);
                int i = 0;
                while (i < bytes.length) {
                    int n = 1 + random.nextInt(Math.min(bytes.length - i, 9));
                    engine.receive(padded, 3 + i, n);
                    i += n;
                }
            }
        }
    }

    private static void act(TelnetEngine engine, String[] words) {
        switch (words[0]) {
            case "start" -> engine.start();
            case "request" -> {
                boolean enable = words[3].equals("on");
                if (words[1].equals("local")) {
                    engine.requestLocal(option(words[2]), enable);
                } else {
                    engine.requestRemote(option(words[2]), enable);
                }
            }
            default -> throw new IllegalArgumentException("action: " + String.join(" ", words));
        }
    }

    private static String query(TelnetEngine engine, String query) {
        String[] w = query.split("\\s+");
        return switch (w[0]) {
            case "pending" -> "pending " + engine.negotiationPending();
            case "ttype" -> "ttype " + engine.terminalType();
            case "size" -> "size " + engine.width() + "x" + engine.height();
            case "goahead" -> "goahead " + engine.goAheadRequired();
            case "charset" -> "charset " + engine.charset();
            case "env" -> {
                StringBuilder sb = new StringBuilder("env");
                engine.environment().forEach((k, v) -> sb.append(' ').append(RecordingListener.escape(k))
                        .append('=').append(RecordingListener.escape(v)));
                yield sb.toString();
            }
            case "local" -> "local " + w[1] + (engine.isLocalEnabled(option(w[1])) ? " on" : " off");
            case "remote" -> "remote " + w[1] + (engine.isRemoteEnabled(option(w[1])) ? " on" : " off");
            default -> throw new IllegalArgumentException("query: " + query);
        };
    }

    static int option(String name) {
        for (int code = 0; code < 256; code++) {
            if (TelnetOption.name(code).equals(name)) {
                return code;
            }
        }
        throw new IllegalArgumentException("option: " + name + " (expected: a TelnetOption name or a number)");
    }
}
