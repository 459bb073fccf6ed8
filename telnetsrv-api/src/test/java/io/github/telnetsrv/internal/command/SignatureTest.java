package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.CommandDeclarationException;
import io.github.telnetsrv.Converter;
import io.github.telnetsrv.Option;
import io.github.telnetsrv.Param;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed command parameters: binding, conversion, errors, usage, help and Tab's candidates. */
class SignatureTest {

    enum Colour { RED, GREEN, BLUE }

    record Point(int x, int y) {
    }

    static class Typed {
        String prefixSeen;

        @Command(value = "greet", help = "\nGreet someone")
        void greet(@Option(value = {"-t", "--times"}, defaultValue = "1", description = "how many times") int times,
                @Option(value = "--loud", description = "shout") boolean loud,
                @Param(name = "NAME", description = "who to greet") String name) {
        }

        @Command(value = "paint", help = "\nPaint points")
        void paint(@Param(name = "COLOUR") Colour colour, @Option("--tag") List<String> tags,
                @Option(value = "--wait", valueName = "TIME") Optional<Duration> wait,
                @Param(name = "POINTS") Point... points) {
        }

        @Command(value = "copy", help = "SRC [DST]\nCopy")
        void copy(@Param(name = "SRC", completer = "files") Path source,
                @Param(name = "DST", defaultValue = "out") Path target, @Option("-v") boolean verbose,
                @Option("-x") boolean extract, @Option(value = "-n", completer = "files") String count) {
        }

        @Command(value = "legacy", help = "\nUntyped")
        void legacy(List<String> params) {
        }

        @Converter("a point as X,Y")
        static Point point(String text) {
            String[] xy = text.split(",");
            if (xy.length != 2) {
                throw new IllegalArgumentException(text);
            }
            return new Point(Integer.parseInt(xy[0].strip()), Integer.parseInt(xy[1].strip()));
        }

        List<String> files(String prefix) {
            prefixSeen = prefix;
            return List.of("alpha.txt", "beta.txt", "alpine.md");
        }
    }

    private static final CommandRegistry REGISTRY = CommandRegistry.of(Typed.class);

    private static Signature signature(String command) {
        return REGISTRY.find(command).orElseThrow().signature().orElseThrow();
    }

    private static Object[] bind(String command, String... words) throws ArgumentException {
        return signature(command).bind(new Typed(), List.of(words));
    }

    private static String error(String command, String... words) {
        return assertThrows(ArgumentException.class, () -> bind(command, words)).getMessage();
    }

    @Test
    void optionsGoAnywhereInEveryForm() throws Exception {
        assertArrayEquals(new Object[] {1, false, "bob"}, bind("greet", "bob"));
        assertArrayEquals(new Object[] {3, true, "bob"}, bind("greet", "--times", "3", "--loud", "bob"));
        assertArrayEquals(new Object[] {3, true, "bob"}, bind("greet", "bob", "--times=3", "--loud"));
        assertArrayEquals(new Object[] {4, false, "bob"}, bind("greet", "-t4", "bob"));
        assertArrayEquals(new Object[] {5, false, "bob"}, bind("greet", "-t", "5", "bob"));
        assertArrayEquals(new Object[] {6, false, "bob"}, bind("greet", "-t=6", "bob"));
        assertArrayEquals(new Object[] {1, false, "bob"}, bind("greet", "--loud=false", "bob"));
        assertArrayEquals(new Object[] {1, false, "--loud"}, bind("greet", "--", "--loud"), "-- ends options");
        assertArrayEquals(new Object[] {1, false, "-5"}, bind("greet", "-5"), "a negative number is a word");
    }

    @Test
    void flagsCombineAndRepeatedOptionsCollect() throws Exception {
        Object[] args = bind("copy", "-vx", "a", "b");
        assertEquals(Path.of("a"), args[0]);
        assertEquals(Path.of("b"), args[1]);
        assertEquals(true, args[2]);
        assertEquals(true, args[3]);
        assertEquals(null, args[4], "an absent option without default is null");
        args = bind("paint", "red", "--tag", "a", "1,2", "--tag=b", "3, 4");
        assertEquals(Colour.RED, args[0]);
        assertEquals(List.of("a", "b"), args[1]);
        assertEquals(Optional.empty(), args[2]);
        assertArrayEquals(new Point[] {new Point(1, 2), new Point(3, 4)}, (Point[]) args[3]);
        args = bind("paint", "GREEN", "--wait", "1h30m");
        assertEquals(Optional.of(Duration.ofMinutes(90)), args[2]);
        assertArrayEquals(new Point[0], (Point[]) args[3], "the rest may be empty");
    }

    @Test
    void aDefaultFillsAnOptionalPositionalParameter() throws Exception {
        assertEquals(Path.of("out"), bind("copy", "src")[1]);
    }

    @Test
    void everyBadInputNamesTheParameterWhatWasExpectedAndWhatWasGiven() {
        assertEquals("--times: expected an integer, got 'x'", error("greet", "--times", "x", "bob"));
        assertEquals("-t: expected an integer, got 'x'", error("greet", "-tx", "bob"));
        assertEquals("missing NAME", error("greet"));
        assertEquals("missing NAME", error("greet", "--loud"));
        assertEquals("unexpected argument 'carol'", error("greet", "bob", "carol"));
        assertEquals("unknown option '--quiet'", error("greet", "--quiet", "bob"));
        assertEquals("unknown option '-q'", error("greet", "-q", "bob"));
        assertEquals("--times needs a value (N)", error("greet", "bob", "--times"));
        assertEquals("--times given twice (expected: once)", error("greet", "-t", "1", "--times", "2", "bob"));
        assertEquals("--loud: expected true or false (yes/no, on/off), got 'maybe'",
                error("greet", "--loud=maybe", "bob"));
        assertEquals("COLOUR: expected one of red, green, blue, got 'pink'", error("paint", "pink"));
        assertEquals("POINTS: expected a point as X,Y, got '1;2'", error("paint", "red", "1;2"));
        assertEquals("--wait: expected a duration such as 10s, 5m, 1h30m, 250ms or PT10S, got 'soon'",
                error("paint", "red", "--wait", "soon"));
    }

    @Test
    void theUsageIsGeneratedFromTheDeclarationUnlessLineZeroSaysIt() {
        assertEquals("[--times N] [--loud] NAME", signature("greet").usage());
        assertEquals("[--times N] [--loud] NAME", REGISTRY.find("greet").orElseThrow().parameters());
        assertEquals("[--tag TAG]... [--wait TIME] COLOUR [POINTS...]", signature("paint").usage());
        assertEquals("SRC [DST]", REGISTRY.find("copy").orElseThrow().parameters(), "line 0 kept");
        assertEquals("", REGISTRY.find("legacy").orElseThrow().parameters());
        assertTrue(REGISTRY.find("legacy").orElseThrow().signature().isEmpty());
    }

    @Test
    void helpListsTheArgumentsAndOptionsWithDescriptionsAndDefaults() {
        assertEquals(List.of("GREET [--times N] [--loud] NAME", "", "Greet someone", "", "Arguments:",
                "  NAME           who to greet", "", "Options:",
                "  -t, --times N  how many times (default: 1)", "  --loud         shout"),
                HelpFormatter.detail(REGISTRY, "greet"));
        assertTrue(HelpFormatter.summary(REGISTRY).contains("GREET [--times N] [--loud] NAME - Greet someone"));
    }

    @Test
    void tabOffersOptionNamesEnumConstantsAndNamedCompleters() throws Exception {
        Typed handler = new Typed();
        assertEquals(new Signature.Candidates(null, List.of("--times", "--loud")),
                signature("greet").complete(handler, List.of(), "--"));
        assertEquals(new Signature.Candidates(null, List.of("--loud")),
                signature("greet").complete(handler, List.of("bob"), "--l"));
        assertEquals(new Signature.Candidates(null, List.of("green")),
                signature("paint").complete(handler, List.of(), "g"));
        assertEquals(new Signature.Candidates(null, List.of("red", "green", "blue")),
                signature("paint").complete(handler, List.of(), ""));
        assertEquals(new Signature.Candidates(null, List.of("alpha.txt", "alpine.md")),
                signature("copy").complete(handler, List.of("-v"), "al"));
        assertEquals("al", handler.prefixSeen);
        assertEquals(new Signature.Candidates("-n", List.of("beta.txt")),
                signature("copy").complete(handler, List.of("a", "-n"), "b"), "an option's value");
        assertEquals("--times", signature("greet").complete(handler, List.of("--times"), "").option());
        assertEquals(new Signature.Candidates(null, List.of()),
                signature("greet").complete(handler, List.of("--times", "3"), ""), "NAME: no candidates");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10s|PT10S", "5m|PT5M", "1h30m|PT1H30M", "250ms|PT0.25S", "2d|PT48H", "90|PT1M30S", "PT3S|PT3S",
        "pt1m|PT1M"})
    void durationsReadTheWaysPeopleWriteThem(String word, String expected) {
        assertEquals(Duration.parse(expected), Converters.duration(word));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyBuiltInType() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(String.class, "x y", "x y", null),
                org.junit.jupiter.params.provider.Arguments.of(CharSequence.class, "x", "x", null),
                org.junit.jupiter.params.provider.Arguments.of(int.class, " 42", 42, "4.2"),
                org.junit.jupiter.params.provider.Arguments.of(Integer.class, "-7", -7, "99999999999"),
                org.junit.jupiter.params.provider.Arguments.of(long.class, "9999999999", 9999999999L, "x"),
                org.junit.jupiter.params.provider.Arguments.of(short.class, "300", (short) 300, "40000"),
                org.junit.jupiter.params.provider.Arguments.of(byte.class, "-128", (byte) -128, "128"),
                org.junit.jupiter.params.provider.Arguments.of(double.class, "2.5", 2.5, "Infinity"),
                org.junit.jupiter.params.provider.Arguments.of(float.class, "0.5", 0.5f, "one"),
                org.junit.jupiter.params.provider.Arguments.of(java.math.BigInteger.class, "12345678901234567890",
                        new java.math.BigInteger("12345678901234567890"), "1e3"),
                org.junit.jupiter.params.provider.Arguments.of(BigDecimal.class, "1e3", new BigDecimal("1e3"), "one"),
                org.junit.jupiter.params.provider.Arguments.of(boolean.class, "OFF", false, "maybe"),
                org.junit.jupiter.params.provider.Arguments.of(char.class, "é", 'é', ""),
                org.junit.jupiter.params.provider.Arguments.of(Duration.class, "1h30m", Duration.ofMinutes(90), "1x"),
                org.junit.jupiter.params.provider.Arguments.of(Path.class, "a/b", Path.of("a/b"), "a\u0000b"),
                org.junit.jupiter.params.provider.Arguments.of(java.io.File.class, "a", new java.io.File("a"),
                        "a\u0000b"),
                org.junit.jupiter.params.provider.Arguments.of(java.net.URI.class, "http://x/y",
                        java.net.URI.create("http://x/y"), "a b"),
                org.junit.jupiter.params.provider.Arguments.of(InetAddress.class, "::1",
                        ipv6Loopback(), "localhost"),
                org.junit.jupiter.params.provider.Arguments.of(LocalDate.class, "2024-02-29", LocalDate.of(2024, 2, 29),
                        "2023-02-29"),
                org.junit.jupiter.params.provider.Arguments.of(java.time.LocalTime.class, "13:45",
                        java.time.LocalTime.of(13, 45), "25:00"),
                org.junit.jupiter.params.provider.Arguments.of(java.time.LocalDateTime.class, "2024-01-31T13:45",
                        java.time.LocalDateTime.of(2024, 1, 31, 13, 45), "2024-01-31"),
                org.junit.jupiter.params.provider.Arguments.of(java.time.Instant.class, "2024-01-31T13:45:00Z",
                        java.time.Instant.parse("2024-01-31T13:45:00Z"), "yesterday"),
                org.junit.jupiter.params.provider.Arguments.of(java.util.UUID.class,
                        "123e4567-e89b-12d3-a456-426614174000",
                        java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "123"),
                org.junit.jupiter.params.provider.Arguments.of(java.nio.charset.Charset.class, "utf-8",
                        java.nio.charset.StandardCharsets.UTF_8, "no-such-charset"),
                org.junit.jupiter.params.provider.Arguments.of(Colour.class, "Blue", Colour.BLUE, "pink"));
    }

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("everyBuiltInType")
    void everyBuiltInTypeConvertsAGoodWordAndRefusesABadOne(Class<?> type, String good, Object value, String bad)
            throws Exception {
        Converters.Conversion conversion = Converters.of(Object.class, m -> true).find(type);
        assertEquals(value, conversion.convert(null, good));
        assertTrue(!conversion.expected().isBlank());
        if (bad != null) {
            assertThrows(Exception.class, () -> conversion.convert(null, bad), bad);
        }
    }

    @Test
    void theBuiltInTypesConvertAndRefuseWithWhatTheyExpect() throws Exception {
        Converters converters = Converters.of(Object.class, m -> true);
        assertEquals(42L, converters.find(long.class).convert(null, "42"));
        assertEquals(new BigDecimal("1.50"), converters.find(BigDecimal.class).convert(null, "1.50"));
        assertEquals('x', converters.find(char.class).convert(null, "x"));
        assertEquals(LocalDate.of(2024, 1, 31), converters.find(LocalDate.class).convert(null, "2024-01-31"));
        assertEquals(InetAddress.getByName("10.0.0.1"), converters.find(InetAddress.class).convert(null, "10.0.0.1"));
        assertEquals(true, converters.find(boolean.class).convert(null, "yes"));
        assertThrows(Exception.class, () -> converters.find(InetAddress.class).convert(null, "example.com"),
                "no DNS lookup on the session's thread");
        assertThrows(Exception.class, () -> converters.find(double.class).convert(null, "NaN"));
        assertThrows(Exception.class, () -> converters.find(char.class).convert(null, "xy"));
        assertThrows(Exception.class, () -> converters.find(byte.class).convert(null, "300"));
        assertEquals("an integer from -128 to 127", converters.find(byte.class).expected());
        assertEquals(null, converters.find(Thread.class));
    }

    static class BadDefault {
        @Command(value = "x", help = "\nX")
        void x(@Option(value = "--n", defaultValue = "many") int n) {
        }
    }

    static class DuplicateOption {
        @Command(value = "x", help = "\nX")
        void x(@Option("--n") int n, @Option({"-m", "--n"}) int m) {
        }
    }

    static class BadOptionName {
        @Command(value = "x", help = "\nX")
        void x(@Option("count") int n) {
        }
    }

    static class RequiredAfterOptional {
        @Command(value = "x", help = "\nX")
        void x(@Param(defaultValue = "1") int a, int b) {
        }
    }

    static class MissingCompleter {
        @Command(value = "x", help = "\nX")
        void x(@Param(completer = "nowhere") String a) {
        }
    }

    static class TwoConverters {
        @Converter("a point")
        static Point one(String text) {
            return null;
        }

        @Converter("a point")
        static Point two(String text) {
            return null;
        }
    }

    static class BadConverter {
        @Converter("a point")
        static Point point(int x) {
            return null;
        }
    }

    @Test
    void declarationMistakesFailAtRegistrationNamingTheMethod() {
        assertMistake(BadDefault.class, "parameter 1 (int): default 'many' (expected: an integer)");
        assertMistake(DuplicateOption.class, "parameter 2 (int): option name --n given twice");
        assertMistake(BadOptionName.class, "option name 'count' (expected: -x");
        assertMistake(RequiredAfterOptional.class, "parameter 2 (int): a required parameter after an optional one");
        assertMistake(MissingCompleter.class, "completer 'nowhere' not found");
        assertMistake(TwoConverters.class, "both convert to " + Point.class.getName());
        assertMistake(BadConverter.class, "a converter takes one String");
    }

    private static void assertMistake(Class<?> handlerClass, String part) {
        CommandDeclarationException e = assertThrows(CommandDeclarationException.class,
                () -> CommandRegistry.of(handlerClass));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().startsWith(handlerClass.getName() + "."), e.getMessage());
    }
}
