package io.github.telnetsrv.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientFactsTest {

    @Test
    void realTerminalTypesAreKept() {
        for (String type : List.of("XTERM", "xterm-256color", "screen.xterm-256color", "VT100", "IBM-3278-2",
                "rxvt-unicode-256color", "DEC-VT220/ANSI", "x".repeat(ClientFacts.MAX_TERMINAL_TYPE))) {
            assertSame(type, ClientFacts.terminalType(type), type);
        }
    }

    @Test
    void aTerminalTypeWithAnEscapeSequenceIsNoTerminalType() {
        assertNull(ClientFacts.terminalType("xterm\u001b]0;pwned\u0007"));
        assertNull(ClientFacts.terminalType("xterm\u009b2J"));
        assertNull(ClientFacts.terminalType("vt100\r\n"));
    }

    @Test
    void aTerminalTypeOverFortyCharactersSpacesOrNonAsciiIsNoTerminalType() {
        assertNull(ClientFacts.terminalType("x".repeat(ClientFacts.MAX_TERMINAL_TYPE + 1)));
        assertNull(ClientFacts.terminalType("x".repeat(8192)));
        assertNull(ClientFacts.terminalType("vt 100"));
        assertNull(ClientFacts.terminalType("xterm\u00e9"));
        assertNull(ClientFacts.terminalType(""));
        assertNull(ClientFacts.terminalType(null));
    }

    @Test
    void aUserNameHasItsControlAndBidiCharactersReplacedAndKeepsTheRest() {
        assertEquals("guest\uFFFDtoor", ClientFacts.username("guest\u202Etoor"));
        assertEquals("bob\uFFFD\uFFFD127.0.0.1: logged in as root",
                ClientFacts.username("bob\r\n127.0.0.1: logged in as root"));
        assertEquals("\uFFFD[2J", ClientFacts.username("\u001b[2J"));
        String plain = "DOMAIN\\jürgen";
        assertSame(plain, ClientFacts.username(plain));
        assertNull(ClientFacts.username(null));
    }

    @Test
    void aCleanEnvironmentIsGivenAsItIs() {
        Map<String, String> env = Map.of("USER", "alice", "LANG", "en_US.UTF-8");
        assertSame(env, ClientFacts.environment(env));
    }

    @Test
    void environmentNamesAndValuesHaveTheirControlCharactersReplacedInTheSameOrder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("USER", "alice");
        env.put("ODD", "a\u0001b");
        env.put("TERM\u001b[2J", "vt100\u009b2J");
        env.put("X\u0001", "1");
        env.put("X\u0002", "2"); // the same name once replaced: the first one is kept
        Map<String, String> safe = ClientFacts.environment(env);
        assertEquals(List.of("USER", "ODD", "TERM\uFFFD[2J", "X\uFFFD"), List.copyOf(safe.keySet()));
        assertEquals("a\uFFFDb", safe.get("ODD"));
        assertEquals("vt100\uFFFD2J", safe.get("TERM\uFFFD[2J"));
        assertEquals("1", safe.get("X\uFFFD"));
    }
}
