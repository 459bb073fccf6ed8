package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Output encoding (checklist 1.4 and 1.5, output side). */
class TelnetEncoderTest {

    private static String encode(String notation) {
        byte[] src = Bytes.of(notation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TelnetEncoder.writeData(src, 0, src.length, out);
        return Bytes.hex(out.toByteArray());
    }

    @Test
    void data255IsDoubled() {
        assertEquals(Bytes.normalize("61 FF FF 62"), encode("61 FF 62"));
    }

    @Test
    void applicationOutputCannotInjectANegotiation() {
        byte[] src = Bytes.of("FF FC 01");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TelnetEncoder.writeData(src, 0, src.length, out);
        EngineFixture peer = new EngineFixture();
        peer.receive(Bytes.hex(out.toByteArray()));
        peer.assertLog("DATA FF FC 01");
    }

    @Test
    void crLfStaysCrLf() {
        assertEquals(Bytes.normalize("\"a\" 0D 0A"), encode("\"a\" 0D 0A"));
    }

    @Test
    void aLoneLfBecomesCrLfSoNoBareLfIsSent() {
        assertEquals(Bytes.normalize("\"a\" 0D 0A \"b\" 0D 0A"), encode("\"a\" 0A \"b\" 0A"));
    }

    @Test
    void aLoneCrBecomesCrNul() {
        assertEquals(Bytes.normalize("\"a\" 0D 00 \"b\" 0D 00"), encode("\"a\" 0D \"b\" 0D"));
    }

    @Test
    void writeDataHonoursTheRange() {
        byte[] src = Bytes.of("\"xx\" FF 0A \"yy\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TelnetEncoder.writeData(src, 2, 2, out);
        assertEquals("FF FF 0D 0A", Bytes.hex(out.toByteArray()));
        assertThrows(IndexOutOfBoundsException.class, () -> TelnetEncoder.writeData(src, 5, 2, out));
    }

    @Test
    void theArrayOverloadWritesTheSameBytes() {
        Random random = new Random(7);
        byte[] vocabulary = Bytes.of("FF 0D 0A 00 41 42 C3");
        for (int round = 0; round < 500; round++) {
            byte[] src = new byte[random.nextInt(40)];
            for (int i = 0; i < src.length; i++) {
                src[i] = vocabulary[random.nextInt(vocabulary.length)];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TelnetEncoder.writeData(src, 0, src.length, out);
            byte[] dst = new byte[TelnetEncoder.maxDataLength(src.length) + 3];
            int n = TelnetEncoder.writeData(src, 0, src.length, dst, 3);
            assertEquals(Bytes.hex(out.toByteArray()), Bytes.hex(dst, 3, n));
        }
    }

    @Test
    void theArrayOverloadRejectsATooSmallDestination() {
        byte[] src = Bytes.of("41 42");
        assertThrows(IndexOutOfBoundsException.class, () -> TelnetEncoder.writeData(src, 0, 2, new byte[3], 0));
    }

    @Test
    void encodedDataDecodesBackWithLineEndsAsCr() {
        byte[] src = Bytes.of("\"a\" FF 0D 0A \"b\" 0A \"c\" 0D \"d\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TelnetEncoder.writeData(src, 0, src.length, out);
        EngineFixture peer = new EngineFixture();
        peer.receiveByteByByte(Bytes.hex(out.toByteArray()));
        peer.assertLog("DATA \"a\" FF 0D \"b\" 0D \"c\" 0D \"d\"");
    }

    @Test
    void commandIsIacAndTheCode() {
        assertArrayEquals(Bytes.of("FF F9"), TelnetEncoder.command(TelnetCommand.GA));
        assertArrayEquals(Bytes.of("FF F1"), TelnetEncoder.command(TelnetCommand.NOP));
    }

    @Test
    void commandRejectsBytesThatAreNotTwoByteCommands() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelnetEncoder.command(TelnetCommand.WILL));
        assertEquals("command: WILL (expected: one of NOP, DM, BRK, IP, AO, AYT, EC, EL, GA)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TelnetEncoder.command(TelnetCommand.SE));
        assertThrows(IllegalArgumentException.class, () -> TelnetEncoder.command(TelnetCommand.IAC));
    }

    @Test
    void negotiationIsIacVerbOptionWithOption255NotDoubled() {
        assertArrayEquals(Bytes.of("FF FB 01"), TelnetEncoder.negotiation(TelnetCommand.WILL, 1));
        assertArrayEquals(Bytes.of("FF FE FF"), TelnetEncoder.negotiation(TelnetCommand.DONT, 255));
    }

    @Test
    void negotiationRejectsOtherVerbsAndBadOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelnetEncoder.negotiation(TelnetCommand.SB, 1));
        assertEquals("verb: SB (expected: one of WILL, WONT, DO, DONT)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TelnetEncoder.negotiation(TelnetCommand.DO, 300));
        assertEquals("option: 300 (expected: 0..255)", e.getMessage());
    }

    @Test
    void subnegotiationDoubles255InThePayload() {
        assertArrayEquals(Bytes.of("FF FA 1F 00 FF FF 00 18 FF F0"),
                TelnetEncoder.subnegotiation(TelnetOption.NAWS, Bytes.of("00 FF 00 18")));
    }

    @Test
    void anEncodedSubnegotiationDecodesBack() {
        byte[] naws = TelnetEncoder.subnegotiation(TelnetOption.NAWS, Bytes.of("FF FF FF FF"));
        EngineFixture peer = new EngineFixture();
        peer.engine.receive(naws, 0, naws.length);
        peer.assertLog("WARNING NAWS 65535x65535", "NAWS 1000x1000");
    }
}
