package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.telnetsrv.transport.Transport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One command line run as an SSH exec channel runs it (no login, banner or prompt; the session ends after it with an
 * exit status), over a {@link TestClient} whose output is plain text.
 */
final class ExecRun {

    private ExecRun() {
    }

    /** What the command line gave: the exit status the session reported and everything it wrote. */
    record Result(int status, String output) {
    }

    /**
     * Runs {@code line} on {@code handler} and waits (bounded) for the session's end.
     *
     * @param handler a new handler
     * @param line the command line
     * @return the exit status and the output
     */
    static Result exec(TelnetHandler handler, String line) {
        TestClient client = new TestClient(TestClient.Kind.SILENT);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        TelnetSession session = TelnetSession.create(handler, client, SessionRun.CONFIG,
                task -> Thread.ofVirtual().start(task), events -> new ExecTransport(events, line, status));
        Thread reader = Thread.ofPlatform().name("test-exec-reader").start(session::run);
        try {
            int exit = status.get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            reader.join(TestClient.TIMEOUT);
            return new Result(exit, client.allText());
        } catch (Exception e) {
            client.hangUp();
            fail("the exec session did not end: " + TestClient.quote(client.allText()), e);
            return null;
        }
    }

    /** An exec channel without a PTY: text in and out as it is, the command line given, the status kept. */
    private static final class ExecTransport extends PlainTransport {
        private final String line;
        private final CompletableFuture<Integer> status;

        ExecTransport(Transport.Events events, String line, CompletableFuture<Integer> status) {
            super(events);
            this.line = line;
            this.status = status;
        }

        @Override
        public String execCommand() {
            return line;
        }

        @Override
        public void ended(int exit) {
            status.complete(exit);
        }
    }
}
