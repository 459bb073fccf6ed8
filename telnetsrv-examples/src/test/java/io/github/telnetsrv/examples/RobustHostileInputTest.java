package io.github.telnetsrv.examples;

import static io.github.telnetsrv.examples.RobustClient.PROMPT;
import static io.github.telnetsrv.examples.RobustClient.quote;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DO;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.DONT;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SB;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.SE;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WILL;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.WONT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.examples.RobustClient.Answers;
import io.github.telnetsrv.examples.RobustRig.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile inputs of the protocol checklist (section 2), each sent by an attacker session to a server on each
 * runtime, plain and over TLS (but for the probes of the plain port), while an observer session keeps being
 * answered; afterwards the server is back at its baseline. Where an
 * attack leaves the attacker's session usable, that session must go on too: a command after the attack is
 * answered exactly, which also proves that no byte of the attack leaked into the input.
 */
class RobustHostileInputTest {

    private static final Duration ATTACK_LIMIT = Duration.ofSeconds(30);
    /** How long the server may take to chew through an attack and answer the command that follows it. */
    private static final Duration SYNC_BOUND = Duration.ofSeconds(10);
    /** How long a quiet server has nothing more to say. */
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final int CTRL_C = 0x03;
    private static final int NOP = 241;
    private static final int AYT = 246;
    private static final int ESC = 0x1B;
    private static final int NAWS = 31;
    private static final int TTYPE = 24;
    private static final int NEW_ENVIRON = 39;
    private static final int CHARSET = 42;

    // ------------------------------------------------------------------ subnegotiations (items 1, 2, 3)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void anUnterminatedSubnegotiationOfMegabytesIsDroppedWithoutLeakingIntoTheInput(String runtime,
            Transport transport) throws Exception {
        String attack = "an SB of 4 MiB (IAC SB TTYPE, then 'x' with no IAC SE until the end)";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            long reply = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    byte[] payload = new byte[4 << 20];
                    java.util.Arrays.fill(payload, (byte) 'x');
                    return replyTo(attacker, RobustBytes.of(IAC, SB, TTYPE, payload, IAC, SE), "after-sb");
                }
            });
            assertTrue(reply <= 1024, "expected at most 1 KiB sent back for " + attack + ", saw " + reply + " bytes");
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aSubnegotiationOfDoubledIacCountsTowardTheSameBound(String runtime, Transport transport) throws Exception {
        String attack = "an SB of 2 MiB of IAC IAC pairs";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            long reply = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    byte[] pairs = RobustBytes.repeat(RobustBytes.of(IAC, IAC), 1 << 20);
                    return replyTo(attacker, RobustBytes.of(IAC, SB, NAWS, pairs, IAC, SE), "after-pairs");
                }
            });
            assertTrue(reply <= 1024, "expected at most 1 KiB sent back for " + attack + ", saw " + reply + " bytes");
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void malformedSubnegotiationsAreIgnoredOneByOneAndTheSessionGoesOn(String runtime, Transport transport)
            throws Exception {
        List<byte[]> malformed = List.of(
                RobustBytes.of(IAC, SB, IAC, SE), // no option byte
                RobustBytes.of(IAC, SB, NAWS, IAC, SE), // NAWS of 0 bytes
                RobustBytes.of(IAC, SB, NAWS, 0, 80, 0, IAC, SE), // NAWS of 3 bytes
                RobustBytes.of(IAC, SB, NAWS, 0, 80, 0, 24, 0, IAC, SE), // NAWS of 5 bytes
                RobustBytes.of(IAC, SB, 200, 1, 2, 3, IAC, SE), // an option nobody negotiated
                RobustBytes.of(IAC, SB, TTYPE, 1, IAC, SE), // TTYPE SEND from the client
                RobustBytes.of(IAC, SB, TTYPE, 0, "evil", IAC, SE), // TTYPE IS nobody asked for
                RobustBytes.of(IAC, SB, NEW_ENVIRON, 0, 0, "USER", 1, "x", 2, IAC, SE), // trailing ESC
                RobustBytes.of(IAC, SB, NEW_ENVIRON, 0, 1, "x", IAC, SE), // a value before any VAR
                RobustBytes.of(IAC, SB, NEW_ENVIRON, 9, IAC, SE), // an unknown subcommand
                RobustBytes.of(IAC, SB, CHARSET, 1, IAC, SE), // an empty CHARSET REQUEST
                RobustBytes.of(IAC, SB, CHARSET, 9, ";", IAC, SE), // an unknown CHARSET subcommand
                RobustBytes.of(IAC, SB, NAWS, 0, 80, IAC, NOP, 0, 24, IAC, SE), // a command inside the SB
                RobustBytes.of(IAC, SB, NAWS, 0, IAC, "A", 80, 0, 24, IAC, SE), // IAC and a non-command inside
                RobustBytes.of(IAC, SB, IAC, SB, NAWS, IAC, SE), // SB inside SB
                RobustBytes.of(IAC, SE), // SE without SB
                RobustBytes.of(IAC, SB, SE, IAC, SE)); // SE without IAC inside
        String attack = malformed.size() + " malformed subnegotiations";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            String info = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    for (int i = 0; i < malformed.size(); i++) {
                        attacker.send(malformed.get(i));
                        String word = "malformed-" + i;
                        assertEquals(word + "\r\n", attacker.command("echo " + word, SYNC_BOUND),
                                "the answer after malformed SB #" + i + " "
                                        + quote(new String(malformed.get(i), StandardCharsets.ISO_8859_1)));
                    }
                    // An absurd window size is clamped, not taken as it is.
                    attacker.send(RobustBytes.of(IAC, SB, NAWS, IAC, IAC, IAC, IAC, IAC, IAC, IAC, IAC, IAC, SE));
                    return attacker.command("info", SYNC_BOUND);
                }
            });
            Matcher size = Pattern.compile("size: (\\d+)x(\\d+)").matcher(info);
            assertTrue(size.find(), "expected 'size: WxH' in the answer to info, saw " + quote(info));
            int width = Integer.parseInt(size.group(1));
            int height = Integer.parseInt(size.group(2));
            assertTrue(width <= 4096 && height <= 4096,
                    "expected NAWS 65535x65535 clamped to at most 4096x4096, saw " + width + "x" + height);
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ every split (item 4)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aSessionSentOneBytePerWriteGetsTheSameAnswers(String runtime, Transport transport) throws Exception {
        byte[] transcript = RobustBytes.of(
                IAC, WILL, NAWS, IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE,
                "echo a", IAC, NOP, "b\r\n", // a command between the characters of a line
                "echo ", 0xC3, IAC, NOP, 0xA9, "\r\n", // ... and inside a UTF-8 character
                "echo c\r", 0, // CR NUL
                "echo d\n", // a bare LF
                "echo e\r\n",
                "info\r\n");
        String attack = "a session of " + transcript.length + " bytes, one byte per write";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            String answers = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    attacker.answers(Answers.SILENT); // its own answers would land between the single bytes
                    attacker.socket().setTcpNoDelay(true);
                    for (byte b : transcript) {
                        attacker.send(new byte[] {b});
                    }
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < 6; i++) {
                        all.append(attacker.await(PROMPT, SYNC_BOUND)).append('|');
                    }
                    return all.toString();
                }
            });
            assertTrue(answers.startsWith("ab\r\n|é\r\n|c\r\n|d\r\n|e\r\n|user: (none)\r\n"),
                    "expected the answers ab, é, c, d, e and info, saw " + quote(answers));
            assertTrue(answers.contains("size: 80x24\r\n"),
                    "expected the NAWS sent byte by byte to give 80x24, saw " + quote(answers));
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ negotiation storms (item 5)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aNegotiationStormGetsAtMostOneReplyPerRequestAndThenStopsBeingAnswered(String runtime, Transport transport)
            throws Exception {
        int firstRounds = 20;
        int laterRounds = 40;
        String attack = "a negotiation storm (256 options x DO, DONT, WILL, WONT, " + (firstRounds + laterRounds)
                + " rounds)";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            long[] replies = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    attacker.answers(Answers.SILENT);
                    long first = replyTo(attacker, storm(firstRounds), "storm-first");
                    long later = replyTo(attacker, storm(laterRounds), "storm-later");
                    return new long[] {first, later};
                }
            });
            int firstRequests = firstRounds * 256 * 4;
            assertTrue(replies[0] <= 3L * firstRequests,
                    "expected at most one 3-byte reply per request: " + firstRequests + " requests, saw "
                            + replies[0] + " bytes of replies");
            int laterRequests = laterRounds * 256 * 4;
            assertTrue(replies[1] <= 16 * 1024,
                    "expected a cap on replies once the storm repeats itself: " + laterRequests
                            + " more requests got " + replies[1] + " bytes of replies (expected at most 16 KiB)");
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aPeerThatContradictsEverythingDoesNotMakeTheServerLoop(String runtime, Transport transport) throws Exception {
        String attack = "a peer answering the inverse of every negotiation, after asking for every option";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            long[] seen = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = rig.connect(Answers.INVERSE)) {
                    ByteArrayOutputStream asks = new ByteArrayOutputStream();
                    for (int option = 0; option < 256; option++) {
                        asks.writeBytes(RobustBytes.of(IAC, WILL, option, IAC, DO, option));
                    }
                    attacker.send(asks.toByteArray());
                    boolean quiet = attacker.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(8));
                    long total = attacker.rawBytes();
                    attacker.answers(Answers.SILENT);
                    attacker.line("echo still-here");
                    attacker.await("still-here\r\n" + PROMPT, SYNC_BOUND);
                    return new long[] {quiet ? 1 : 0, total};
                }
            });
            assertEquals(1, seen[0], "expected the negotiation to go quiet within 8 s, it was still going after "
                    + seen[1] + " bytes");
            assertTrue(seen[1] <= 32 * 1024, "expected at most 32 KiB of negotiation with a contradicting peer, saw "
                    + seen[1] + " bytes");
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ command floods (item 6)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aMillionNopsChangeNothing(String runtime, Transport transport) throws Exception {
        String attack = "10^6 IAC NOP";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            long reply = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    return replyTo(attacker, RobustBytes.repeat(RobustBytes.of(IAC, NOP), 1_000_000), "after-nop");
                }
            });
            assertTrue(reply <= 8, "expected nothing sent back for " + attack + " (but for a few bytes of noise in the "
                    + "count), saw " + reply + " bytes");
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void aFloodOfAreYouThereGetsABoundedAnswer(String runtime, Transport transport) throws Exception {
        int count = 100_000;
        String attack = count + " IAC AYT";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            long reply = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    return replyTo(attacker, RobustBytes.repeat(RobustBytes.of(IAC, AYT), count), "after-ayt");
                }
            });
            assertTrue(reply > 0, "expected AYT answered at least once");
            assertTrue(reply <= 4096, "expected at most 4 KiB of answers to " + attack + " (each one is 2 bytes in and "
                    + "about 9 out: answers must be rate-limited), saw " + reply + " bytes");
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ endless lines (item 7)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void anEndlessLineAndAnEndlessEscapeSequenceAreCutAndTheSessionGoesOn(String runtime, Transport transport)
            throws Exception {
        int length = 2 << 20;
        String attack = "a line of 2 MiB, then an escape sequence of 1 MiB";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            long[] replies = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    byte[] line = new byte[length];
                    java.util.Arrays.fill(line, (byte) 'a');
                    long before = attacker.rawBytes();
                    attacker.send(RobustBytes.of(line, "\r\n"));
                    awaitAnswer(attacker, "after-line");
                    long lineReply = attacker.rawBytes() - before;
                    byte[] sequence = RobustBytes.repeat(RobustBytes.of("1;"), 1 << 19);
                    before = attacker.rawBytes();
                    attacker.send(RobustBytes.of(ESC, "[", sequence, "\r\n"));
                    awaitAnswer(attacker, "after-escape");
                    return new long[] {lineReply, attacker.rawBytes() - before};
                }
            });
            assertTrue(replies[0] <= length + 64 * 1024, "expected no more sent back than the line's length for a line "
                    + "of " + length + " bytes, saw " + replies[0]);
            assertTrue(replies[1] <= (1 << 20) + 64 * 1024, "expected no more sent back than the sequence's length "
                    + "for an escape sequence of 1 MiB, saw " + replies[1]);
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ invalid UTF-8, signed bytes (items 8, 16)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void invalidUtf8BecomesReplacementCharacters(String runtime, Transport transport) throws Exception {
        List<byte[]> invalid = List.of(
                RobustBytes.of(0xC0, 0x80), // overlong NUL
                RobustBytes.of(0xED, 0xA0, 0x80), // a surrogate
                RobustBytes.of(0x80), // a lone continuation byte
                RobustBytes.of(0xF8, 0x88, 0x80, 0x80, 0x80), // a 5-byte form
                RobustBytes.of(0xF4, 0x90, 0x80, 0x80), // beyond U+10FFFF
                RobustBytes.of(0xFE), // never valid
                RobustBytes.of(IAC, IAC), // data byte FF, never valid
                RobustBytes.of(0xE2, 0x82)); // truncated by the end of the word
        String attack = invalid.size() + " kinds of invalid UTF-8, then one at the end of the input";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    for (int i = 0; i < invalid.size(); i++) {
                        int from = attacker.position();
                        attacker.send(RobustBytes.of("echo a", invalid.get(i), "b\r\n"));
                        attacker.await(PROMPT, SYNC_BOUND);
                        String answer = RobustBytes.strictUtf8(attacker.dataFrom(from), "the answer");
                        assertTrue(answer.matches("a\uFFFD+b\r\n" + Pattern.quote(PROMPT)),
                                "expected 'a', U+FFFD and 'b' for invalid UTF-8 #" + i + ", saw " + quote(answer));
                    }
                    attacker.send(RobustBytes.of("echo z", 0xC3));
                    attacker.shutdownOutput();
                    assertTrue(attacker.awaitEnd(SYNC_BOUND), "expected the session to end after the input ended "
                            + "inside a UTF-8 character");
                    return null;
                }
            });
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void bytesWithTheHighBitSetAreDataAndUnknownCommandsAreDropped(String runtime, Transport transport)
            throws Exception {
        ByteArrayOutputStream high = new ByteArrayOutputStream();
        for (int b = 0x80; b <= 0xFE; b++) {
            high.write(b);
        }
        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        for (int b = 0x80; b < 0xEC; b++) {
            unknown.writeBytes(RobustBytes.of(IAC, b));
        }
        String attack = "every byte 80..FE as data, and IAC with each of 80..EB";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            String[] answers = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    int negotiations = attacker.negotiationsReceived();
                    int from = attacker.position();
                    attacker.send(RobustBytes.of("echo <", high.toByteArray(), ">\r\n"));
                    attacker.await(PROMPT, SYNC_BOUND);
                    String data = RobustBytes.strictUtf8(attacker.dataFrom(from), "the answer");
                    attacker.send(RobustBytes.of("echo p", unknown.toByteArray(), "q\r\n"));
                    String commands = attacker.await(PROMPT, SYNC_BOUND);
                    assertEquals(negotiations, attacker.negotiationsReceived(),
                            "expected no negotiation from the server in answer to data bytes 80..FE");
                    return new String[] {data, commands};
                }
            });
            assertTrue(answers[0].startsWith("<") && answers[0].endsWith(">\r\n" + PROMPT),
                    "expected the high bytes answered as one word between < and >, saw " + quote(answers[0]));
            assertEquals("pq\r\n", answers[1], "expected IAC 80..EB dropped as unknown commands");
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ controls and probes (item 9)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void controlSequencesFromTheClientAreNeverSentBack(String runtime, Transport transport) throws Exception {
        byte[] garbage = RobustBytes.of(
                ESC, "]0;pwned", 0x07, // OSC: set the window title
                ESC, "[2J", ESC, "[31m", // CSI: clear the screen, red
                ESC, "P1$qm", ESC, "\\", // DCS
                0x9B, "31m", // C1 CSI as a raw byte (not UTF-8)
                0xC2, 0x9B, "32m", // C1 CSI as UTF-8 (U+009B)
                0xC2, 0x90, // C1 DCS as UTF-8
                0x00, 0x1C, 0x1D, 0x1E, 0x1F, 0x07);
        String attack = "escape sequences and C1 controls in a command line";
        try (RobustRig rig = RobustRig.start(runtime, transport)) {
            byte[] reply = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = prompted(rig.connect())) {
                    int from = attacker.position();
                    attacker.send(RobustBytes.of("echo A", garbage, "B\r\n"));
                    attacker.await(PROMPT, SYNC_BOUND);
                    attacker.send(RobustBytes.of(garbage, "\r\n")); // as a command name: the error names it
                    attacker.await(PROMPT, SYNC_BOUND);
                    return attacker.dataFrom(from);
                }
            });
            RobustBytes.assertNoPlantedControls(reply, "the answers to " + attack);
            rig.assertBackToBaseline(attack);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virtual", "threaded"})
    void aTlsClientHelloOrAnHttpRequestOnThePlainPortIsNotSentBack(String runtime) throws Exception {
        byte[] hello = RobustTls.clientHello();
        byte[] http = RobustBytes.of("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: ", ESC, "[31mprobe\r\n\r\n");
        String attack = "a TLS ClientHello and an HTTP request on the plain port";
        try (RobustRig rig = RobustRig.start(runtime, Transport.PLAIN)) {
            byte[][] replies = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                byte[][] seen = new byte[2][];
                try (RobustClient attacker = prompted(rig.connect())) {
                    int from = attacker.position();
                    // IAC SE ends any subnegotiation the ClientHello's random bytes opened; once the server is
                    // quiet (at a prompt, or at a continuation prompt for a quote in the random bytes), Ctrl-C
                    // abandons whatever line it is reading.
                    attacker.send(RobustBytes.of(hello, "\r\n", IAC, SE, "\r\n"));
                    assertTrue(attacker.awaitQuiet(QUIET, SYNC_BOUND), "expected the answers to the ClientHello "
                            + "to end within " + SYNC_BOUND);
                    attacker.sendBytes(CTRL_C);
                    assertTrue(attacker.awaitQuiet(QUIET, SYNC_BOUND), "expected the answer to Ctrl-C within "
                            + SYNC_BOUND);
                    awaitAnswer(attacker, "after-hello");
                    seen[0] = attacker.dataFrom(from);
                }
                try (RobustClient attacker = prompted(rig.connect())) {
                    int from = attacker.position();
                    attacker.send(http);
                    awaitAnswer(attacker, "after-http");
                    seen[1] = attacker.dataFrom(from);
                }
                return seen;
            });
            RobustBytes.assertNoPlantedControls(replies[0], "the answers to a TLS ClientHello");
            RobustBytes.assertNoPlantedControls(replies[1], "the answers to an HTTP request");
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ environment injection (item 15)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void thousandsOfEnvironmentVariablesAreCappedAndUserNeverLogsIn(String runtime, Transport transport)
            throws Exception {
        int perMessage = 700; // about 6 KiB a message, within the subnegotiation bound
        int messages = 4;
        String attack = "NEW-ENVIRON with USER=-f root and " + perMessage * messages + " more variables";
        try (RobustRig rig = RobustRig.start(runtime, transport, () -> new RobustHandler(true),
                b -> b.session(SessionConfig.builder().loginFailureDelay(Duration.ofMillis(50)).build())
                        .negotiationWait(Duration.ofSeconds(1)).writeTimeout(Duration.ofSeconds(1)))) {
            String[] answers = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                try (RobustClient attacker = rig.connect(Set.of(NEW_ENVIRON))) {
                    attacker.send(RobustBytes.of(IAC, WILL, NEW_ENVIRON, IAC, SB, NEW_ENVIRON, 0,
                            0, "USER", 1, "-f root",
                            0, "CREDENTIALS_DIRECTORY", 1, "/tmp/evil",
                            0, "TERMCAP", 1, "xterm:ti=\\E[2J:",
                            0, "LD_PRELOAD", 1, "/tmp/evil.so", IAC, SE));
                    for (int m = 0; m < messages; m++) {
                        ByteArrayOutputStream list = new ByteArrayOutputStream();
                        for (int i = 0; i < perMessage; i++) {
                            list.writeBytes(RobustBytes.of(3, "V" + m + "-" + i, 1, "v"));
                        }
                        attacker.send(RobustBytes.of(IAC, SB, NEW_ENVIRON, 0, list.toByteArray(), IAC, SE));
                    }
                    ByteArrayOutputStream huge = new ByteArrayOutputStream();
                    for (int i = 0; i < 10_000; i++) {
                        huge.writeBytes(RobustBytes.of(3, "H" + i, 1, "v"));
                    }
                    attacker.send(RobustBytes.of(IAC, SB, NEW_ENVIRON, 0, huge.toByteArray(), IAC, SE));
                    attacker.await("Username: ", SYNC_BOUND);
                    attacker.line("-f root");
                    attacker.await("Password: ", SYNC_BOUND);
                    attacker.line("");
                    attacker.await("Login incorrect\r\n", SYNC_BOUND);
                    attacker.await("Username: ", SYNC_BOUND);
                    attacker.line(DemoHandler.USER);
                    attacker.await("Password: ", SYNC_BOUND);
                    attacker.line(DemoHandler.PASSWORD);
                    attacker.await(PROMPT, SYNC_BOUND);
                    return new String[] {attacker.command("env", SYNC_BOUND), attacker.command("info", SYNC_BOUND)};
                }
            });
            Matcher count = Pattern.compile("variables: (\\d+)").matcher(answers[0]);
            assertTrue(count.find(), "expected 'variables: N' in the answer to env, saw " + quote(answers[0]));
            int kept = Integer.parseInt(count.group(1));
            assertTrue(kept <= 4096 && kept < perMessage * messages, "expected the variable count capped (at most "
                    + "4096, fewer than the " + perMessage * messages + " sent), saw " + kept);
            assertTrue(answers[1].startsWith("user: admin\r\n"), "expected the user who logged in, not the USER "
                    + "variable; saw " + quote(answers[1]));
            rig.assertBackToBaseline(attack);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Waits for the first prompt of an attacker's session. */
    static RobustClient prompted(RobustClient client) {
        client.await(PROMPT, SYNC_BOUND);
        return client;
    }

    /**
     * Sends an attack between two {@code echo} commands, and checks that the second one is answered exactly.
     *
     * @return how many bytes the server sent back for the attack itself (the cost of an echo excluded)
     */
    private static long replyTo(RobustClient attacker, byte[] attack, String word) throws IOException {
        long echoCost = roundTrip(attacker, word + "-0");
        long before = attacker.rawBytes();
        attacker.send(attack);
        roundTrip(attacker, word + "-1");
        return attacker.rawBytes() - before - echoCost;
    }

    /**
     * Sends {@code echo word} and waits for its answer, which must be on a line of its own after a prompt.
     *
     * @return how many bytes the server sent until the prompt after the answer
     */
    private static long roundTrip(RobustClient attacker, String word) throws IOException {
        long before = attacker.rawBytes();
        attacker.line("echo " + word);
        String preceding = attacker.await(word + "\r\n" + PROMPT, SYNC_BOUND);
        assertTrue(preceding.isEmpty() || preceding.endsWith(PROMPT),
                "expected the answer to 'echo " + word + "' right after a prompt, saw " + quote(preceding));
        return attacker.rawBytes() - before;
    }

    /**
     * Sends {@code echo word} and waits for its answer on a prompt of its own (whatever the attack made the server
     * print before it).
     */
    private static void awaitAnswer(RobustClient attacker, String word) throws IOException {
        attacker.line("echo " + word);
        attacker.await(PROMPT + word + "\r\n" + PROMPT, SYNC_BOUND);
    }

    /** {@code rounds} times, for each of the 256 options: DO, DONT, WILL, WONT (each option ends refused). */
    private static byte[] storm(int rounds) {
        ByteArrayOutputStream round = new ByteArrayOutputStream();
        for (int option = 0; option < 256; option++) {
            round.writeBytes(RobustBytes.of(IAC, DO, option, IAC, DONT, option, IAC, WILL, option, IAC, WONT, option));
        }
        return RobustBytes.repeat(round.toByteArray(), rounds);
    }
}
