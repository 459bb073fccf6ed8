package io.github.telnetsrv.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void plainTextIsLoggedAsItIs() {
        String name = "admin é 日本";
        assertSame(name, ClientText.forLog(name));
    }

    @Test
    void aNewlineCannotForgeALogLine() {
        assertEquals("bob\\n127.0.0.1: logged in over SSH as root",
                ClientText.forLog("bob\n127.0.0.1: logged in over SSH as root"));
    }

    @Test
    void terminalEscapesAndControlCharactersAreEscaped() {
        assertEquals("\\e[2J\\e]0;x\\u0007\\r\\t\\u0000\\u007f\\u009b",
                ClientText.forLog("\u001b[2J\u001b]0;x\u0007\r\t\u0000\u007f\u009b"));
    }

    @Test
    void aBackslashIsDoubledSoThatEveryEscapeIsTheServers() {
        assertEquals("a\\\\nb", ClientText.forLog("a\\nb"));
    }

    @Test
    void bidiControlsAndLineSeparatorsAreEscaped() {
        assertEquals("a\\u202eb\\u2028c\\u2066d", ClientText.forLog("a\u202eb\u2028c\u2066d"));
    }

    @Test
    void longTextIsCutSayingHowMuchWasLeftOut() {
        String logged = ClientText.forLog("x".repeat(10_000));
        assertEquals("x".repeat(ClientText.MAX_LOGGED) + "...(" + (10_000 - ClientText.MAX_LOGGED) + " more)", logged);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "x".repeat(ClientText.MAX_LOGGED - 1) + "\uD83D\uDE00" + "tail";
        String logged = ClientText.forLog(text);
        assertTrue(logged.startsWith("x".repeat(ClientText.MAX_LOGGED - 1) + "..."), logged);
    }

    @Test
    void nullIsLoggedAsNull() {
        assertEquals("null", ClientText.forLog(null));
    }

    @Test
    void printableTextHasEachControlCharacterReplacedAndKeepsBackslashesAndLength() {
        assertEquals("a\uFFFD[2J\uFFFDb\uFFFDc\\n", ClientText.printable("a\u001b[2J\u202eb\u0085c\\n"));
        String plain = "DOMAIN\\user é";
        assertSame(plain, ClientText.printable(plain));
        assertEquals(1000, ClientText.printable("\u0007".repeat(1000)).length());
    }
}
