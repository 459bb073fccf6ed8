package io.github.telnetsrv.test.junit;

import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.test.TestSession;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit 5 extension that gives each test method parameter of type {@link TestSession} a session started from
 * a builder, and closes the test's sessions when the test is done (a session that does not end fails the test).
 * When a test fails, the transcript and screen of each of its sessions are added to the failure as a suppressed
 * exception, so a plain {@code assertEquals} on a command's output shows what the session showed.
 *
 * <pre>{@code
 * class MyHandlerTest {
 *     @RegisterExtension
 *     final TestSessionExtension sessions = TestSessionExtension.of(MyHandler::new);
 *
 *     @Test
 *     void echoesItsArguments(TestSession<MyHandler> session) {
 *         assertEquals(List.of("hello world"), session.command("echo hello world"));
 *     }
 * }
 * }</pre>
 *
 * <p>The sessions of one test are closed in the order they were made, on JUnit's thread. Thread-safe.
 */
@SuppressWarnings("exports") // JUnit is optional for the kit (requires static): whoever uses this has it
public final class TestSessionExtension implements ParameterResolver, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestSessionExtension.class);

    private final Supplier<? extends TestSession.Builder<?>> builders;

    private TestSessionExtension(Supplier<? extends TestSession.Builder<?>> builders) {
        this.builders = builders;
    }

    /**
     * Sessions of handlers made by a supplier, with the kit's defaults (virtual threads, an 80x24 xterm).
     *
     * @param handlers makes a new handler for each session
     * @return the extension
     */
    public static TestSessionExtension of(Supplier<? extends TelnetHandler> handlers) {
        Objects.requireNonNull(handlers, "handlers");
        return new TestSessionExtension(() -> TestSession.builder(handlers));
    }

    /**
     * Sessions started from builders, for settings other than the defaults:
     * {@code withBuilder(() -> TestSession.builder(MyHandler::new).runtime(TestSession.Runtime.THREADED))}.
     *
     * @param builders gives a builder for each session
     * @return the extension
     */
    public static TestSessionExtension withBuilder(Supplier<? extends TestSession.Builder<?>> builders) {
        return new TestSessionExtension(Objects.requireNonNull(builders, "builders"));
    }

    /**
     * Supports parameters declared as {@link TestSession}, with any type argument.
     *
     * @param parameter the parameter
     * @param context the test's context
     * @return true for a {@code TestSession} parameter
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestSession.class;
    }

    /**
     * Starts a session for the parameter; it is closed when the test is done.
     *
     * @param parameter the parameter
     * @param context the test's context
     * @return the running session
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestSession.Builder<?> builder = Objects.requireNonNull(builders.get(), "the builder supplier returned null");
        TestSession<?> session = builder.start();
        sessions(context).add(session);
        return session;
    }

    /**
     * Adds each session's transcript and screen to the test's failure, then rethrows it.
     *
     * @param context the test's context
     * @param failure what the test threw
     * @throws Throwable the failure, always
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (TestSession<?> session : sessions(context).list()) {
            failure.addSuppressed(new AssertionError(session + " at the failure:\ntranscript:\n"
                    + session.transcript() + "\n" + session.screen()));
        }
        throw failure;
    }

    private static Sessions sessions(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Sessions.class, key -> new Sessions(), Sessions.class);
    }

    /** The sessions of one test, closed with the test's store. */
    private static final class Sessions implements ExtensionContext.Store.CloseableResource {
        private final List<TestSession<?>> sessions = new CopyOnWriteArrayList<>();

        void add(TestSession<?> session) {
            sessions.add(session);
        }

        List<TestSession<?>> list() {
            return List.copyOf(sessions);
        }

        @Override
        public void close() {
            AssertionError failure = null;
            for (TestSession<?> session : list()) {
                try {
                    session.close();
                } catch (AssertionError e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
