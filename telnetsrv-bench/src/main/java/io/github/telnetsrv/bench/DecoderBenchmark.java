package io.github.telnetsrv.bench;

import static io.github.telnetsrv.protocol.TelnetCommand.Codes.IAC;
import static io.github.telnetsrv.protocol.TelnetCommand.Codes.NOP;

import io.github.telnetsrv.protocol.OptionPolicy;
import io.github.telnetsrv.protocol.TelnetCommand;
import io.github.telnetsrv.protocol.TelnetEngine;
import io.github.telnetsrv.protocol.TelnetLimits;
import io.github.telnetsrv.protocol.TelnetListener;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link TelnetEngine#receive} on 64 KiB of input. One operation is one input byte,
 * so the score in ops/s is bytes per second (1e9 ops/s = 1 GB/s).
 *
 * <ul>
 *   <li>{@code plainText}: ASCII lines of 78 characters ending in CR LF, the common case;</li>
 *   <li>{@code plainTextIn1KiBReads}: the same text fed in 1 KiB reads, as a socket delivers it;</li>
 *   <li>{@code iacDense}: every fourth byte starts an IAC sequence, alternating IAC IAC (data 255)
 *       and IAC NOP.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(DecoderBenchmark.SIZE)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecoderBenchmark {

    static final int SIZE = 64 * 1024;
    private static final int READ = 1024;

    private final byte[] plain = new byte[SIZE];
    private final byte[] dense = new byte[SIZE];
    private final Sink sink = new Sink();
    private TelnetEngine engine;

    /** Counts what the engine delivers, so that the work cannot be optimised away. */
    static final class Sink implements TelnetListener {
        long bytes;

        @Override
        public void onData(byte[] buf, int off, int len) {
            bytes += len;
        }

        @Override
        public void onSend(byte[] buf, int off, int len) {
            bytes += len;
        }

        @Override
        public void onCommand(TelnetCommand command) {
            bytes++;
        }
    }

    /** Builds the inputs and one engine that has negotiated nothing (data is decoded the same either way). */
    @Setup
    public void setUp() {
        byte[] line = "The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs.\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < SIZE; i++) {
            plain[i] = line[i % line.length];
        }
        for (int i = 0; i < SIZE; i += 4) {
            dense[i] = 'a';
            dense[i + 1] = 'b';
            dense[i + 2] = (byte) IAC;
            dense[i + 3] = (byte) ((i / 4) % 2 == 0 ? IAC : NOP);
        }
        engine = new TelnetEngine(TelnetLimits.defaults(), OptionPolicy.defaults(), sink);
    }

    /** 64 KiB of CR LF text in one receive. */
    @Benchmark
    public long plainText() {
        engine.receive(plain, 0, SIZE);
        return sink.bytes;
    }

    /** 64 KiB of CR LF text in 1 KiB receives. */
    @Benchmark
    public long plainTextIn1KiBReads() {
        for (int off = 0; off < SIZE; off += READ) {
            engine.receive(plain, off, READ);
        }
        return sink.bytes;
    }

    /** 64 KiB in which every fourth byte starts IAC IAC or IAC NOP. */
    @Benchmark
    public long iacDense() {
        engine.receive(dense, 0, SIZE);
        return sink.bytes;
    }
}
