package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NAWS, TTYPE, NEW-ENVIRON and CHARSET (checklist 1.7, 1.8, 1.9, 1.19, 2.3, 2.15). */
class OptionHandlersTest {

    private static final String SEND_TTYPE = "SEND FF FA 18 01 FF F0";

    private final EngineFixture f = new EngineFixture();

    // NAWS

    @Test
    void nawsWithDoubled255IsWidth255() {
        f.receive("FF FA 1F 00 FF FF 00 18 FF F0");
        f.assertLog("NAWS 255x24");
        assertEquals(255, f.engine.width());
        assertEquals(24, f.engine.height());
    }

    @Test
    void nawsIsAcceptedWithoutAPriorWill() {
        f.receive("FF FA 1F 00 50 00 18 FF F0");
        f.assertLog("NAWS 80x24");
    }

    @Test
    void everyNawsUpdateIsReported() {
        f.receive("FF FB 1F FF FA 1F 00 50 00 18 FF F0");
        f.clear();
        f.receive("FF FA 1F 00 50 00 18 FF F0 FF FA 1F 00 64 00 28 FF F0");
        f.assertLog("NAWS 80x24", "NAWS 100x40");
        assertEquals(100, f.engine.width());
    }

    @Test
    void aResizeInTheMiddleOfALineKeepsTheLine() {
        f.receive("\"ec\" FF FA 1F 00 50 00 18 FF F0 \"ho\" 0D");
        f.assertLog("DATA \"ec\"", "NAWS 80x24", "DATA \"ho\" 0D");
    }

    @Test
    void absurdNawsSizesAreClampedToTheLimits() {
        EngineFixture limited = new EngineFixture(new TelnetLimits(8192, 64, 500, 200, 8));
        limited.receive("FF FA 1F 7F FF FF FF FF FF FF FF F0");
        limited.assertLog("WARNING NAWS 32767x65535 (expected: at most 500x200); clamped", "NAWS 500x200");
    }

    @Test
    void nawsZeroMeansUnknownAndStaysZero() {
        f.receive("FF FA 1F 00 00 00 18 FF F0");
        f.assertLog("NAWS 0x24");
        assertEquals(0, f.engine.width());
    }

    @Test
    void nawsOfThreeOrFiveBytesIsIgnored() {
        f.receive("FF FA 1F 00 50 00 FF F0 FF FA 1F 00 50 00 18 00 FF F0");
        f.assertLog("WARNING NAWS subnegotiation of 3 bytes (expected: 4); ignored",
                "WARNING NAWS subnegotiation of 5 bytes (expected: 4); ignored");
        assertEquals(0, f.engine.width());
    }

    @Test
    void nawsIsIgnoredWhenThePolicyRefusesIt() {
        EngineFixture refusing = new EngineFixture(TelnetLimits.defaults(),
                OptionPolicy.defaults().withRemote(TelnetOption.NAWS, OptionPolicy.Stance.REFUSE));
        refusing.receive("FF FA 1F 00 50 00 18 FF F0");
        refusing.assertLog("WARNING subnegotiation for NAWS, which is not enabled");
    }

    // TTYPE

    private void ttype(String name) {
        f.receive("FF FA 18 00 \"" + name + "\" FF F0");
    }

    private void enableTtype() {
        f.receive("FF FB 18");
        f.assertLogAndClear("SEND FF FD 18 FF FA 18 01 FF F0", "OPTION TTYPE remote on");
    }

    @Test
    void terminalTypeIsAskedForWhenTheClientAgrees() {
        f.engine.start();
        f.clear();
        f.receive("FF FB 18");
        f.assertLog(SEND_TTYPE, "OPTION TTYPE remote on");
        assertTrue(f.engine.negotiationPending());
        assertNull(f.engine.terminalType());
    }

    @Test
    void cyclingStopsWhenAReplyRepeatsThePreviousOne() {
        enableTtype();
        for (String name : new String[] {"ANSI", "VT100", "VT52", "VTNT"}) {
            ttype(name);
            f.assertLogAndClear(SEND_TTYPE);
        }
        ttype("VTNT");
        f.assertLog("TTYPE VTNT");
        assertEquals("VTNT", f.engine.terminalType());
        assertFalse(f.engine.negotiationPending());
    }

    @Test
    void cyclingStopsWhenTheFirstNameComesBackAndKeepsIt() {
        enableTtype();
        ttype("xterm");
        ttype("xterm-256color");
        ttype("vt100");
        f.clear();
        ttype("xterm");
        f.assertLog("TTYPE xterm");
    }

    @Test
    void anEmptyReplyEndsCyclingAndKeepsTheLastName() {
        enableTtype();
        ttype("linux");
        f.clear();
        ttype("");
        f.assertLog("TTYPE linux");
    }

    @Test
    void anyNameIsAcceptedEvenAnEmptyOne() {
        enableTtype();
        ttype("");
        f.assertLog("TTYPE ");
        assertEquals("", f.engine.terminalType());
    }

    @Test
    void aThirdReplyMttsMeansTheSecondNameIsTheTerminal() {
        enableTtype();
        ttype("MUDLET");
        ttype("XTERM-256COLOR");
        f.clear();
        ttype("MTTS 137");
        f.assertLog("TTYPE XTERM-256COLOR");
    }

    @Test
    void cyclingStopsAfterMaxTerminalTypesReplies() {
        EngineFixture two = new EngineFixture(new TelnetLimits(8192, 64, 1000, 1000, 2));
        two.receive("FF FB 18 FF FA 18 00 \"a\" FF F0 FF FA 18 00 \"b\" FF F0");
        two.assertLog("SEND FF FD 18 FF FA 18 01 FF F0", "OPTION TTYPE remote on", SEND_TTYPE, "TTYPE b");
    }

    @Test
    void namesCompareCaseInsensitivelyAndAreReportedAsReceived() {
        enableTtype();
        ttype("xterm");
        f.clear();
        ttype("XTERM");
        f.assertLog("TTYPE XTERM");
    }

    @Test
    void renegotiatingTtypeStartsANewCycle() {
        enableTtype();
        ttype("a");
        ttype("a");
        f.receive("FF FC 18 FF FB 18");
        f.clear();
        ttype("b");
        ttype("b");
        f.assertLog(SEND_TTYPE, "TTYPE b");
    }

    @Test
    void aClientThatStopsTtypeMidCycleKeepsWhatItSaid() {
        enableTtype();
        ttype("vt220");
        f.clear();
        f.receive("FF FC 18");
        f.assertLog("SEND FF FE 18", "TTYPE vt220", "OPTION TTYPE remote off");
        assertFalse(f.engine.negotiationPending());
    }

    @Test
    void clientSentTtypeSendIsIgnored() {
        enableTtype();
        f.receive("FF FA 18 01 FF F0");
        f.assertLog("WARNING TTYPE SEND from the client (expected: IS; only the server asks); ignored");
    }

    @Test
    void anUnaskedTtypeIsIsIgnored() {
        enableTtype();
        ttype("a");
        ttype("a");
        f.clear();
        ttype("b");
        f.assertLog("WARNING TTYPE IS without a SEND");
        assertEquals("a", f.engine.terminalType());
    }

    // NEW-ENVIRON

    private void enableEnviron() {
        f.receive("FF FB 27");
        f.assertLogAndClear("SEND FF FD 27 FF FA 27 01 FF F0", "OPTION NEW-ENVIRON remote on");
    }

    @Test
    void environSendAsksForAllVariablesWithoutNamingUser() {
        f.receive("FF FB 27");
        byte[] sent = f.listener.sent();
        assertEquals("FF FD 27 FF FA 27 01 FF F0", Bytes.hex(sent));
        assertTrue(sent.length <= 240);
        assertFalse(new String(sent, StandardCharsets.ISO_8859_1).contains("USER"));
        assertTrue(f.engine.negotiationPending());
    }

    @Test
    void environParsesVarValueEscAndUservar() {
        enableEnviron();
        f.receive("FF FA 27 00 00 \"USER\" 01 \"bob\" 03 \"X\" 01 \"a\" 02 00 \"b\" FF F0");
        f.assertLog("ENV USER=bob X=a\\x00b");
        assertEquals(Map.of("USER", "bob", "X", "a\0b"), f.engine.environment());
        assertFalse(f.engine.negotiationPending());
    }

    @Test
    void environWithATrailingEscIsRejected() {
        enableEnviron();
        f.receive("FF FA 27 00 00 \"A\" 01 \"b\" 02 FF F0");
        f.assertLog("WARNING NEW-ENVIRON IS: ESC at the end (expected: ESC and the byte it escapes); ignored");
        assertEquals(Map.of(), f.engine.environment());
    }

    @Test
    void environValueBeforeAnyVariableIsRejected() {
        enableEnviron();
        f.receive("FF FA 27 00 01 \"x\" FF F0");
        f.assertLog("WARNING NEW-ENVIRON IS: byte 01 before the first VAR or USERVAR; ignored");
    }

    @Test
    void environInfoUpdatesAndUndefines() {
        enableEnviron();
        f.receive("FF FA 27 00 00 \"A\" 01 \"1\" 00 \"B\" 01 \"2\" FF F0");
        f.clear();
        f.receive("FF FA 27 02 00 \"A\" 01 \"3\" 00 \"B\" FF F0");
        f.assertLog("ENV A=3");
    }

    @Test
    void environmentVariableCountIsCappedWithOneWarning() {
        EngineFixture capped = new EngineFixture(new TelnetLimits(8192, 1, 1000, 1000, 8));
        capped.receive("FF FB 27");
        capped.clear();
        capped.receive("FF FA 27 00 00 \"A\" 01 \"1\" 00 \"B\" 01 \"2\" 00 \"C\" 01 \"3\" FF F0");
        capped.receive("FF FA 27 02 00 \"D\" 01 \"4\" FF F0");
        capped.assertLog("WARNING more than 1 variables", "ENV A=1", "ENV A=1");
    }

    @Test
    void injectedEnvironmentValuesAreReportedVerbatimAsHints() {
        enableEnviron();
        f.receive("FF FA 27 00 00 \"USER\" 01 \"-f root\" 03 \"CREDENTIALS_DIRECTORY\" 01 \"/tmp\" FF F0");
        f.assertLog("ENV USER=-f\\x20root CREDENTIALS_DIRECTORY=/tmp");
        assertEquals("-f root", f.engine.environment().get("USER"));
    }

    @Test
    void theEnvironmentSnapshotIsUnmodifiable() {
        enableEnviron();
        f.receive("FF FA 27 00 00 \"A\" 01 \"1\" FF F0");
        Map<String, String> environment = f.engine.environment();
        assertThrows(UnsupportedOperationException.class, () -> environment.put("B", "2"));
        assertEquals(Map.of("A", "1"), environment);
    }

    @Test
    void clientSentEnvironSendIsIgnored() {
        enableEnviron();
        f.receive("FF FA 27 01 00 \"USER\" FF F0");
        f.assertLog("WARNING NEW-ENVIRON SEND from the client");
    }

    // CHARSET

    private void enableCharset() {
        f.receive("FF FB 2A");
        f.assertLogAndClear("SEND FF FD 2A", "OPTION CHARSET remote on");
    }

    @Test
    void charsetRequestOfferingUtf8IsAccepted() {
        enableCharset();
        f.receive("FF FA 2A 01 \";UTF-8;ISO-8859-1\" FF F0");
        f.assertLog("SEND FF FA 2A 02 \"UTF-8\" FF F0", "CHARSET UTF-8");
        assertEquals(StandardCharsets.UTF_8, f.engine.charset());
    }

    @Test
    void charsetRequestWithoutUtf8IsRejected() {
        enableCharset();
        f.receive("FF FA 2A 01 \";ISO-8859-1;CP437\" FF F0");
        f.assertLog("SEND FF FA 2A 03 FF F0");
        assertNull(f.engine.charset());
    }

    @Test
    void charsetRequestIsAnsweredWhenTheClientAskedUsToDoCharset() {
        f.receive("FF FD 2A FF FA 2A 01 \" utf-8\" FF F0");
        f.assertLog("SEND FF FB 2A", "OPTION CHARSET local on", "SEND FF FA 2A 02 \"utf-8\" FF F0", "CHARSET UTF-8");
    }

    @Test
    void charsetSubnegotiationWithoutNegotiationIsIgnored() {
        f.receive("FF FA 2A 01 \";UTF-8\" FF F0");
        f.assertLog("WARNING subnegotiation for CHARSET, which is not enabled");
    }

    @Test
    void unexpectedCharsetAcceptedIsIgnored() {
        enableCharset();
        f.receive("FF FA 2A 02 \"UTF-8\" FF F0");
        f.assertLog("WARNING CHARSET subcommand 2");
    }

    // other options

    @Test
    void subnegotiationsOfOtherEnabledOptionsGoToTheListener() {
        EngineFixture mud = new EngineFixture(TelnetLimits.defaults(),
                OptionPolicy.defaults().withRemote(201, OptionPolicy.Stance.ACCEPT));
        mud.receive("FF FB C9 FF FA C9 \"Core.Hello\" FF FF FF F0");
        mud.assertLog("SEND FF FD C9", "OPTION 201 remote on", "SB 201 " + Bytes.normalize("\"Core.Hello\" FF"));
    }
}
