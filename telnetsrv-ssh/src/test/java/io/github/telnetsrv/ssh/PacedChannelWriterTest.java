package io.github.telnetsrv.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.IoWriteFutureImpl;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.Test;

/** A channel's data packets: at most a few queued on the connection, the writer waits for the rest. */
class PacedChannelWriterTest {

    /** A channel whose packets stay queued until the test completes them. */
    private static final class QueuingChannel {
        final List<IoWriteFutureImpl> queued = new CopyOnWriteArrayList<>();
        volatile boolean open = true;
        final Channel channel = (Channel) Proxy.newProxyInstance(Channel.class.getClassLoader(),
                new Class<?>[] {Channel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "writePacket" -> {
                        IoWriteFutureImpl future = new IoWriteFutureImpl("packet", (ByteArrayBuffer) args[0]);
                        queued.add(future);
                        yield future;
                    }
                    case "isOpen" -> open;
                    case "getChannelId" -> 7L;
                    case "toString" -> "channel 7";
                    case "hashCode" -> 7;
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        void complete(int index) {
            queued.get(index).setValue(Boolean.TRUE);
        }
    }

    private static ByteArrayBuffer packet() {
        return new ByteArrayBuffer(new byte[] {1, 2, 3});
    }

    @Test
    void theWriterWaitsWhileTheMostPacketsAreQueuedAndGoesOnWhenOneIsWritten() throws Exception {
        QueuingChannel fake = new QueuingChannel();
        PacedChannelWriter writer = new PacedChannelWriter(fake.channel);
        for (int i = 0; i < PacedChannelWriter.MAX_IN_FLIGHT; i++) {
            writer.writeData(packet());
        }
        assertEquals(PacedChannelWriter.MAX_IN_FLIGHT, writer.inFlight());
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
            try {
                writer.writeData(packet());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> next.get(300, TimeUnit.MILLISECONDS),
                "the next packet waits while the most are queued");
        assertEquals(PacedChannelWriter.MAX_IN_FLIGHT, fake.queued.size());
        fake.complete(0);
        next.get(10, TimeUnit.SECONDS);
        assertEquals(PacedChannelWriter.MAX_IN_FLIGHT + 1, fake.queued.size());
        assertEquals(PacedChannelWriter.MAX_IN_FLIGHT, writer.inFlight());
    }

    @Test
    void aFailedWriteFreesItsPlaceToo() throws Exception {
        QueuingChannel fake = new QueuingChannel();
        PacedChannelWriter writer = new PacedChannelWriter(fake.channel);
        writer.writeData(packet());
        fake.queued.get(0).setValue(new IOException("connection reset"));
        assertEquals(0, writer.inFlight());
    }

    @Test
    void aWriterWaitingOnAChannelThatClosesFails() throws Exception {
        QueuingChannel fake = new QueuingChannel();
        PacedChannelWriter writer = new PacedChannelWriter(fake.channel);
        for (int i = 0; i < PacedChannelWriter.MAX_IN_FLIGHT; i++) {
            writer.writeData(packet());
        }
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
            try {
                writer.writeData(packet());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        fake.open = false; // closed with its packets still queued: they never complete
        Exception failure = assertThrows(Exception.class, () -> next.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof IllegalStateException, failure::toString);
        writer.close();
        assertFalse(writer.isOpen());
        assertThrows(IOException.class, () -> writer.writeData(packet()));
    }
}
