package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.CommandDeclarationException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CommandDeclarationErrorsTest {

    private static final String TEST = "io.github.telnetsrv.internal.command.CommandDeclarationErrorsTest$";
    private static final String SIGNATURE = " (expected: void name(List<String> params), or typed parameters)";
    private static final String HELP_RULE =
            " (expected: line 0 = parameters, may be blank; line 1 = short text; lines 2+ = long text)";

    private static void assertRejected(Class<?> handlerClass, String expectedMessage) {
        CommandDeclarationException thrown =
                assertThrows(CommandDeclarationException.class, () -> CommandRegistry.of(handlerClass));
        assertEquals(expectedMessage, thrown.getMessage());
    }

    static class StaticCommand {
        @Command(value = "echo", help = "\nEcho")
        static void echo(List<String> params) {
        }
    }

    @Test
    void aStaticCommandIsRejected() {
        assertRejected(StaticCommand.class,
                TEST + "StaticCommand.echo(List): a command is an instance method, not static" + SIGNATURE);
    }

    static class UnknownType {
        @Command(value = "echo", help = "\nEcho")
        void echo(Thread thread) {
        }
    }

    @Test
    void aParameterOfATypeWithNoConverterIsRejected() {
        assertRejected(UnknownType.class, TEST + "UnknownType.echo(Thread), parameter 1 (java.lang.Thread): no "
                + "converter for java.lang.Thread (expected: a built-in type such as String, int, boolean, an enum, "
                + "Duration or Path, or a @Converter method in the handler class returning Thread)");
    }

    static class TwoParameters {
        @Command(value = "echo", help = "\nEcho")
        void echo(List<String> params, String raw) {
        }
    }

    @Test
    void aPositionalParameterAfterTheRestIsRejected() {
        assertRejected(TwoParameters.class, TEST + "TwoParameters.echo(List, String), parameter 2 "
                + "(java.lang.String): a positional parameter after the one that takes the rest (expected: the List "
                + "or varargs parameter last)");
    }

    static class ListOfUnknown {
        @Command(value = "echo", help = "\nEcho")
        void echo(List<Object> params) {
        }
    }

    @Test
    void aListOfATypeWithNoConverterIsRejected() {
        assertRejected(ListOfUnknown.class, TEST + "ListOfUnknown.echo(List), parameter 1 "
                + "(java.util.List<java.lang.Object>): no converter for java.lang.Object (expected: a built-in type "
                + "such as String, int, boolean, an enum, Duration or Path, or a @Converter method in the handler "
                + "class returning Object)");
    }

    static class ArrayOfArrays {
        @Command(value = "echo", help = "\nEcho")
        void echo(String[]... params) {
        }
    }

    @Test
    void anArrayOfArraysIsRejected() {
        assertRejected(ArrayOfArrays.class, TEST + "ArrayOfArrays.echo(String[][]), parameter 1 "
                + "(java.lang.String[][]): an array of arrays (expected: T[] or T...)");
    }

    static class ReturnsValue {
        @Command(value = "echo", help = "\nEcho")
        String echo(List<String> params) {
            return "";
        }
    }

    @Test
    void aCommandReturningAValueIsRejected() {
        assertRejected(ReturnsValue.class,
                TEST + "ReturnsValue.echo(List): a command returns void, not java.lang.String" + SIGNATURE);
    }

    static class NoName {
        @Command(value = {}, help = "\nEcho")
        void echo() {
        }
    }

    @Test
    void anAnnotationWithoutNamesIsRejected() {
        assertRejected(NoName.class, TEST + "NoName.echo(): @Command has no name (expected: at least one name)");
    }

    static class EmptyName {
        @Command(value = {"echo", ""}, help = "\nEcho")
        void echo() {
        }
    }

    @Test
    void anEmptyNameIsRejected() {
        assertRejected(EmptyName.class,
                TEST + "EmptyName.echo(): name '' (expected: non-empty, without whitespace or control characters)");
    }

    static class NameWithSpace {
        @Command(value = "echo back", help = "\nEcho")
        void echo() {
        }
    }

    @Test
    void aNameWithWhitespaceIsRejected() {
        assertRejected(NameWithSpace.class, TEST
                + "NameWithSpace.echo(): name 'echo back' (expected: non-empty, without whitespace or control characters)");
    }

    static class NameTwiceOnOneMethod {
        @Command(value = {"echo", "copy"}, help = "\nEcho")
        @Command("ECHO")
        void echo() {
        }
    }

    @Test
    void aNameGivenTwiceOnOneMethodIsRejected() {
        assertRejected(NameTwiceOnOneMethod.class,
                TEST + "NameTwiceOnOneMethod.echo(): name ECHO given twice (expected: each name once)");
    }

    static class SameNameOnTwoMethods {
        @Command(value = {"copy", "echo"}, help = "\nCopy")
        void copy() {
        }

        @Command(value = "Echo", help = "\nEcho")
        void echo() {
        }
    }

    @Test
    void theSameNameOnTwoMethodsOfOneClassIsRejectedNamingBoth() {
        assertRejected(SameNameOnTwoMethods.class, TEST + "SameNameOnTwoMethods.copy() and " + TEST
                + "SameNameOnTwoMethods.echo(): both are named ECHO (expected: each name on one method of a class)");
    }

    static class NoHelp {
        @Command("echo")
        void echo() {
        }
    }

    @Test
    void aCommandWithoutHelpIsRejected() {
        assertRejected(NoHelp.class, TEST + "NoHelp.echo(): no help text" + HELP_RULE);
    }

    static class NoShortText {
        @Command(value = "echo", help = "Echo text back to the console.")
        void echo() {
        }
    }

    @Test
    void helpWithoutAShortLineIsRejected() {
        assertRejected(NoShortText.class, TEST + "NoShortText.echo(): help has no short text on line 1" + HELP_RULE);
    }

    static class BlankShortText {
        @Command(value = "echo", help = """
                <text>

                Long text
                """)
        void echo() {
        }
    }

    @Test
    void helpWithABlankShortLineIsRejected() {
        assertRejected(BlankShortText.class,
                TEST + "BlankShortText.echo(): help has no short text on line 1" + HELP_RULE);
    }

    static class StackedWithoutHelp {
        @Command("echo")
        @Command("copy")
        void echo() {
        }
    }

    @Test
    void stackedAnnotationsWithoutAnyHelpAreRejected() {
        assertRejected(StackedWithoutHelp.class, TEST + "StackedWithoutHelp.echo(): no help text" + HELP_RULE);
    }

    static class DifferentStackedHelp {
        @Command(value = "echo", help = "\nEcho")
        @Command(value = "copy", help = "\nCopy")
        void echo() {
        }
    }

    @Test
    void differentHelpOnStackedAnnotationsIsRejected() {
        assertRejected(DifferentStackedHelp.class, TEST + "DifferentStackedHelp.echo(): different help texts on"
                + " stacked @Command annotations (expected: the help on one of them, or the same on each)");
    }

    static class SameStackedHelp {
        @Command(value = "echo", help = "<text>\nEcho")
        @Command(value = "copy", help = """
                <text>
                Echo
                """)
        void echo() {
        }
    }

    @Test
    void theSameHelpOnSeveralStackedAnnotationsIsAccepted() {
        assertEquals(List.of("ECHO", "COPY"), CommandRegistry.of(SameStackedHelp.class).find("copy").orElseThrow().names());
    }

    static class BadSubclass extends SeedHandlers.SeedHandler {
        @Command(value = "twice", help = "\nTwice")
        void twice(List<String> params, List<String> again) {
        }
    }

    @Test
    void aBadDeclarationInASubclassIsReportedForTheSubclass() {
        assertRejected(BadSubclass.class, TEST + "BadSubclass.twice(List, List), parameter 2 "
                + "(java.util.List<java.lang.String>): a positional parameter after the one that takes the rest "
                + "(expected: the List or varargs parameter last)");
    }

    static class BadSuperclass {
        @Command("nohelp")
        void noHelp() {
        }
    }

    static class GoodSubclassOfABadOne extends BadSuperclass {
        @Command(value = "fine", help = "\nFine")
        void fine() {
        }
    }

    @Test
    void aBadDeclarationInASuperclassFailsTheSubclass() {
        assertRejected(GoodSubclassOfABadOne.class, TEST + "BadSuperclass.noHelp(): no help text" + HELP_RULE);
    }

    @Test
    void aBadClassIsRejectedEveryTimeItIsAsked() {
        assertRejected(NoHelp.class, TEST + "NoHelp.echo(): no help text" + HELP_RULE);
        assertRejected(NoHelp.class, TEST + "NoHelp.echo(): no help text" + HELP_RULE);
    }

    static class Private {
        @Command(value = "echo", help = "\nEcho")
        private void echo() {
        }
    }

    @Test
    void aMethodThatCannotBeMadeAccessibleAsksForThePackageToBeOpened() {
        CommandDeclarationException thrown = assertThrows(CommandDeclarationException.class,
                () -> CommandScanner.scan(Private.class, method -> false));
        assertEquals(TEST + "Private.echo(): cannot be called by telnetsrv; open its package to the module"
                + " (expected: `opens io.github.telnetsrv.internal.command to io.github.telnetsrv;` in its module-info.java)",
                thrown.getMessage());
    }

    @Test
    void onlyCommandsThatStayBoundAreMadeAccessible() {
        class Replacing extends SeedHandlers.BuiltIns {
            @Command(value = {"exit", "quit", "bye", "logout"}, help = "\nLeave")
            void leave() {
            }
        }
        Set<String> opened = new TreeSet<>();
        CommandScanner.scan(Replacing.class, method -> opened.add(method.getName()));
        assertEquals(Set.of("help", "leave"), opened);
    }
}
