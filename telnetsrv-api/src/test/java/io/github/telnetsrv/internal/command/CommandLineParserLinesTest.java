package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.telnetsrv.internal.command.CommandLineParser.ParseResult;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The incremental parse of a command and its continuation lines gives what a parse of the joined text gives. */
class CommandLineParserLinesTest {

    @Property(tries = 500)
    void feedingLinesOneByOneParsesLikeTheJoinedText(
            @ForAll @Size(min = 1, max = 6) List<@StringLength(max = 12) @Chars({' ', '\t', '\\', '\'', '"', '$', 'a',
                    'b'}) @CharRange(from = 'x', to = 'z') String> lines) {
        CommandLineParser.Lines parse = CommandLineParser.lines();
        ParseResult incremental = null;
        int fed = 0;
        for (String line : lines) {
            incremental = parse.add(line);
            fed++;
            String joined = String.join("\n", lines.subList(0, fed));
            assertEquals(CommandLineParser.parse(joined), incremental, () -> "lines " + lines.subList(0, 0));
            assertEquals(joined.length(), parse.length());
            if (incremental instanceof ParseResult.Complete) {
                break;
            }
        }
    }

    @Test
    void aQuoteOpenOverManyLinesIsCompletedByTheLineThatClosesIt() {
        CommandLineParser.Lines parse = CommandLineParser.lines();
        assertInstanceOf(ParseResult.Incomplete.class, parse.add("echo \"a\\"));
        assertInstanceOf(ParseResult.Incomplete.class, parse.add("b"));
        assertEquals(new ParseResult.Complete(List.of("echo", "ab\nc")), parse.add("c\""));
        assertThrows(IllegalStateException.class, () -> parse.add("more"));
    }
}
