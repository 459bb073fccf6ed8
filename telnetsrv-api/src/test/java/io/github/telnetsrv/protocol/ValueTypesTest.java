package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** TelnetCommand and its codes, the subnegotiation codes, TelnetLimits and OptionPolicy. */
class ValueTypesTest {

    @Test
    void commandCodesAreTheRfc854Bytes() {
        int code = 240;
        for (TelnetCommand command : TelnetCommand.values()) {
            assertEquals(code++, command.code(), command.name());
        }
        assertEquals(246, TelnetCommand.AYT.code());
        assertEquals(255, TelnetCommand.IAC.code());
    }

    @Test
    void everyCommandHasItsCodeAsAConstantOfTheSameName() throws ReflectiveOperationException {
        Field[] fields = TelnetCommand.Codes.class.getFields();
        assertEquals(TelnetCommand.values().length, fields.length);
        for (Field field : fields) {
            assertTrue(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()),
                    field.getName());
            assertEquals(TelnetCommand.valueOf(field.getName()).code(), field.getInt(null), field.getName());
        }
    }

    @Test
    void subnegotiationCodesAreThoseOfRfc1091And1572() {
        assertEquals(0, TelnetOption.Subnegotiation.IS);
        assertEquals(1, TelnetOption.Subnegotiation.SEND);
        assertEquals(2, TelnetOption.Subnegotiation.INFO);
        assertEquals(0, TelnetOption.Subnegotiation.VAR);
        assertEquals(1, TelnetOption.Subnegotiation.VALUE);
        assertEquals(2, TelnetOption.Subnegotiation.ESC);
        assertEquals(3, TelnetOption.Subnegotiation.USERVAR);
    }

    @Test
    void commandOfFindsEveryCommandAndNullForOtherBytes() {
        for (TelnetCommand command : TelnetCommand.values()) {
            assertSame(command, TelnetCommand.of(command.code()));
        }
        assertNull(TelnetCommand.of(239));
        assertNull(TelnetCommand.of(3));
        assertNull(TelnetCommand.of(256));
        assertNull(TelnetCommand.of(-1));
    }

    @Test
    void defaultLimitsAreTheDocumentedOnes() {
        assertEquals(new TelnetLimits(8192, 64, 1000, 1000, 8), TelnetLimits.defaults());
    }

    @Test
    void everyLimitIsCheckedWithItsRange() {
        assertEquals("maxSubnegotiation: 0 (expected: 1..1048576)", assertThrows(IllegalArgumentException.class,
                () -> new TelnetLimits(0, 64, 1000, 1000, 8)).getMessage());
        assertEquals("maxEnvironmentVariables: -1 (expected: 0..4096)", assertThrows(IllegalArgumentException.class,
                () -> new TelnetLimits(8192, -1, 1000, 1000, 8)).getMessage());
        assertEquals("maxWidth: 65536 (expected: 1..65535)", assertThrows(IllegalArgumentException.class,
                () -> new TelnetLimits(8192, 64, 65536, 1000, 8)).getMessage());
        assertEquals("maxHeight: 0 (expected: 1..65535)", assertThrows(IllegalArgumentException.class,
                () -> new TelnetLimits(8192, 64, 1000, 0, 8)).getMessage());
        assertEquals("maxTerminalTypes: 0 (expected: 1..64)", assertThrows(IllegalArgumentException.class,
                () -> new TelnetLimits(8192, 64, 1000, 1000, 0)).getMessage());
    }

    @Test
    void defaultPolicyIsACharacterModeServer() {
        OptionPolicy policy = OptionPolicy.defaults();
        assertEquals(OptionPolicy.Stance.INITIATE, policy.local(TelnetOption.ECHO));
        assertEquals(OptionPolicy.Stance.INITIATE, policy.local(TelnetOption.SGA));
        assertEquals(OptionPolicy.Stance.ACCEPT, policy.local(TelnetOption.BINARY));
        assertEquals(OptionPolicy.Stance.ACCEPT, policy.local(TelnetOption.TIMING_MARK));
        assertEquals(OptionPolicy.Stance.REFUSE, policy.local(TelnetOption.NAWS));
        assertEquals(OptionPolicy.Stance.REFUSE, policy.remote(TelnetOption.ECHO));
        assertEquals(OptionPolicy.Stance.REFUSE, policy.remote(TelnetOption.LINEMODE));
        assertEquals(OptionPolicy.Stance.INITIATE, policy.remote(TelnetOption.TTYPE));
        assertEquals(OptionPolicy.Stance.INITIATE, policy.remote(TelnetOption.NAWS));
        assertEquals(OptionPolicy.Stance.INITIATE, policy.remote(TelnetOption.NEW_ENVIRON));
        assertEquals(OptionPolicy.Stance.ACCEPT, policy.remote(TelnetOption.BINARY));
    }

    @Test
    void policyWithersReturnAChangedCopy() {
        OptionPolicy defaults = OptionPolicy.defaults();
        OptionPolicy noEcho = defaults.withLocal(TelnetOption.ECHO, OptionPolicy.Stance.REFUSE);
        assertEquals(OptionPolicy.Stance.INITIATE, defaults.local(TelnetOption.ECHO));
        assertEquals(OptionPolicy.Stance.REFUSE, noEcho.local(TelnetOption.ECHO));
        assertNotEquals(defaults, noEcho);
        assertEquals(defaults, noEcho.withLocal(TelnetOption.ECHO, OptionPolicy.Stance.INITIATE));
        assertTrue(defaults.toString().contains("local ECHO=INITIATE"), defaults.toString());
    }

    @Test
    void policyNeverLetsTheServerAskTheClientToEcho() {
        assertEquals("remote ECHO: ACCEPT (expected: REFUSE; a server never asks the client to echo)",
                assertThrows(IllegalArgumentException.class,
                        () -> OptionPolicy.defaults().withRemote(TelnetOption.ECHO, OptionPolicy.Stance.ACCEPT)).getMessage());
    }

    @Test
    void policyNeverInitiatesTimingMark() {
        assertThrows(IllegalArgumentException.class,
                () -> OptionPolicy.defaults().withLocal(TelnetOption.TIMING_MARK, OptionPolicy.Stance.INITIATE));
        assertThrows(IllegalArgumentException.class,
                () -> OptionPolicy.defaults().withRemote(TelnetOption.TIMING_MARK, OptionPolicy.Stance.ACCEPT));
    }

    @Test
    void policyRejectsOptionsOutOfRange() {
        assertEquals("option: 256 (expected: 0..255)", assertThrows(IllegalArgumentException.class,
                () -> OptionPolicy.defaults().withLocal(256, OptionPolicy.Stance.ACCEPT)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptionPolicy.defaults().remote(-1));
    }

    @Test
    void refuseAllStartsWithNothingAndRefusesEverything() {
        EngineFixture nvt = new EngineFixture(TelnetLimits.defaults(), OptionPolicy.refuseAll());
        nvt.engine.start();
        nvt.receive("FF FD 01 FF FB 1F");
        nvt.assertLog("SEND FF FC 01", "SEND FF FE 1F");
    }

    @Test
    void engineRejectsNullArguments() {
        RecordingListener listener = new RecordingListener();
        assertThrows(NullPointerException.class, () -> new TelnetEngine(null, OptionPolicy.defaults(), listener));
        assertThrows(NullPointerException.class, () -> new TelnetEngine(TelnetLimits.defaults(), null, listener));
        assertThrows(NullPointerException.class, () -> new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), null));
    }
}
