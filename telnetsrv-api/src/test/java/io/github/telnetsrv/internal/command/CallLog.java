package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** A recording fake: handlers in tests write one entry per command call. */
final class CallLog {

    private final List<String> entries = new ArrayList<>();

    void record(String entry) {
        entries.add(entry);
    }

    void assertLog(String... expected) {
        assertEquals(List.of(expected), entries);
    }
}
