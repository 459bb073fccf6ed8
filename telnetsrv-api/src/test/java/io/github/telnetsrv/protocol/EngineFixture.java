package io.github.telnetsrv.protocol;

/** An engine wired to a {@link RecordingListener}, with input in {@link Bytes} notation. */
final class EngineFixture {

    final RecordingListener listener = new RecordingListener();
    final TelnetEngine engine;

    EngineFixture() {
        this(TelnetLimits.defaults(), OptionPolicy.defaults());
    }

    EngineFixture(TelnetLimits limits) {
        this(limits, OptionPolicy.defaults());
    }

    EngineFixture(TelnetLimits limits, OptionPolicy policy) {
        engine = new TelnetEngine(limits, policy, listener);
    }

    /** Feeds the bytes in one receive() call. */
    EngineFixture receive(String notation) {
        byte[] bytes = Bytes.of(notation);
        engine.receive(bytes, 0, bytes.length);
        return this;
    }

    /** Feeds the bytes one receive() call per byte. */
    EngineFixture receiveByteByByte(String notation) {
        byte[] bytes = Bytes.of(notation);
        for (int i = 0; i < bytes.length; i++) {
            engine.receive(bytes, i, 1);
        }
        return this;
    }

    void assertLog(String... expected) {
        listener.assertLog(expected);
    }

    void assertLogAndClear(String... expected) {
        listener.assertLogAndClear(expected);
    }

    void clear() {
        listener.clear();
    }
}
