package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;

class CommandLineParserPropertyTest {

    @Property(tries = 2000)
    void parserNeverThrowsOnArbitraryText(@ForAll String text) {
        assertNotNull(CommandLineParser.parse(text));
    }

    @Property(tries = 2000)
    void parserNeverThrowsOnTextMadeOfItsSpecialCharacters(
            @ForAll @Chars({' ', '\t', '\n', '\\', '"', '\'', '$', '`', 'a'}) @Size(max = 30) List<Character> chars) {
        String text = chars.stream().map(String::valueOf).collect(Collectors.joining());
        assertNotNull(CommandLineParser.parse(text));
    }

    @Property(tries = 1000)
    void singleQuotedWordsParseBackToThemselves(@ForAll @Size(max = 8) List<@CharRange(from = ' ', to = '~') String> words) {
        String line = words.stream().map(CommandLineParserPropertyTest::singleQuoted).collect(Collectors.joining(" "));
        assertEquals(new ParseResult.Complete(words), CommandLineParser.parse(line), line);
    }

    @Property(tries = 1000)
    void backslashEscapedWordsParseBackToThemselves(
            @ForAll @Size(max = 8) List<@CharRange(from = ' ', to = '~') String> words) {
        List<String> nonEmpty = words.stream().filter(word -> !word.isEmpty()).toList();
        String line = nonEmpty.stream().map(CommandLineParserPropertyTest::escaped).collect(Collectors.joining(" \t "));
        assertEquals(new ParseResult.Complete(nonEmpty), CommandLineParser.parse(line), line);
    }

    private static String singleQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String escaped(String word) {
        return word.chars().mapToObj(c -> "\\" + (char) c).collect(Collectors.joining());
    }
}
