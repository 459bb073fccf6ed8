package io.github.telnetsrv.examples;

import static io.github.telnetsrv.examples.RobustClient.PROMPT;
import static io.github.telnetsrv.examples.RobustClient.quote;
import static io.github.telnetsrv.examples.RobustHostileInputTest.prompted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.examples.RobustRig.Transport;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An endless continuation: {@code echo "} and then line after line without ever closing the quote, each line
 * within the line length limit, so that only a bound on the whole command line can stop it. Past that bound the
 * client gets one error line, the input is dropped, and the session goes on.
 */
class RobustContinuationTest {

    private static final Duration ATTACK_LIMIT = Duration.ofSeconds(60);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final String CONTINUATION_PROMPT = "... ";
    private static final int LINE_LENGTH = 4000;
    /** Up to 2 MB in all: the bound on one command line must be lower. */
    private static final int MAX_LINES = 512;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    void anEndlessContinuationIsCutWithOneErrorLineAndTheSessionGoesOn(String runtime) throws Exception {
        // Spaces: once the server has cut the command, any line of them still arriving is an empty command,
        // which prints nothing but its prompt, so the one error line stands out.
        String line = " ".repeat(LINE_LENGTH);
        String attack = "'echo \"' and then up to " + MAX_LINES + " lines of " + LINE_LENGTH
                + " characters, the quote never closed";
        try (RobustRig rig = RobustRig.start(runtime, Transport.PLAIN)) {
            String[] seen = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    attacker.line("echo \"");
                    attacker.await(CONTINUATION_PROMPT, ANSWER_BOUND);
                    String cut = null;
                    int sent = 0;
                    while (cut == null && sent < MAX_LINES) {
                        attacker.line(line);
                        sent++;
                        int found = attacker.awaitAny(ANSWER_BOUND, CONTINUATION_PROMPT, PROMPT);
                        if (found < 0) {
                            throw new AssertionError("expected a continuation prompt or a prompt within "
                                    + ANSWER_BOUND + " after line " + sent + " of the continuation");
                        }
                        if (found == 1) {
                            cut = attacker.beforeLastMatch();
                        }
                    }
                    if (cut == null) {
                        throw new AssertionError("expected the command line cut with one error line, but all "
                                + sent + " continuation lines (" + (long) sent * (LINE_LENGTH + 1)
                                + " characters) were taken, the server still asking for more");
                    }
                    return new String[] {cut, Integer.toString(sent), attacker.command("echo ok", ANSWER_BOUND)};
                }
            });
            String error = seen[0];
            assertTrue(error.endsWith("\r\n") && error.indexOf("\r\n") == error.length() - 2 && error.length() > 2,
                    "expected exactly one error line when the command line was cut (after " + seen[1]
                            + " continuation lines), saw " + quote(error));
            assertEquals("ok\r\n", seen[2], "expected the session to go on after the cut");
            rig.assertBackToBaseline(attack);
        }
    }
}
