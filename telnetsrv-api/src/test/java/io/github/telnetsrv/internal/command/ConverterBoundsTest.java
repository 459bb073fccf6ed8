package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.Option;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conversion does bounded, linear work on any word, however long: a word can be a whole command line
 * ({@code maxCommandLength} allows 16 Mi characters). The timeouts are generous guards, not measurements: linear
 * work takes well under a second here, quadratic work on these words would take hours.
 */
class ConverterBoundsTest {

    /** As long as the longest command line a session may be set to take. */
    private static final int HUGE = 16 * 1024 * 1024;

    enum Size { SMALL, MEDIUM, LARGE }

    /** One option per built-in type, and an enum. */
    static class EveryType {
        @Command(value = "all", help = "\nTake every type")
        void all(@Option("--string") String string, @Option("--chars") CharSequence chars, @Option("--int") int i,
                @Option("--long") long l, @Option("--short") short s, @Option("--byte") byte b,
                @Option("--double") double d, @Option("--float") float f, @Option("--bigint") BigInteger bigInteger,
                @Option("--bigdec") BigDecimal bigDecimal, @Option("--bool") Boolean bool,
                @Option("--char") char c, @Option("--duration") Duration duration, @Option("--path") Path path,
                @Option("--file") File file, @Option("--uri") URI uri, @Option("--ip") InetAddress ip,
                @Option("--date") LocalDate date, @Option("--time") LocalTime time,
                @Option("--datetime") LocalDateTime dateTime, @Option("--instant") Instant instant,
                @Option("--uuid") UUID uuid, @Option("--charset") Charset charset, @Option("--size") Size size,
                @Option("-v") boolean verbose, @Option("-x") boolean extract) {
        }
    }

    private static final Signature ALL = CommandRegistry.of(EveryType.class).find("all").orElseThrow()
            .signature().orElseThrow();

    /** For each option: the piece a pathological word repeats, in the syntax of its type. */
    static Stream<Arguments> everyTypedOption() {
        return Stream.of(
                Arguments.of("--int", "1"), Arguments.of("--long", "1"), Arguments.of("--short", "1"),
                Arguments.of("--byte", "1"), Arguments.of("--double", "1"), Arguments.of("--float", "1"),
                Arguments.of("--bigint", "1"), Arguments.of("--bigdec", "1"), Arguments.of("--bool", "t"),
                Arguments.of("--char", "c"), Arguments.of("--duration", "1"), Arguments.of("--path", "a/"),
                Arguments.of("--file", "a/"), Arguments.of("--uri", "a/"), Arguments.of("--ip", "1:"),
                Arguments.of("--date", "1"), Arguments.of("--time", "1"), Arguments.of("--datetime", "1"),
                Arguments.of("--instant", "1"), Arguments.of("--uuid", "1-"), Arguments.of("--charset", "a"),
                Arguments.of("--size", "s"));
    }

    @ParameterizedTest
    @MethodSource("everyTypedOption")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWordAsLongAsTheLongestCommandLineIsRefusedWithTheUsualOneLineError(String option, String piece) {
        String word = piece.repeat(HUGE / piece.length()) + "x";
        ArgumentException e = assertThrows(ArgumentException.class,
                () -> ALL.bind(new EveryType(), List.of(option + "=" + word)));
        String message = e.getMessage();
        assertTrue(message.startsWith(option + ": expected "), message);
        assertTrue(message.endsWith(", got " + word.length() + " characters (at most "
                + boundOf(option) + ")"), message);
        assertFalse(message.contains("\n"), "one line");
        assertTrue(message.length() < 200, "a short line: " + message.length() + " characters");
    }

    @ParameterizedTest
    @MethodSource("everyTypedOption")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPathologicalWordWithinTheBoundConvertsOrFailsWithAShortLine(String option, String piece) {
        int bound = boundOf(option);
        for (String word : List.of(piece.repeat(bound / piece.length()),
                piece.repeat((bound - 1) / piece.length()) + "x")) {
            try {
                ALL.bind(new EveryType(), List.of(option + "=" + word));
            } catch (ArgumentException e) {
                assertTrue(e.getMessage().startsWith(option + ": expected "), e.getMessage());
                assertTrue(e.getMessage().length() < 200, e.getMessage());
            }
        }
    }

    private static int boundOf(String option) {
        Converters converters = Converters.of(EveryType.class, m -> true);
        for (ParamSpec spec : SignatureReader.read(allMethod(), converters, EveryType.class, m -> true)) {
            if (spec.optionNames().contains(option)) {
                return spec.conversion().maxLength();
            }
        }
        throw new AssertionError(option);
    }

    private static java.lang.reflect.Method allMethod() {
        for (java.lang.reflect.Method method : EveryType.class.getDeclaredMethods()) {
            if (method.getName().equals("all")) {
                return method;
            }
        }
        throw new AssertionError("all");
    }

    @Test
    void theBoundsAreWhatTheTypesNeed() {
        assertEquals(Converters.NUMBER_LENGTH, boundOf("--int"));
        assertEquals(Converters.BIG_NUMBER_LENGTH, boundOf("--bigint"));
        assertEquals(Converters.SHORT_LENGTH, boundOf("--duration"));
        assertEquals(Converters.PATH_LENGTH, boundOf("--path"));
        assertEquals(Converters.URI_LENGTH, boundOf("--uri"));
        assertEquals("medium".length(), boundOf("--size"), "an enum: its longest constant");
        assertEquals(Integer.MAX_VALUE, Converters.of(EveryType.class, m -> true).find(String.class).maxLength());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void textTakesAWordOfAnyLength() throws ArgumentException {
        String word = "y".repeat(HUGE);
        assertEquals(word, ALL.bind(new EveryType(), List.of("--string", word))[0]);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void durationsAreReadInOnePassOverTheWord() {
        // The regular expression searched again from each position: "111...1x" took time quadratic in its length.
        String digitsThenNoUnit = "1".repeat(HUGE) + "x";
        assertThrows(IllegalArgumentException.class, () -> Converters.duration(digitsThenNoUnit));
        assertEquals(Duration.ofSeconds(HUGE / 2), Converters.duration("1s".repeat(HUGE / 2)));
        assertThrows(IllegalArgumentException.class, () -> Converters.duration("1".repeat(20) + "s"),
                "more digits than a long has");
        assertThrows(IllegalArgumentException.class, () -> Converters.duration("9999999999999999999d"));
        assertThrows(IllegalArgumentException.class, () -> Converters.duration("999999999999999999d"),
                "too many days for a Duration");
        assertThrows(IllegalArgumentException.class, () -> Converters.duration("1h30"), "a number without a unit");
        assertThrows(IllegalArgumentException.class, () -> Converters.duration("h"));
        assertThrows(IllegalArgumentException.class, () -> Converters.duration("1\u0663s"), "ASCII digits only");
        assertEquals(Duration.ofMillis(1_001), Converters.duration("1S1MS"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRunOfCombinedFlagsAsLongAsACommandLineBindsInOnePass() throws ArgumentException {
        // Each flag of "-vxvx..." copied the rest of the word, and kept an entry per character.
        Object[] args = ALL.bind(new EveryType(), List.of("-" + "vx".repeat(HUGE / 2)));
        assertEquals(true, args[24]);
        assertEquals(true, args[25]);
    }

    @Test
    void anErrorQuotesAtMostTheStartOfALongWord() {
        String word = "q".repeat(HUGE);
        ArgumentException unknown = assertThrows(ArgumentException.class,
                () -> ALL.bind(new EveryType(), List.of("--" + word)));
        assertEquals("unknown option '--" + "q".repeat(Signature.QUOTED_LENGTH - 2) + "...' (" + (HUGE + 2)
                + " characters)", unknown.getMessage());
        assertEquals("'abc'", Signature.quoted("abc"));
        String emoji = "x".repeat(Signature.QUOTED_LENGTH - 1) + "\uD83D\uDE00" + "x";
        assertEquals("'" + "x".repeat(Signature.QUOTED_LENGTH - 1) + "...' (" + emoji.length() + " characters)",
                Signature.quoted(emoji), "never half a character");
    }

    @Test
    void theDefaultsOfEveryTypeStillConvert() throws ArgumentException {
        Object[] args = ALL.bind(new EveryType(), List.of("--int", "42", "--ip", "192.0.2.1", "--duration", "1h30m",
                "--size", "Medium", "--uuid", "123e4567-e89b-12d3-a456-426614174000", "--bigint",
                "1".repeat(Converters.BIG_NUMBER_LENGTH)));
        assertEquals(42, args[2]);
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, ((InetAddress) args[16]).getAddress());
        assertEquals(Duration.ofMinutes(90), args[12]);
        assertEquals(Size.MEDIUM, args[23]);
        assertEquals(new BigInteger("1".repeat(Converters.BIG_NUMBER_LENGTH)), args[8]);
    }
}
