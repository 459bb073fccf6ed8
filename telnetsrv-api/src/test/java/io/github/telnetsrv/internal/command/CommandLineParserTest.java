package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult;
import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult.Complete;
import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult.Incomplete;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineParserTest {

    private static void assertWords(String text, String... expected) {
        assertEquals(new Complete(List.of(expected)), CommandLineParser.parse(text), () -> "parsing " + text);
    }

    private static void assertIncomplete(String text) {
        assertEquals(new Incomplete(), CommandLineParser.parse(text), () -> "parsing " + text);
    }

    @Test
    void seedExampleQuotedSpacesStayInOneWord() {
        assertWords("echo 1  \"2    3\"", "echo", "1", "2    3");
    }

    @Test
    void seedExampleContinuesOverFourLines() {
        String line1 = "echo 1 \\";
        String line2 = "2 \"3";
        String line3 = "4\"  \"5\\";
        String line4 = "6\"";
        assertIncomplete(line1);
        assertIncomplete(String.join("\n", line1, line2));
        assertIncomplete(String.join("\n", line1, line2, line3));
        assertWords(String.join("\n", line1, line2, line3, line4), "echo", "1", "2", "3\n4", "56");
    }

    @Test
    void seedExampleEscapedSpaceJoinsWords() {
        assertWords("echo 1\\ 2", "echo", "1 2");
    }

    @Test
    void blankLineHasNoWords() {
        assertWords("");
        assertWords("   \t  ");
    }

    @Test
    void spacesAndTabsSeparateWords() {
        assertWords("  a\tb  \t c ", "a", "b", "c");
    }

    @Test
    void unquotedNewlineSeparatesWords() {
        assertWords("a\nb", "a", "b");
    }

    @Test
    void quotedPartsJoinTheTextAroundThem() {
        assertWords("a\"b c\"d", "ab cd");
        assertWords("x'y z'\"w\"", "xy zw");
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertWords("echo \"\" ''", "echo", "", "");
    }

    @Test
    void backslashOutsideQuotesMakesAnyCharacterLiteral() {
        assertWords("\\\"a\\' \\\\ \\x", "\"a'", "\\", "x");
    }

    @Test
    void backslashInDoubleQuotesEscapesOnlyQuoteBackslashDollarAndBacktick() {
        assertWords("\"\\\" \\\\ \\$ \\`\"", "\" \\ $ `");
    }

    @Test
    void backslashInDoubleQuotesIsKeptBeforeOtherCharacters() {
        assertWords("\"\\n\\a \\'\"", "\\n\\a \\'");
    }

    @Test
    void nothingIsSpecialInSingleQuotes() {
        assertWords("'a \\ \"b\" \\'", "a \\ \"b\" \\");
    }

    @Test
    void backslashNewlineOutsideQuotesIsRemoved() {
        assertWords("ab\\\ncd", "abcd");
        assertWords("echo \\\n", "echo");
    }

    @Test
    void backslashNewlineInDoubleQuotesIsRemoved() {
        assertWords("\"ab\\\ncd\"", "abcd");
    }

    @Test
    void backslashNewlineInSingleQuotesIsKept() {
        assertWords("'ab\\\ncd'", "ab\\\ncd");
    }

    @Test
    void newlineInQuotesIsKept() {
        assertWords("\"a\nb\" 'c\nd'", "a\nb", "c\nd");
    }

    @Test
    void trailingUnquotedBackslashIsIncomplete() {
        assertIncomplete("echo\\");
        assertIncomplete("\\");
    }

    @Test
    void unterminatedQuoteIsIncomplete() {
        assertIncomplete("echo \"abc");
        assertIncomplete("echo 'abc");
        assertIncomplete("echo \"abc\\\"");
        assertIncomplete("echo \"abc\n");
    }

    @Test
    void trailingBackslashInSingleQuotesIsLiteral() {
        assertWords("'a\\'", "a\\");
    }

    @Test
    void doubleQuoteInsideSingleQuotesDoesNotOpenAQuote() {
        assertWords("'\"' b", "\"", "b");
    }

    @Test
    void completeWordsAreUnmodifiable() {
        ParseResult result = CommandLineParser.parse("a b");
        List<String> words = ((Complete) result).words();
        assertEquals(List.of("a", "b"), words);
        assertThrows(UnsupportedOperationException.class, () -> words.add("c"));
    }
}
