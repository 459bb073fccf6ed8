package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult;
import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult.Complete;
import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult.Incomplete;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz targets for {@link CommandLineParser#parse}: text biased to the characters the parser treats specially,
 * words of any characters quoted every way Bash allows, and continuation lines. The number of tries is
 * {@code jqwik.tries.default} (see {@code junit-platform.properties}; the README has the command for a long run).
 */
class CommandLineParserFuzzTest {

    private static final String SPECIAL = " \t\n\\\"'$`";

    // ---------------------------------------------------------------------------------------------
    // Generators

    /** Text made mostly of the parser's special characters, some look-alikes and letters, up to a few thousand chars. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> one = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(chars(SPECIAL))),
                Tuple.of(3, Arbitraries.of(chars("ab-=;|&*?~#"))),
                Tuple.of(2, Arbitraries.of(chars("\r\f\u000b\u00a0\u2003\u2028\u0000\u001b\u00ff"))),
                Tuple.of(1, Arbitraries.of("\ud83d\ude00", "\ud83d", "\ude00", "\\\ud83d\ude00", "\"\\\ud83d\ude00\"")),
                Tuple.of(1, Arbitraries.chars().all().map(String::valueOf)));
        Arbitrary<String> run = Combinators.combine(Arbitraries.of(chars(SPECIAL)), Arbitraries.integers().between(2, 500))
                .as(String::repeat);
        return Arbitraries.frequencyOf(Tuple.of(30, one), Tuple.of(1, run)).list().ofMaxSize(200)
                .map(parts -> String.join("", parts));
    }

    /** A word of any characters, biased to the special ones; possibly empty. */
    @Provide
    Arbitrary<String> word() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(SPECIAL.toCharArray()).withChars("ab\r\u00a0".toCharArray()).ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of(" ", "\t", "\n", "  ", " \t\n ", "\n\n");
    }

    /** Letters and digits only: a word no quoting changes. */
    @Provide
    Arbitrary<String> plainWord() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8);
    }

    // ---------------------------------------------------------------------------------------------
    // Properties

    @Property
    void parseNeverThrowsAndACompleteResultHoldsNoMoreCharactersThanTheTextAndAtMostOneWordPerTwoCharacters(
            @ForAll("text") String text) {
        ParseResult result = CommandLineParser.parse(text);
        if (result instanceof Complete complete) {
            int characters = complete.words().stream().mapToInt(String::length).sum();
            assertTrue(characters <= text.length(), characters + " characters in the words of " + text.length());
            assertTrue(complete.words().size() <= (text.length() + 1) / 2,
                    complete.words().size() + " words from " + text.length() + " characters");
        } else {
            assertInstanceOf(Incomplete.class, result);
        }
        // The properties below that start from a complete text need the generator to make plenty of both.
        Statistics.label("complete").collect(result instanceof Complete);
        Statistics.label("complete").coverage(coverage -> {
            coverage.check(true).percentage(p -> p >= 20);
            coverage.check(false).percentage(p -> p >= 20);
        });
    }

    @Property
    void wellFormedTextGivesWellFormedWords(@ForAll("text") String text) {
        if (!wellFormed(text)) {
            return;
        }
        if (CommandLineParser.parse(text) instanceof Complete complete) {
            complete.words().forEach(word -> assertTrue(wellFormed(word), "an unpaired surrogate in " + word));
        }
    }

    @Property
    void anyWordsInSingleQuotesParseBackToThemselves(@ForAll @Size(max = 8) List<@net.jqwik.api.From("word") String> words,
            @ForAll("separator") String separator) {
        String line = words.stream().map(CommandLineParserFuzzTest::singleQuoted).collect(Collectors.joining(separator));
        assertEquals(new Complete(words), CommandLineParser.parse(line), line);
    }

    @Property
    void anyWordsInDoubleQuotesWithQuoteBackslashDollarAndBacktickEscapedParseBackToThemselves(
            @ForAll @Size(max = 8) List<@net.jqwik.api.From("word") String> words, @ForAll("separator") String separator) {
        String line = words.stream().map(CommandLineParserFuzzTest::doubleQuoted).collect(Collectors.joining(separator));
        assertEquals(new Complete(words), CommandLineParser.parse(line), line);
    }

    @Property
    void anyWordsQuotedPieceByPieceInMixedStylesParseBackToThemselves(
            @ForAll @Size(max = 6) List<@net.jqwik.api.From("word") String> words,
            @ForAll @Size(max = 60) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 3) Integer> styles,
            @ForAll("separator") String separator) {
        StringBuilder line = new StringBuilder();
        int k = 0;
        for (String word : words) {
            if (!line.isEmpty()) {
                line.append(separator);
            }
            if (word.isEmpty()) {
                line.append(k++ % 2 == 0 ? "''" : "\"\"");
                continue;
            }
            // Each piece of one to three characters is quoted in its own style; the pieces join into one word.
            for (int i = 0; i < word.length(); ) {
                int style = styles.isEmpty() ? 0 : styles.get(k++ % styles.size());
                int end = Math.min(word.length(), i + 1 + style % 3);
                String piece = word.substring(i, end);
                line.append(switch (style) {
                    case 0 -> singleQuoted(piece);
                    case 1 -> doubleQuoted(piece);
                    case 2 -> piece.indexOf('\n') >= 0 ? singleQuoted(piece) : backslashed(piece);
                    default -> piece.chars().allMatch(c -> SPECIAL.indexOf(c) < 0) ? piece : doubleQuoted(piece);
                });
                i = end;
            }
        }
        assertEquals(new Complete(words), CommandLineParser.parse(line.toString()), line.toString());
    }

    @Property
    void quotingTheWordsOfAnyCompleteParseGivesTheSameWordsAgain(@ForAll("text") String text) {
        if (CommandLineParser.parse(text) instanceof Complete complete) {
            String quoted = complete.words().stream().map(CommandLineParserFuzzTest::singleQuoted)
                    .collect(Collectors.joining(" "));
            assertEquals(complete, CommandLineParser.parse(quoted), quoted);
        }
    }

    @Property
    void textWithoutQuotesOrBackslashesSplitsOnSpacesTabsAndNewlinesOnly(@ForAll("text") String text) {
        String plain = text.replaceAll("[\"'\\\\]", "");
        List<String> expected = Arrays.stream(plain.split("[ \t\n]+")).filter(w -> !w.isEmpty()).toList();
        assertEquals(new Complete(expected), CommandLineParser.parse(plain), plain);
    }

    @Property
    void aLineEndingInsideSingleQuotesIsIncompleteAndAClosingQuoteCompletesItWithTheQuotedTextAsTheLastWord(
            @ForAll("text") String before, @ForAll("word") String quoted) {
        if (!(CommandLineParser.parse(before) instanceof Complete complete)) {
            return;
        }
        String inside = quoted.replace("'", "");
        String open = before + " '" + inside;
        assertEquals(new Incomplete(), CommandLineParser.parse(open), open);
        List<String> expected = new ArrayList<>(complete.words());
        expected.add(inside);
        assertEquals(new Complete(expected), CommandLineParser.parse(open + "'"), open + "'");
    }

    @Property
    void aLineEndingInsideDoubleQuotesIsIncompleteAndAClosingQuoteCompletesIt(@ForAll("text") String before,
            @ForAll("word") String quoted) {
        if (!(CommandLineParser.parse(before) instanceof Complete complete)) {
            return;
        }
        String inside = quoted.replace("\"", "").replace("\\", "");
        String open = before + " \"" + inside;
        assertEquals(new Incomplete(), CommandLineParser.parse(open), open);
        List<String> expected = new ArrayList<>(complete.words());
        expected.add(inside);
        assertEquals(new Complete(expected), CommandLineParser.parse(open + "\""), open + "\"");
    }

    @Property
    void aLineEndingInABackslashIsIncompleteAndTheWordGoesOnOnTheNextLine(@ForAll("text") String before,
            @ForAll("plainWord") String end, @ForAll @Size(min = 1, max = 5) List<@net.jqwik.api.From("plainWord") String> next) {
        if (!(CommandLineParser.parse(before) instanceof Complete complete)) {
            return;
        }
        String first = before + " " + end + "\\";
        assertEquals(new Incomplete(), CommandLineParser.parse(first), first);
        String joined = first + "\n" + String.join(" ", next);
        List<String> expected = new ArrayList<>(complete.words());
        expected.add(end + next.get(0));
        expected.addAll(next.subList(1, next.size()));
        assertEquals(new Complete(expected), CommandLineParser.parse(joined), joined);
    }

    // ---------------------------------------------------------------------------------------------
    // Quoting

    private static String singleQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** In double quotes, a backslash escapes " \ $ ` (and a newline, which is written as it is). */
    private static String doubleQuoted(String word) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : word.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** Every character after a backslash (not for newlines: a backslash newline joins lines). */
    private static String backslashed(String word) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            out.append('\\').append(c);
        }
        return out.toString();
    }

    private static List<String> chars(String s) {
        return s.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
