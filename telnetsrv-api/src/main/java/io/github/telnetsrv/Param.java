package io.github.telnetsrv;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Describes a positional parameter of a typed {@link Command} method: its name in the usage and in errors, its
 * description in {@code help NAME}, a default that makes it optional, and where Tab finds its values.
 *
 * <p>A typed command method's parameters are positional unless marked {@link Option}; the annotation is needed
 * only to say more than the type does. Positional parameters take the words typed after the command, in order,
 * converted to the parameter's type (see {@link Command} for the types). Required ones come first, then optional
 * ones (with a {@link #defaultValue()}, or of type {@code Optional<T>}); a last parameter of type
 * {@code List<T>} or {@code T...} takes the rest of the words (none or more).
 *
 * <pre>{@code
 * @Command(value = "greet", help = """
 *
 *         Greet someone
 *         """)
 * void greet(@Option(value = "--times", defaultValue = "1") int times,
 *            @Option("--loud") boolean loud,
 *            @Param(name = "NAME", description = "who to greet") String name) { ... }
 * }</pre>
 */
@Retention(RUNTIME)
@Target(PARAMETER)
@Documented
public @interface Param {

    /**
     * The name shown in the usage and in errors, for example {@code NAME}. Default: the Java parameter's name
     * in upper case when the class was compiled with {@code -parameters}, else {@code ARG1}, {@code ARG2}...
     *
     * @return the name, or empty for the default
     */
    String name() default "";

    /**
     * What the parameter is, for {@code help NAME}.
     *
     * @return the description, or empty
     */
    String description() default "";

    /**
     * The value used when the word is not typed, converted like a typed one; setting it makes the parameter
     * optional. Empty: no default.
     *
     * @return the default, or empty for none
     */
    String defaultValue() default "";

    /**
     * The name of a handler method that gives Tab's candidates for this parameter: {@code List<String> name(String
     * prefix)}, an instance or static method of the handler class. Empty: the candidates its type gives (an
     * enum's constants, for example).
     *
     * @return the method's name, or empty
     */
    String completer() default "";
}
