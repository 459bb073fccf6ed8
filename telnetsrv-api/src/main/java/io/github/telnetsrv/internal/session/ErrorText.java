package io.github.telnetsrv.internal.session;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where error text lies in a session's pending output, for a transport that sends it apart (an SSH channel's
 * stderr): the positions where the pending bytes switch between output and error text, and the writing of a chunk
 * over the two streams in order. Made only for such a transport; elsewhere error text is output like the rest.
 *
 * <p>Guarded by the session's lock, except {@link #write}, which runs on the thread writing the chunk it took.
 */
final class ErrorText {

    private final OutputStream err;
    /** The positions in the pending bytes where error text starts, then ends, then starts...; made on need. */
    private int[] switches;
    private int count;

    /**
     * @param err where error text goes
     */
    ErrorText(OutputStream err) {
        this.err = err;
    }

    /**
     * Under the lock: error text starts (or ends) at {@code at}, the pending bytes' size.
     *
     * @param error true where error text starts, false where it ends
     * @param at the position
     */
    void mark(boolean error, int at) {
        if (((count & 1) == 1) == error) {
            return;
        }
        if (count > 0 && switches[count - 1] == at) {
            count--; // nothing was appended since the last switch
            return;
        }
        if (switches == null) {
            switches = new int[4];
        } else if (count == switches.length) {
            switches = Arrays.copyOf(switches, count * 2);
        }
        switches[count++] = at;
    }

    /**
     * Under the lock, as the writer takes the pending bytes: their switches, which are then forgotten.
     *
     * @return the positions, or {@code null} when the bytes hold no error text
     */
    int[] take() {
        if (count == 0) {
            return null;
        }
        int[] taken = Arrays.copyOf(switches, count);
        count = 0;
        return taken;
    }

    /** Under the lock: the pending bytes were dropped, their switches with them. */
    void clear() {
        count = 0;
    }

    /**
     * Writes a chunk taken with its switches: the error text to the error output, the rest to {@code out}, in
     * order, each part flushed before the next so that the other stream's part cannot overtake it. Without the
     * lock.
     *
     * @param out the output
     * @param chunk the bytes
     * @param taken the chunk's switches, from {@link #take()}
     * @throws IOException if a write fails
     */
    void write(OutputStream out, byte[] chunk, int[] taken) throws IOException {
        int from = 0;
        boolean error = false;
        for (int at : taken) {
            part(error ? err : out, chunk, from, at);
            from = at;
            error = !error;
        }
        part(out, chunk, from, chunk.length);
    }

    private static void part(OutputStream to, byte[] chunk, int from, int end) throws IOException {
        if (end > from) {
            to.write(chunk, from, end - from);
            to.flush();
        }
    }
}
