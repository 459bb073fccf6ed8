package io.github.telnetsrv.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputDecoderTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Decodes the chunks one decode() call each, then ends the input. */
    private static String decode(String... hexChunks) {
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (String chunk : hexChunks) {
            byte[] bytes = hex(chunk);
            decoder.decode(bytes, 0, bytes.length, out);
        }
        decoder.endOfInput(out);
        return out.toString();
    }

    @Test
    void asciiPassesThrough() {
        assertEquals("ls -l\r", decode("6c 73 20 2d 6c 0d"));
    }

    @Test
    void aTwoByteCharacterSplitAcrossCallsIsOneCharacter() {
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        decoder.decode(hex("61 C3"), 0, 2, out);
        assertEquals("a", out.toString());
        decoder.decode(hex("A9 62"), 0, 2, out);
        assertEquals("aéb", out.toString());
    }

    @Test
    void aFourByteCharacterSplitAtEveryPointIsOneSurrogatePair() {
        String grinning = new String(Character.toChars(0x1F600));
        assertEquals(grinning, decode("F0", "9F", "98", "80"));
        assertEquals(grinning, decode("F0 9F", "98 80"));
        assertEquals(grinning, decode("F0 9F 98", "80"));
        assertEquals("x" + grinning + "y", decode("78 F0", "9F 98 80 79"));
    }

    @Test
    void anOffsetAndLengthSelectPartOfTheArray() {
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        decoder.decode(hex("FF 61 C3 A9 FF"), 1, 3, out);
        assertEquals("aé", out.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(new byte[2], 1, 2, out));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "C0 80, \uFFFD\uFFFD",            // overlong NUL
        "ED A0 80, \uFFFD",               // encoded surrogate: the JDK replaces the whole sequence once
        "80, \uFFFD",                     // lone continuation byte
        "61 80 62, a\uFFFDb",
        "FF, \uFFFD",                     // never valid in UTF-8
        "F4 90 80 80, \uFFFD\uFFFD\uFFFD\uFFFD", // beyond U+10FFFF
        "E2 82 41, \uFFFDA",              // sequence cut short by ASCII
    })
    void malformedInputBecomesReplacementCharacters(String hex, String expected) {
        assertEquals(expected, decode(hex));
    }

    @Test
    void malformedInputSplitAcrossCallsGivesTheSameReplacements() {
        assertEquals("\uFFFD", decode("ED", "A0", "80"));
        assertEquals("\uFFFDA", decode("E2 82", "41"));
    }

    @Test
    void aSequenceTruncatedAtEndOfInputIsOneReplacementCharacter() {
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        decoder.decode(hex("61 E2 82"), 0, 3, out);
        assertEquals("a", out.toString());
        decoder.endOfInput(out);
        assertEquals("a\uFFFD", out.toString());
    }

    @Test
    void theDecoderIsReusableAfterEndOfInput() {
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        decoder.decode(hex("C3"), 0, 1, out);
        decoder.endOfInput(out);
        decoder.decode(hex("C3 A9"), 0, 2, out);
        decoder.endOfInput(out);
        assertEquals("\uFFFDé", out.toString());
    }

    @Test
    void latin1MapsEveryByteToOneCharacter() {
        TextDecoder decoder = new TextDecoder(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        decoder.decode(hex("61 E9 FF"), 0, 3, out);
        assertEquals("aéÿ", out.toString());
    }

    @Test
    void asciiCharsetReplacesHighBytes() {
        TextDecoder decoder = new TextDecoder(StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder();
        decoder.decode(hex("61 E9 62"), 0, 3, out);
        assertEquals("a\uFFFDb", out.toString());
    }

    @Test
    void aCharsetThatIsNotAsciiCompatibleStillDecodes() {
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_16BE);
        StringBuilder out = new StringBuilder();
        decoder.decode(hex("00 61 00"), 0, 3, out);
        decoder.decode(hex("E9"), 0, 1, out);
        assertEquals("aé", out.toString());
    }

    @Test
    void longInputLargerThanTheInternalChunkDecodesCompletely() {
        String text = "é中".repeat(1000) + "x";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        decoder.decode(bytes, 0, bytes.length, out);
        assertEquals(text, out.toString());
    }

    @Property
    void anySplitOfAnyBytesDecodesLikeTheWhole(@ForAll @Size(max = 40) byte[] bytes,
            @ForAll @Size(max = 10) int[] cuts) {
        TextDecoder whole = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        whole.decode(bytes, 0, bytes.length, expected);
        whole.endOfInput(expected);

        TextDecoder split = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder actual = new StringBuilder();
        int at = 0;
        for (int cut : cuts) {
            int len = Math.floorMod(cut, bytes.length - at + 1);
            split.decode(bytes, at, len, actual);
            at += len;
        }
        split.decode(bytes, at, bytes.length - at, actual);
        split.endOfInput(actual);
        assertEquals(expected.toString(), actual.toString());
    }

    @Property
    void validTextSurvivesByteAtATimeDecoding(@ForAll String text) {
        String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        byte[] bytes = wellFormed.getBytes(StandardCharsets.UTF_8);
        TextDecoder decoder = new TextDecoder(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            decoder.decode(bytes, i, 1, out);
        }
        decoder.endOfInput(out);
        assertEquals(wellFormed, out.toString());
    }
}
