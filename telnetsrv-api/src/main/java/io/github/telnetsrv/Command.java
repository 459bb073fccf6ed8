package io.github.telnetsrv;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a handler method as a command.
 *
 * <p>A command method is an instance method returning {@code void}. It takes no parameters, or one
 * {@code List<String>} (the words typed after the command name, the original library's way), or typed parameters:
 * positional ones ({@link Param}), {@link Option}s, and a trailing {@code List<T>} or {@code T...} for the rest,
 * converted from the words (strings, numbers, booleans, enums, {@code Duration}, {@code Path} and more, or the
 * handler's own types through {@link Converter} methods). A word that does not convert gets one error line naming
 * the parameter, and the usage. It may be private. Names are
 * case-insensitive; a list of names gives aliases, and stacking the annotation adds more aliases, in
 * order: the first name of the first annotation is the command's primary name.
 *
 * <pre>{@code
 * @Command(value = {"echo", "copy", "repeat"}, help = """
 *     <text to echo>
 *     Echo text back to the console.
 *     This command simply echos the provided text
 *     back to the console.
 *     """)
 * void echo(List<String> params) { ... }
 * }</pre>
 *
 * <pre>{@code
 * @Command(value = "greet", help = """
 *
 *     Greet someone
 *     """)
 * void greet(@Option(value = "--times", defaultValue = "1") int times, @Option("--loud") boolean loud,
 *            @Param(name = "NAME") String name) { ... }
 * }</pre>
 *
 * <p>Declarations are checked when the handler class is first registered (see
 * {@code io.github.telnetsrv.internal.command.CommandRegistry}); a wrong one fails there with a
 * {@code CommandDeclarationException} naming the method, never at the first keystroke.
 */
@Retention(RUNTIME)
@Target(METHOD)
@Documented
@Repeatable(Command.List.class)
public @interface Command {

    /**
     * The command's names: non-empty, without whitespace, case-insensitive (shown upper case). The first
     * name of the first annotation on a method is its primary name; every other name is an alias, and each
     * name has its own line in {@code help}.
     *
     * @return the names, at least one
     */
    String[] value();

    /**
     * The help text, following the docstring rule: line 0 lists the parameters (may be blank: a typed command's
     * usage is then generated from its declaration), line 1 is
     * the short text shown by {@code help} (mandatory), lines 2 and on are the long text shown by
     * {@code help NAME} (if absent or blank, line 1 is used). Lines 0 and 1 are trimmed; the common
     * indentation of the long text is removed, so a text block can be indented like the code around it;
     * a trailing newline is ignored.
     *
     * <p>When annotations are stacked, the help is given on exactly one of them (or identically on several).
     *
     * @return the help text
     */
    String help() default "";

    /**
     * Hides the command, with all its names, from the {@code help} listing; {@code help NAME} still shows
     * it. When annotations are stacked, any one of them may hide the command.
     *
     * @return whether the command is hidden
     */
    boolean hidden() default false;

    /**
     * The container that holds stacked {@link Command} annotations; written by the compiler, not by hand.
     */
    @Retention(RUNTIME)
    @Target(METHOD)
    @Documented
    @interface List {
        /**
         * The stacked annotations, in source order.
         *
         * @return the annotations
         */
        Command[] value();
    }
}
