package io.github.telnetsrv.bench.load.peers;

import java.util.Arrays;

/** The one command the peer servers answer, as telnetsrv's bench handler does. Stateless. */
final class EchoCommand {

    private EchoCommand() {
    }

    /**
     * Runs a command line.
     *
     * @param line the line as typed
     * @return the answer without a line end, or {@code null} for a blank line (nothing to answer)
     */
    static String answer(String line) {
        String[] words = line.trim().split("\\s+");
        if (words[0].isEmpty()) {
            return null;
        }
        if (words[0].equals("echo")) {
            return String.join(" ", Arrays.asList(words).subList(1, words.length));
        }
        return "unknown command: " + words[0] + " (expected: echo)";
    }
}
