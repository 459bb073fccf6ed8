package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.telnetsrv.test.junit.TestSessionExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The JUnit 5 extension: sessions for parameters, closed after the test, shown when the test fails. */
class TestSessionExtensionTest {

    /** The sessions the tests were given, checked once all have run. */
    private static final List<TestSession<?>> GIVEN = new ArrayList<>();

    @RegisterExtension
    final TestSessionExtension sessions = TestSessionExtension.of(MyHandler::new);

    @AfterAll
    static void everySessionWasClosedAfterItsTest() {
        assertEquals(3, GIVEN.size());
        for (TestSession<?> session : GIVEN) {
            assertTrue(session.closed(), session + " was not closed");
        }
    }

    @Test
    void aParameterGetsARunningSession(TestSession<MyHandler> session) {
        GIVEN.add(session);
        assertEquals(List.of("hi"), session.command("echo hi"));
        assertEquals(TestSession.Runtime.VIRTUAL, session.runtime());
    }

    @Test
    void eachParameterGetsASessionOfItsOwn(TestSession<MyHandler> first, TestSession<MyHandler> second) {
        GIVEN.add(first);
        GIVEN.add(second);
        assertNotSame(first.handler(), second.handler());
        first.command("echo one");
        assertEquals(List.of("   1  history"), second.command("history"));
    }

    @Test
    void aFailingTestShowsWhatItsSessionsShowed() {
        List<Throwable> failures = new ArrayList<>();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(FailingExample.class)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        Optional<Throwable> thrown = result.getThrowable();
                        if (test.isTest() && thrown.isPresent()) {
                            failures.add(thrown.get());
                        }
                    }
                });
        assertEquals(1, failures.size(), failures.toString());
        Throwable failure = failures.get(0);
        assertEquals("expected: <[wrong]> but was: <[right]>", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        String shown = failure.getSuppressed()[0].getMessage();
        assertTrue(shown.startsWith("TestSession[" + MyHandler.class.getName() + ", THREADED, MEMORY] at the failure:\n"
                + "transcript:\nWelcome to my server.\nTelnet Server> echo right\nright\nTelnet Server>\n"
                + "screen 80x24"), shown);
    }

    /** Run by the test above only (a nested class is not picked up by the build's test run). */
    static class FailingExample {
        @RegisterExtension
        final TestSessionExtension sessions = TestSessionExtension.withBuilder(
                () -> TestSession.builder(MyHandler::new).runtime(TestSession.Runtime.THREADED));

        @Test
        void expectsTheWrongOutput(TestSession<MyHandler> session) {
            assertEquals(List.of("wrong"), session.command("echo right"));
        }
    }
}
