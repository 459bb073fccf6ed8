package io.github.telnetsrv;

import static io.github.telnetsrv.RecordingHandler.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Typed commands in a session: conversion, the error line and usage, help, Tab completion with its context. */
class TypedCommandsTest {

    enum Level { DEBUG, INFO, WARN }

    static class TypedHandler extends RecordingHandler {
        final AtomicReference<Completion> lastCompletion = new AtomicReference<>();
        String unit = "km";

        @Command(value = "greet", help = """

                Greet someone
                Says hello to NAME, N times.
                """)
        void greet(@Option(value = "--times", defaultValue = "1", description = "how many times") int times,
                @Option(value = "--loud", description = "shout") boolean loud,
                @Param(name = "NAME", description = "who to greet") String name) {
            for (int i = 0; i < times; i++) {
                writeLine(loud ? ("Hello, " + name + "!").toUpperCase(java.util.Locale.ROOT) : "Hello, " + name + "!");
            }
        }

        @Command(value = "log", help = "\nLog words")
        void log(@Param(name = "LEVEL") Level level, @Option("--after") Duration after,
                @Param(name = "WORDS") List<String> words) {
            writeLine(level + " " + words + (after == null ? "" : " after " + after.toMillis() + " ms"));
        }

        @Command(value = "walk", help = "\nWalk a distance")
        void walk(@Param(name = "DISTANCE") Distance distance) {
            writeLine("walked " + distance);
        }

        @Converter("a distance such as 5km")
        Distance distance(String text) {
            if (!text.endsWith(unit)) {
                throw new IllegalArgumentException(text);
            }
            return new Distance(Integer.parseInt(text.substring(0, text.length() - unit.length())), unit);
        }

        @Override
        protected List<String> complete(Completion completion) {
            lastCompletion.set(completion);
            return super.complete(completion);
        }

        @Override
        protected List<String> completeArgument(String command, String word) {
            return "walk".equals(command)
                    ? List.of("5km", "10km").stream().filter(d -> d.startsWith(word)).toList() : List.of();
        }
    }

    record Distance(int amount, String unit) {
        @Override
        public String toString() {
            return amount + " " + unit;
        }
    }

    @Test
    void aTypedCommandGetsItsValuesConverted() {
        try (SessionRun run = SessionRun.start(new TypedHandler())) {
            run.client.awaitText(PROMPT).type("greet --times 2 --loud bob\r").awaitText("bob\r\n");
            assertEquals("HELLO, BOB!\r\nHELLO, BOB!\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("log warn --after 2s disk is full\r").awaitText("full\r\n");
            assertEquals("WARN [disk, is, full] after 2000 ms\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("walk 5km\r").awaitText("5km\r\n");
            assertEquals("walked 5 km\r\n" + PROMPT, run.client.textUntil(PROMPT), "the handler's own converter");
        }
    }

    @Test
    void aBadArgumentGetsOneLineNamingItThenTheUsageAndTheSessionGoesOn() {
        TypedHandler handler = new TypedHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("greet --times x bob\r").awaitText("bob\r\n");
            assertEquals("greet: --times: expected an integer, got 'x'\r\nUsage: greet [--times N] [--loud] NAME\r\n"
                    + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("greet\r").awaitText("greet\r\n");
            assertEquals("greet: missing NAME\r\nUsage: greet [--times N] [--loud] NAME\r\n" + PROMPT,
                    run.client.textUntil(PROMPT));
            run.client.type("log loud hi\r").awaitText("hi\r\n");
            assertEquals("log: LEVEL: expected one of debug, info, warn, got 'loud'\r\n"
                    + "Usage: log [--after AFTER] LEVEL [WORDS...]\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("walk 5mi\r").awaitText("5mi\r\n");
            assertEquals("walk: DISTANCE: expected a distance such as 5km, got '5mi'\r\nUsage: walk DISTANCE\r\n"
                    + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("greet ok\r").awaitText("Hello, ok!\r\n" + PROMPT);
            assertFalse(run.client.allText().contains("Exception"), "no stack trace for the user");
            assertEquals(0, handler.ends.get());
        }
    }

    @Test
    void helpShowsTheGeneratedUsageAndTheOptions() {
        try (SessionRun run = SessionRun.start(new TypedHandler())) {
            run.client.awaitText(PROMPT).type("help greet\r").awaitText("help greet\r\n");
            assertEquals("GREET [--times N] [--loud] NAME\r\n\r\nSays hello to NAME, N times.\r\n\r\nArguments:\r\n"
                    + "  NAME       who to greet\r\n\r\nOptions:\r\n  --times N  how many times (default: 1)\r\n"
                    + "  --loud     shout\r\n" + PROMPT, run.client.textUntil(PROMPT));
            run.client.type("help\r").awaitText("help\r\n");
            String summary = run.client.textUntil(PROMPT);
            assertFalse(summary.isEmpty());
            assertEquals(true, summary.contains("GREET [--times N] [--loud] NAME - Greet someone\r\n"), summary);
        }
    }

    @Test
    void tabCompletesOptionNamesAndEnumValuesAndTellsTheHookWhereTheWordStands() {
        TypedHandler handler = new TypedHandler();
        try (SessionRun run = SessionRun.start(handler)) {
            run.client.awaitText(PROMPT).type("greet --l\t").awaitText("greet --loud ");
            Completion option = handler.lastCompletion.get();
            assertEquals(new Completion("greet", 0, null, List.of(), "--l", List.of("--loud")), option);
            run.client.type("\u0015log w\t").awaitText("log warn ");
            run.client.type("--after \t");
            awaitCompletion(handler, "log", 2);
            assertEquals(new Completion("log", 2, "--after", List.of("warn", "--after"), "", List.of()),
                    handler.lastCompletion.get());
            run.client.type("\u0015walk 1\t").awaitText("walk 10km ");
            assertEquals(new Completion("walk", 0, null, List.of(), "1", List.of()), handler.lastCompletion.get(),
                    "no candidates from the declaration: completeArgument answered");
        }
    }

    private static void awaitCompletion(TypedHandler handler, String command, int index) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Completion c = handler.lastCompletion.get();
            if (c != null && c.command().equals(command) && c.argumentIndex() == index) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no completion for " + command + " argument " + index + ": " + c);
            }
            Thread.onSpinWait(); // the completion runs on the handler's thread; nothing else signals it
        }
    }
}
