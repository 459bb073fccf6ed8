package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.internal.command.SeedHandlers.BuiltIns;
import io.github.telnetsrv.internal.command.SeedHandlers.SeedHandler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandRegistryTest {

    private static CommandInfo find(Class<?> handlerClass, String name) {
        return CommandRegistry.of(handlerClass).find(name).orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void seedHandlerHasEveryNameUpperCaseInAsciiOrder() {
        assertEquals(List.of("?", "BYE", "ECHO", "EXIT", "HELP", "LOGOUT", "QUIT"),
                List.copyOf(CommandRegistry.of(SeedHandler.class).names()));
    }

    @Test
    void seedEchoCarriesItsHelpText() {
        CommandInfo echo = find(SeedHandler.class, "echo");
        assertEquals("ECHO", echo.name());
        assertEquals(List.of("ECHO"), echo.names());
        assertEquals("<text to echo>", echo.parameters());
        assertEquals("Echo text back to the console.", echo.shortText());
        assertEquals("This command simply echos the provided text\nback to the console.", echo.longText());
        assertFalse(echo.hidden());
    }

    @Test
    void namesAreFoundIgnoringCase() {
        CommandRegistry registry = CommandRegistry.of(SeedHandler.class);
        CommandInfo echo = find(SeedHandler.class, "ECHO");
        assertSame(echo, registry.find("echo").orElseThrow());
        assertSame(echo, registry.find("eChO").orElseThrow());
        assertTrue(registry.find("ech").isEmpty());
        assertTrue(registry.find("").isEmpty());
    }

    @Test
    void declaredLowerCaseMixedCaseOrUpperCaseNamesAreStoredUpperCase() {
        class Mixed {
            @Command(value = {"eCho", "COPY", "repeat"}, help = "\nShort")
            void echo() {
            }
        }
        assertEquals(List.of("ECHO", "COPY", "REPEAT"), find(Mixed.class, "Repeat").names());
    }

    static class ListAliases {
        @Command(value = {"echo", "copy"}, help = "<text>\nEcho")
        void echo(List<String> params) {
        }
    }

    @Test
    void aListOfNamesGivesAliasesOfOneCommand() {
        CommandRegistry registry = CommandRegistry.of(ListAliases.class);
        CommandInfo echo = registry.find("echo").orElseThrow();
        assertSame(echo, registry.find("copy").orElseThrow());
        assertEquals("ECHO", echo.name());
        assertEquals(List.of("ECHO", "COPY"), echo.names());
        assertEquals(List.of(echo), registry.commands());
    }

    static class StackedAliases {
        @Command("echo")
        @Command(value = {"copy", "repeat"}, help = "<text>\nEcho")
        @Command("ditto")
        void echo(List<String> params) {
        }
    }

    @Test
    void stackedAnnotationsAddAliasesInOrderWithTheFirstNameAsPrimary() {
        CommandRegistry registry = CommandRegistry.of(StackedAliases.class);
        CommandInfo echo = registry.find("ditto").orElseThrow();
        assertEquals("ECHO", echo.name());
        assertEquals(List.of("ECHO", "COPY", "REPEAT", "DITTO"), echo.names());
        assertEquals("Echo", echo.shortText());
        for (String name : List.of("echo", "copy", "repeat", "ditto")) {
            assertSame(echo, registry.find(name).orElseThrow());
        }
    }

    static class HiddenCommands extends BuiltIns {
        @Command(value = {"secret", "psst"}, hidden = true, help = "\nA secret")
        void secret() {
        }

        @Command("stacked")
        @Command(value = "alias", help = "\nHidden on the second annotation")
        @Command(value = "third", hidden = true)
        void stacked() {
        }
    }

    @Test
    void hiddenCommandsAreRegisteredButNotVisible() {
        CommandRegistry registry = CommandRegistry.of(HiddenCommands.class);
        assertTrue(find(HiddenCommands.class, "psst").hidden());
        assertTrue(registry.names().containsAll(List.of("SECRET", "PSST")));
        assertEquals(List.of("?", "BYE", "EXIT", "HELP", "LOGOUT", "QUIT"), registry.visibleNames());
    }

    @Test
    void hiddenOnAnyStackedAnnotationHidesEveryName() {
        CommandInfo stacked = find(HiddenCommands.class, "alias");
        assertTrue(stacked.hidden());
        assertEquals(List.of("STACKED", "ALIAS", "THIRD"), stacked.names());
        assertFalse(CommandRegistry.of(HiddenCommands.class).visibleNames().contains("STACKED"));
    }

    @Test
    void registrationIsComputedOnceAndShared() throws Exception {
        CommandRegistry first = CommandRegistry.of(SeedHandler.class);
        assertSame(first, CommandRegistry.of(SeedHandler.class));
        CommandRegistry fromAnotherThread = CompletableFuture.supplyAsync(() -> CommandRegistry.of(SeedHandler.class))
                .get(10, TimeUnit.SECONDS);
        assertSame(first, fromAnotherThread);
        assertSame(first.find("echo").orElseThrow(), fromAnotherThread.find("echo").orElseThrow());
    }

    @Test
    void eachClassHasItsOwnRegistry() {
        assertEquals(SeedHandler.class, CommandRegistry.of(SeedHandler.class).handlerClass());
        assertEquals(BuiltIns.class, CommandRegistry.of(BuiltIns.class).handlerClass());
        assertFalse(CommandRegistry.of(BuiltIns.class).names().contains("ECHO"));
    }

    @Test
    void aClassWithoutCommandsHasAnEmptyRegistry() {
        class Plain {
            void notACommand(List<String> params) {
            }
        }
        assertTrue(CommandRegistry.of(Plain.class).names().isEmpty());
        assertTrue(CommandRegistry.of(Object.class).commands().isEmpty());
    }

    @Test
    void registryViewsAreUnmodifiable() {
        CommandRegistry registry = CommandRegistry.of(SeedHandler.class);
        assertThrows(UnsupportedOperationException.class, () -> registry.names().add("X"));
        assertThrows(UnsupportedOperationException.class, () -> registry.visibleNames().add("X"));
        assertThrows(UnsupportedOperationException.class, () -> registry.commands().clear());
    }

    // --- inheritance ---

    static class OwnHelp extends BuiltIns {
        @Command(value = "help", help = "\nMy own help")
        void myHelp(List<String> params) {
            log.record("own help " + params);
        }
    }

    @Test
    void aSubclassNameReplacesTheSuperclassBindingOfThatNameOnly() throws Exception {
        CommandRegistry registry = CommandRegistry.of(OwnHelp.class);
        CommandInfo help = registry.find("help").orElseThrow();
        CommandInfo question = registry.find("?").orElseThrow();
        assertEquals("My own help", help.shortText());
        assertEquals("Display help", question.shortText());
        assertEquals(List.of("?"), question.names());
        assertEquals("?", question.name());

        OwnHelp handler = new OwnHelp();
        help.invoke(handler, List.of("a"));
        question.invoke(handler, List.of("b"));
        handler.log.assertLog("own help [a]", "built-in help [b]");
    }

    static class AllExitNames extends BuiltIns {
        @Command(value = {"exit", "quit", "bye", "logout"}, help = "\nLeave")
        void leave() {
        }
    }

    @Test
    void aSuperclassCommandWhoseNamesAreAllClaimedDisappears() {
        CommandRegistry registry = CommandRegistry.of(AllExitNames.class);
        assertEquals(2, registry.commands().size());
        assertEquals("Leave", registry.find("bye").orElseThrow().shortText());
        assertTrue(registry.commands().stream().noneMatch(command -> command.shortText().equals("Exit the command shell")));
    }

    static class QuietExit extends BuiltIns {
        @Override
        void exit() {
            log.record("quiet exit");
        }
    }

    @Test
    void anUnannotatedOverrideKeepsTheAnnotationAndRunsVirtually() throws Exception {
        CommandInfo bye = find(QuietExit.class, "bye");
        assertEquals("Exit the command shell", bye.shortText());
        assertEquals(List.of("EXIT", "QUIT", "BYE", "LOGOUT"), bye.names());
        QuietExit handler = new QuietExit();
        bye.invoke(handler, List.of());
        handler.log.assertLog("quiet exit");
    }

    static class RenamedExit extends BuiltIns {
        @Override
        @Command(value = {"exit", "stop"}, help = "\nStop here")
        void exit() {
            log.record("renamed exit");
        }
    }

    @Test
    void anAnnotatedOverrideTakesItsNamesAndLeavesTheOthersToTheSuperclassDeclaration() throws Exception {
        CommandRegistry registry = CommandRegistry.of(RenamedExit.class);
        assertEquals(List.of("EXIT", "STOP"), registry.find("stop").orElseThrow().names());
        CommandInfo quit = registry.find("quit").orElseThrow();
        assertEquals(List.of("QUIT", "BYE", "LOGOUT"), quit.names());
        assertEquals("Exit the command shell", quit.shortText());
        RenamedExit handler = new RenamedExit();
        quit.invoke(handler, List.of());
        handler.log.assertLog("renamed exit");
    }

    abstract static class AbstractHandler {
        final CallLog log = new CallLog();

        @Command(value = "run", help = "\nRun it")
        abstract void run(List<String> params);
    }

    static class ConcreteHandler extends AbstractHandler {
        @Override
        void run(List<String> params) {
            log.record("concrete run " + params);
        }
    }

    @Test
    void anAbstractCommandRunsItsImplementation() throws Exception {
        ConcreteHandler handler = new ConcreteHandler();
        find(ConcreteHandler.class, "run").invoke(handler, List.of("x"));
        handler.log.assertLog("concrete run [x]");
    }

    // --- invocation ---

    static final class Failure extends Error {
        private static final long serialVersionUID = 1L;
    }

    static class Invocations {
        final CallLog log = new CallLog();

        @Command(value = "private", help = "\nPrivate")
        private void privateCommand(List<String> params) {
            log.record("private " + params);
        }

        @Command(value = "noargs", help = "\nNo arguments")
        public void noArguments() {
            log.record("noargs");
        }

        @Command(value = "checked", help = "\nThrows a checked exception")
        void checked(List<String> params) throws IOException {
            throw new IOException(params.get(0));
        }

        @Command(value = "unchecked", help = "\nThrows an unchecked exception")
        void unchecked(List<String> params) {
            throw new IllegalStateException(params.get(0));
        }

        @Command(value = "error", help = "\nThrows an error")
        void error() {
            throw new Failure();
        }
    }

    @Test
    void aPrivateCommandIsInvokedWithItsParameters() throws Exception {
        Invocations handler = new Invocations();
        find(Invocations.class, "private").invoke(handler, List.of("a", "b c"));
        handler.log.assertLog("private [a, b c]");
    }

    @Test
    void aCommandWithoutParametersIgnoresThem() throws Exception {
        Invocations handler = new Invocations();
        find(Invocations.class, "noargs").invoke(handler, List.of("ignored"));
        handler.log.assertLog("noargs");
    }

    @Test
    void aCheckedExceptionPropagatesUnwrapped() {
        IOException thrown = assertThrows(IOException.class,
                () -> find(Invocations.class, "checked").invoke(new Invocations(), List.of("disk full")));
        assertEquals("disk full", thrown.getMessage());
    }

    @Test
    void anUncheckedExceptionPropagatesUnwrapped() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> find(Invocations.class, "unchecked").invoke(new Invocations(), List.of("bad state")));
        assertEquals("bad state", thrown.getMessage());
    }

    @Test
    void anErrorPropagatesUnwrapped() {
        assertThrows(Failure.class, () -> find(Invocations.class, "error").invoke(new Invocations(), List.of()));
    }

    @Test
    void invokingOnAnInstanceOfAnotherClassSaysWhatWasExpected() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> find(Invocations.class, "noargs").invoke(new SeedHandler(), List.of()));
        assertEquals("handler: io.github.telnetsrv.internal.command.SeedHandlers$SeedHandler"
                + " (expected: an instance of io.github.telnetsrv.internal.command.CommandRegistryTest$Invocations)",
                thrown.getMessage());
    }
}
