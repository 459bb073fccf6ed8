package io.github.telnetsrv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each session benchmark still works: set-up, a few calls of each benchmark method, tear-down, in-process (not JMH,
 * no figures). A benchmark whose answer never comes fails its await after 10 s; a line that produced more than the
 * awaited answer (a stray prompt) would show as bytes left over.
 */
class BenchmarksSmokeTest {

    private static final int CALLS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "ssh"})
    @Timeout(30)
    void sessionRoundTrip(String runtime) throws Exception {
        SessionRoundTripBenchmark bench = new SessionRoundTripBenchmark();
        bench.runtime = runtime;
        bench.setUp();
        try {
            for (int i = 0; i < CALLS; i++) {
                bench.roundTrip();
            }
            assertNothingLeft(bench.roundTrip());
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "ssh"})
    @Timeout(30)
    void sessionSetup(String runtime) throws Exception {
        SessionSetupBenchmark bench = new SessionSetupBenchmark();
        bench.runtime = runtime;
        bench.setUp();
        try {
            for (int i = 0; i < CALLS; i++) {
                bench.connectPromptClose();
            }
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    @Timeout(30)
    void lineEditor(String runtime) throws Exception {
        LineEditorBenchmark bench = new LineEditorBenchmark();
        bench.runtime = runtime;
        bench.setUp();
        try {
            for (int i = 0; i < CALLS; i++) {
                bench.typeLine();
                bench.pasteLine();
            }
            assertNothingLeft(bench.typeLine());
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded"})
    @Timeout(30)
    void commandDispatch(String runtime) throws Exception {
        CommandDispatchBenchmark bench = new CommandDispatchBenchmark();
        bench.runtime = runtime;
        bench.setUp();
        try {
            for (int i = 0; i < CALLS; i++) {
                bench.enterOnly();
                bench.echoQuoted();
                bench.greetTyped();
            }
            assertNothingLeft(bench.greetTyped());
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bare", "virtual", "threaded"})
    @Timeout(30)
    void idleMemory(String runtime) throws Exception {
        IdleMemoryBenchmark bench = new IdleMemoryBenchmark();
        bench.runtime = runtime;
        bench.sessions = 10;
        bench.setUp();
        try {
            IdleMemoryBenchmark.Memory memory = new IdleMemoryBenchmark.Memory();
            for (int i = 0; i < CALLS; i++) {
                bench.roundTrip(memory);
            }
            assertTrue(bench.heapPerSession > 0, "heap per session: " + bench.heapPerSession);
        } finally {
            bench.tearDown();
        }
    }

    /** Nothing more arrives after the awaited answer (Enter as CR LF is one Enter, not two). */
    private static void assertNothingLeft(Object client) throws Exception {
        Thread.sleep(100);
        assertEquals(0, ((WireClient) client).pending(), "bytes after the awaited answer");
    }
}
