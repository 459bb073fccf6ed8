package io.github.telnetsrv;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a typed {@link Command} method as an option: {@code -v}, {@code --count 3},
 * {@code --count=3}, {@code -c3}.
 *
 * <ul>
 *   <li>A {@code boolean} (or {@code Boolean}) option is a flag: present means {@code true}
 *       ({@code --loud=false} also works); single-letter flags combine ({@code -lv}).</li>
 *   <li>A {@code List<T>} option may be repeated, each value added ({@code --tag a --tag b}).</li>
 *   <li>Any other option takes one value, converted to its type; given twice, it is an error. Absent, it gets its
 *       {@link #defaultValue()}, else {@code Optional.empty()} for an {@code Optional<T>}, else {@code null}, or
 *       zero (false) for a primitive.</li>
 * </ul>
 *
 * <p>Options may be typed anywhere among the positional words; {@code --} ends them (what follows is positional,
 * even when it starts with a dash).
 */
@Retention(RUNTIME)
@Target(PARAMETER)
@Documented
public @interface Option {

    /**
     * The option's names: {@code "-c"} (a dash and one character) and/or {@code "--count"} (two dashes and a
     * word). Default: two dashes and the Java parameter's name, when the class was compiled with
     * {@code -parameters}.
     *
     * @return the names
     */
    String[] value() default {};

    /**
     * What the option does, for {@code help NAME}.
     *
     * @return the description, or empty
     */
    String description() default "";

    /**
     * The value used when the option is not given, converted like a typed one. Empty: none.
     *
     * @return the default, or empty for none
     */
    String defaultValue() default "";

    /**
     * The value's name in the usage, as in {@code --times N}. Default: {@code N} for numbers, the constants of an
     * enum of up to six ({@code info|warn|alert}), else the option's long name in upper case.
     *
     * @return the name, or empty for the default
     */
    String valueName() default "";

    /**
     * The name of a handler method that gives Tab's candidates for the option's value: {@code List<String>
     * name(String prefix)}. Empty: the candidates its type gives.
     *
     * @return the method's name, or empty
     */
    String completer() default "";
}
