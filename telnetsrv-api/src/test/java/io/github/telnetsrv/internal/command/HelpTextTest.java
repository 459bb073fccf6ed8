package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HelpTextTest {

    @Test
    void textBlockSplitsIntoParametersShortAndLongText() {
        assertEquals(new HelpText("<text to echo>", "Echo text back to the console.",
                        "This command simply echos the provided text\nback to the console."),
                HelpText.parse("""
                        <text to echo>
                        Echo text back to the console.
                        This command simply echos the provided text
                        back to the console.
                        """));
    }

    @Test
    void pythonStyleIndentedLinesAreTrimmed() {
        assertEquals(new HelpText("<text>", "Echo", "Long one\nLong two"),
                HelpText.parse("<text>\n        Echo\n        Long one\n        Long two\n        "));
    }

    @Test
    void blankParametersLineMeansNoParameters() {
        assertEquals(new HelpText("", "Exit", "Exit"), HelpText.parse("\nExit\n"));
        assertEquals(new HelpText("", "Exit", "Exit"), HelpText.parse("   \n   Exit"));
    }

    @Test
    void missingOrBlankLongTextIsTheShortText() {
        assertEquals("Short", HelpText.parse("p\nShort").longText());
        assertEquals("Short", HelpText.parse("p\nShort\n\n   \n").longText());
    }

    @Test
    void longTextKeepsRelativeIndentationAndInnerBlankLines() {
        assertEquals("Usage:\n  timer 5 hi\n\nDone.",
                HelpText.parse("p\nShort\n    Usage:\n      timer 5 hi\n\n    Done.   \n").longText());
    }

    @Test
    void longTextLosesLeadingAndTrailingBlankLines() {
        assertEquals("Body", HelpText.parse("p\nShort\n\n   Body\n\n").longText());
    }

    @Test
    void windowsLineEndingsSplitLikeNewlines() {
        assertEquals(new HelpText("p", "Short", "Long"), HelpText.parse("p\r\nShort\r\nLong\r\n"));
    }

    @Test
    void aSingleLineHasNoShortText() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> HelpText.parse("Echo"));
        assertEquals("help has no short text on line 1"
                + " (expected: line 0 = parameters, may be blank; line 1 = short text; lines 2+ = long text)",
                thrown.getMessage());
    }
}
