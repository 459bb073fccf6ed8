package io.github.telnetsrv.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's terminal program: it receives what the session writes (over Telnet, answering the negotiation through
 * {@link ClientTelnet}; over the in-memory terminal, as it comes), keeps the text in a {@link Transcript}, and lets
 * the test wait for what it expects.
 *
 * <p>The await mark: each await that looks for text searches the plain text from the mark and, when it finds
 * what it looks for, moves the mark past it, so successive awaits walk forward through the output as a user
 * reading it would. Waiting is on a condition signalled by each write of the session, with a deadline.
 *
 * <p>Thread-safe: the session's threads write, the test thread reads and waits, under one lock. Bytes for the
 * session are put in its {@link Pipe} (whose lock is taken inside this one, never the other way round).
 */
final class ClientTerminal implements ClientTelnet.Peer {

    /** How much of the output a failure message quotes, at most (its end). */
    private static final int QUOTED_OUTPUT = 3000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Pipe toSession;
    /** The client's Telnet, or {@code null} over the in-memory terminal (the bytes are the text). */
    private final ClientTelnet telnet;
    private final Transcript transcript;
    private final OutputStream fromSession = new FromSession();
    private int mark;
    /** The session closed the connection: no more output will come. */
    private boolean disconnected;
    /** The session's run() returned and its handler threads are gone. */
    private boolean ended;

    /**
     * A client speaking Telnet, or not.
     *
     * @param telnet whether the session speaks Telnet; if not, what it writes is the text as it is and the
     *     terminal type, size and environment are the session's transport's business
     */
    ClientTerminal(Pipe toSession, Charset charset, int columns, int rows, String terminalType,
            Map<String, String> environment, boolean telnet) {
        this.toSession = toSession;
        this.transcript = new Transcript(charset, columns, rows);
        this.telnet = telnet ? new ClientTelnet(this, terminalType, environment, columns, rows) : null;
    }

    // ------------------------------------------------------------------ the session's side

    /** Where the session's output goes. */
    OutputStream fromSession() {
        return fromSession;
    }

    /** The session closed the connection. */
    void disconnected() {
        lock.lock();
        try {
            disconnected = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The session has ended: run() returned and the handler threads are gone. */
    void ended() {
        lock.lock();
        try {
            disconnected = true;
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void data(byte[] buf, int off, int len) {
        transcript.data(buf, off, len);
    }

    @Override
    public void send(byte[] bytes) {
        toSession.write(bytes);
    }

    private final class FromSession extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                if (disconnected) {
                    throw new IOException("connection closed");
                }
                if (telnet != null) {
                    telnet.receive(b, off, len);
                } else {
                    transcript.data(b, off, len);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    // ------------------------------------------------------------------ the test's side

    /** The window changed size: the screen takes the new size and, over Telnet, the session gets a NAWS. */
    void resize(int columns, int rows) {
        lock.lock();
        try {
            transcript.resize(columns, rows);
            if (telnet != null) {
                telnet.resize(columns, rows);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean disconnectedNow() {
        lock.lock();
        try {
            return disconnected;
        } finally {
            lock.unlock();
        }
    }

    boolean endedNow() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    String plain() {
        return read(() -> transcript.plain().toString());
    }

    String raw() {
        return read(transcript::raw);
    }

    String sinceMark() {
        return read(() -> transcript.plain().substring(mark));
    }

    List<String> lines() {
        return read(() -> transcript.lines().stream().map(Transcript.Line::text).toList());
    }

    String transcriptText() {
        return read(() -> {
            StringBuilder text = new StringBuilder();
            for (Transcript.Line line : transcript.lines()) {
                text.append(line.text()).append('\n');
            }
            return text.append(transcript.currentLine()).toString();
        });
    }

    Screen screen() {
        return read(transcript::screen);
    }

    // ------------------------------------------------------------------ waiting

    void awaitText(String text, Duration timeout) {
        await(() -> "text " + Quoting.quote(text), timeout, true, () -> {
            int at = transcript.plain().indexOf(text, mark);
            if (at < 0) {
                return null;
            }
            mark = at + text.length();
            return Boolean.TRUE;
        });
    }

    MatchResult awaitMatch(Pattern pattern, Duration timeout) {
        return await(() -> "a match for /" + pattern.pattern() + "/", timeout, true, () -> {
            StringBuilder plain = transcript.plain();
            Matcher matcher = pattern.matcher(plain);
            matcher.region(mark, plain.length()).useAnchoringBounds(false).useTransparentBounds(true);
            if (!matcher.find()) {
                return null;
            }
            mark = matcher.end();
            return matcher.toMatchResult();
        });
    }

    void awaitLine(String line, Duration timeout) {
        await(() -> "a line " + Quoting.quote(line), timeout, true, () -> {
            List<Transcript.Line> lines = transcript.lines();
            for (int i = firstLineEndingAfter(mark); i < lines.size(); i++) {
                if (lines.get(i).text().equals(line)) {
                    mark = lines.get(i).end();
                    return Boolean.TRUE;
                }
            }
            return null;
        });
    }

    List<String> awaitPrompt(String prompt, Duration timeout) {
        return await(() -> "the prompt " + Quoting.quote(prompt), timeout, true, () -> {
            int at = transcript.plain().indexOf(prompt, mark);
            if (at < 0) {
                return null;
            }
            List<String> printed = linesBetween(mark, at);
            mark = at + prompt.length();
            return printed;
        });
    }

    /**
     * Waits for the prompt with nothing typed after it, types the line, and waits for its echo and the next
     * prompt. To tell "nothing typed" from "typed but not echoed yet", it first waits until the session has read
     * all that was sent (its echo is then written).
     *
     * @return the lines printed between the command's own line and the next prompt
     */
    List<String> command(String line, byte[] bytes, String prompt, Duration timeout) {
        String idle = Quoting.lastLine(prompt).stripTrailing();
        String what = "the prompt " + Quoting.quote(prompt) + " with nothing typed after it, to type "
                + Quoting.quote(line);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!toSession.awaitReaderIdle(deadline)) { // never under this lock: the session could not write
                throw failure(what, "the session had not read what was typed before within "
                        + Quoting.duration(timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            AssertionError failure = failure(what, "the waiting thread was interrupted");
            failure.initCause(e);
            throw failure;
        }
        int start = await(() -> what, deadline, timeout, true, () -> {
            if (!transcript.currentLine().equals(idle)) {
                return null;
            }
            send(bytes);
            return transcript.plain().length();
        });
        String output = "the output of " + Quoting.quote(line) + " and the next prompt " + Quoting.quote(prompt);
        return await(() -> output, deadline, timeout, true, () -> {
            int first = firstLineEndingAfter(start);
            if (first == transcript.lines().size()) {
                return null; // the command's own line is not finished yet
            }
            int afterEcho = transcript.lines().get(first).end();
            int at = transcript.plain().indexOf(prompt, afterEcho);
            if (at < 0) {
                return null;
            }
            List<String> printed = linesBetween(afterEcho, at);
            mark = at + prompt.length();
            return printed;
        });
    }

    Screen awaitScreen(String what, Predicate<Screen> condition, Duration timeout) {
        return await(() -> what, timeout, true, () -> {
            Screen screen = transcript.screen();
            return condition.test(screen) ? screen : null;
        });
    }

    void awaitEnded(Duration timeout) {
        await(() -> "the session to end", timeout, false, () -> ended ? Boolean.TRUE : null);
    }

    /** Waits without failing; returns whether the session ended in time. */
    boolean waitForEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The failure for a test that wants to type into a session that has closed its connection. */
    AssertionError closedFailure(String action) {
        return read(() -> failure("to " + action, "the session had closed the connection"));
    }

    /** A failure message with the output since the mark and the screen. */
    AssertionError failure(String expected, String outcome) {
        lock.lock();
        try {
            String since = transcript.plain().substring(mark);
            if (since.length() > QUOTED_OUTPUT) {
                since = "..." + since.substring(since.length() - QUOTED_OUTPUT);
            }
            return new AssertionError("expected " + expected + ", but " + outcome + ".\n"
                    + "output since the last await (control sequences removed):\n" + Quoting.block(since) + "\n"
                    + transcript.screen());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code probe} under the lock each time the output changes until it returns non-null, the deadline
     * passes or (with {@code stopAtDisconnect}) the session has closed the connection and the probe still fails.
     */
    private <T> T await(Supplier<String> what, Duration timeout, boolean stopAtDisconnect, Supplier<T> probe) {
        return await(what, System.nanoTime() + timeout.toNanos(), timeout, stopAtDisconnect, probe);
    }

    /** As above, with a deadline set earlier; {@code timeout} is what the failure message names. */
    private <T> T await(Supplier<String> what, long deadline, Duration timeout, boolean stopAtDisconnect,
            Supplier<T> probe) {
        lock.lock();
        try {
            while (true) {
                T result = probe.get();
                if (result != null) {
                    return result;
                }
                if (stopAtDisconnect && disconnected) {
                    throw failure(what.get(), "the session closed the connection first");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failure(what.get(), "it did not come within " + Quoting.duration(timeout));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            AssertionError failure = failure(what.get(), "the waiting thread was interrupted");
            failure.initCause(e);
            throw failure;
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Supplier<T> reader) {
        lock.lock();
        try {
            return reader.get();
        } finally {
            lock.unlock();
        }
    }

    /** The index of the first finished line whose line feed lies after {@code position} in the plain text. */
    private int firstLineEndingAfter(int position) {
        List<Transcript.Line> lines = transcript.lines();
        int low = 0;
        int high = lines.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (lines.get(mid).end() > position) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** The finished lines whose line feed lies in {@code (from, to]} of the plain text. */
    private List<String> linesBetween(int from, int to) {
        List<String> between = new ArrayList<>();
        List<Transcript.Line> lines = transcript.lines();
        for (int i = firstLineEndingAfter(from); i < lines.size() && lines.get(i).end() <= to; i++) {
            between.add(lines.get(i).text());
        }
        return between;
    }
}
