package io.github.telnetsrv.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz targets for the output side: whatever bytes an application writes, the encoded data holds no command and
 * no bare CR or LF, and a fresh engine decodes it back to the same data. The number of tries is
 * {@code jqwik.tries.default} (see {@code junit-platform.properties}; the README has the command for a long run).
 */
class EncoderFuzzTest {

    /** Bytes biased to the ones the encoder treats specially: IAC, CR, LF, NUL and the other command bytes. */
    @Provide
    Arbitrary<byte[]> data() {
        Arbitrary<Integer> one = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 255)),
                Tuple.of(3, Arbitraries.of(0xFF, 0x0D, 0x0A, 0x00)),
                Tuple.of(2, Arbitraries.integers().between(0xF0, 0xFE)));
        Arbitrary<List<Integer>> run = one.flatMap(b -> Arbitraries.integers().between(2, 300)
                .map(n -> java.util.Collections.nCopies(n, b)));
        return Arbitraries.frequencyOf(Tuple.of(12, one.map(List::of)), Tuple.of(1, run)).list().ofMaxSize(200)
                .map(lists -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    lists.forEach(list -> list.forEach(out::write));
                    return out.toByteArray();
                });
    }

    @Property
    void encodedDataDecodesBackToTheDataWithEachLineEndAsOneCrAndNothingElse(@ForAll("data") byte[] data,
            @ForAll @IntRange(max = 5) int before, @ForAll @IntRange(max = 5) int after,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 64) Integer> pieces) {
        byte[] src = surrounded(data, before, after);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TelnetEncoder.writeData(src, before, data.length, out);
        byte[] encoded = out.toByteArray();

        RecordingListener listener = new RecordingListener();
        TelnetEngine engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), listener);
        int at = 0;
        for (int i = 0; at < encoded.length; i++) {
            int n = pieces.isEmpty() ? encoded.length : Math.min(pieces.get(i % pieces.size()), encoded.length - at);
            engine.receive(encoded, at, n);
            at += n;
        }
        byte[] expected = lineEndsAsCr(data);
        assertEquals(expected.length == 0 ? List.of() : List.of("DATA " + Bytes.hex(expected)), listener.log(),
                "a fresh engine sees only data: no command, negotiation or warning");
    }

    @Property
    void encodedDataHoldsEvery255AsAPairAndNoBareCrOrLf(@ForAll("data") byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TelnetEncoder.writeData(data, 0, data.length, out);
        byte[] encoded = out.toByteArray();
        int i = 0;
        while (i < encoded.length) {
            int b = encoded[i] & 0xFF;
            if (b == 0xFF) {
                assertTrue(i + 1 < encoded.length && (encoded[i + 1] & 0xFF) == 0xFF, "an undoubled IAC at " + i);
                i += 2;
            } else if (b == 0x0D) {
                assertTrue(i + 1 < encoded.length && (encoded[i + 1] == 0x0A || encoded[i + 1] == 0x00),
                        "a CR not followed by LF or NUL at " + i);
                i += 2;
            } else {
                assertTrue(b != 0x0A, "a bare LF at " + i);
                i++;
            }
        }
        assertTrue(encoded.length <= TelnetEncoder.maxDataLength(data.length), encoded.length + " bytes");
    }

    @Property
    void bothWriteDataOverloadsWriteTheSameBytesAndTheArrayOneTouchesNothingOutsideItsRange(
            @ForAll("data") byte[] data, @ForAll @IntRange(max = 5) int before, @ForAll @IntRange(max = 5) int after,
            @ForAll @IntRange(max = 7) int dstOff) {
        byte[] src = surrounded(data, before, after);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TelnetEncoder.writeData(src, before, data.length, out);
        byte[] dst = new byte[dstOff + TelnetEncoder.maxDataLength(data.length) + 3];
        Arrays.fill(dst, (byte) 0x5A);
        int n = TelnetEncoder.writeData(src, before, data.length, dst, dstOff);
        assertArrayEquals(out.toByteArray(), Arrays.copyOfRange(dst, dstOff, dstOff + n));
        for (int i = 0; i < dst.length; i++) {
            if (i < dstOff || i >= dstOff + n) {
                assertEquals(0x5A, dst[i], "byte " + i + " outside the written range");
            }
        }
    }

    @Property
    void anEncodedSubnegotiationOfAnyPayloadDecodesBackToThatPayload(@ForAll("plainOption") int option,
            @ForAll("data") byte[] payload, @ForAll boolean byteByByte) {
        RecordingListener listener = new RecordingListener();
        OptionPolicy policy = OptionPolicy.refuseAll().withRemote(option, OptionPolicy.Stance.ACCEPT);
        TelnetLimits limits = new TelnetLimits(1 << 20, 64, 1000, 1000, 8);
        TelnetEngine engine = new TelnetEngine(limits, policy, listener);
        byte[] will = TelnetEncoder.negotiation(TelnetCommand.WILL, option);
        engine.receive(will, 0, will.length);
        listener.clear();
        byte[] encoded = TelnetEncoder.subnegotiation(option, payload);
        for (int at = 0; at < encoded.length; at += byteByByte ? 1 : encoded.length) {
            engine.receive(encoded, at, byteByByte ? 1 : encoded.length);
        }
        assertEquals(List.of(("SB " + option + " " + Bytes.hex(payload)).strip()), listener.log());
    }

    @Provide
    Arbitrary<Integer> plainOption() {
        return Arbitraries.of(0, 3, 5, 34, 200, 254, 255);
    }

    /** The data between {@code before} and {@code after} bytes of 0xFF, 0x0D and 0x0A, which must not be encoded. */
    private static byte[] surrounded(byte[] data, int before, int after) {
        byte[] src = new byte[before + data.length + after];
        byte[] noise = {(byte) 0xFF, 0x0D, 0x0A};
        for (int i = 0; i < src.length; i++) {
            src[i] = noise[i % noise.length];
        }
        System.arraycopy(data, 0, src, before, data.length);
        return src;
    }

    /** The data with CR LF, a lone CR and a lone LF each made one CR (NUL after CR is kept: the encoder sends CR NUL NUL). */
    private static byte[] lineEndsAsCr(byte[] data) {
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0x0D && i + 1 < data.length && data[i + 1] == 0x0A) {
                i++;
            }
            out.add(data[i] == 0x0A ? 0x0D : data[i]);
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i);
        }
        return bytes;
    }
}
