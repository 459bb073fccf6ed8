package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A session served on its own thread over a {@link TestClient}; closing it hangs up and waits for the end. */
public final class SessionRun implements AutoCloseable {

    /** Test settings: the defaults with a short negotiation wait (a silent client makes it elapse). */
    public static final SessionConfig CONFIG = SessionConfig.builder()
            .negotiationWait(Duration.ofMillis(300))
            .loginFailureDelay(Duration.ofMillis(10))
            .build();

    public final TestClient client;
    public final TelnetSession session;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private SessionRun(TelnetHandler handler, TestClient client, SessionConfig config) {
        if (config.loginThrottle() == CONFIG.loginThrottle()) {
            // Every test client has the same address: the failures of one test must not refuse the next one.
            config = config.toBuilder().loginThrottle(LoginThrottle.create()).build();
        }
        this.client = client;
        this.session = TelnetSession.create(handler, client, config);
        this.thread = Thread.ofPlatform().name("test-session-reader").unstarted(() -> {
            try {
                session.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
    }

    public static SessionRun start(TelnetHandler handler) {
        return new SessionRun(handler, new TestClient(TestClient.Kind.CHARACTER_MODE), CONFIG);
    }

    public static SessionRun start(TelnetHandler handler, TestClient client) {
        return new SessionRun(handler, client, CONFIG);
    }

    public static SessionRun start(TelnetHandler handler, TestClient client, SessionConfig config) {
        return new SessionRun(handler, client, config);
    }

    /** Waits for {@link TelnetSession#run()} to return (bounded) and rethrows what it threw. */
    public void awaitEnd() {
        try {
            thread.join(TestClient.TIMEOUT);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (thread.isAlive()) {
            fail("session did not end; transcript: " + TestClient.quote(client.allText()));
        }
        if (failure.get() != null) {
            throw new AssertionError("run() threw", failure.get());
        }
    }

    public boolean ended() {
        return !thread.isAlive();
    }

    @Override
    public void close() {
        client.hangUp();
        awaitEnd();
    }
}
