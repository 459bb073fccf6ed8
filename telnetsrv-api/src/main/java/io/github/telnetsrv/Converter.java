package io.github.telnetsrv;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a handler method that converts a typed word into a type of the handler's own, for typed
 * {@link Command} parameters and {@link Option}s of that type. The method takes one {@code String} and returns the
 * type; it may be static or an instance method, and may throw: any exception means the word is not a valid value,
 * and the user is told what was expected ({@link #value()}) and what was given, with the usage.
 *
 * <pre>{@code
 * @Converter("a point as X,Y")
 * static Point point(String text) {
 *     String[] xy = text.split(",");
 *     return new Point(Integer.parseInt(xy[0].strip()), Integer.parseInt(xy[1].strip()));
 * }
 * }</pre>
 *
 * <p>A handler's converter of a type replaces the built-in one; converters are inherited from superclasses, a
 * subclass's replacing its superclass's for the same type. Declarations are checked when the handler class is
 * registered: a wrong signature, two converters of one type in one class, or a command parameter of a type with
 * no converter fails there, naming the method.
 */
@Retention(RUNTIME)
@Target(METHOD)
@Documented
public @interface Converter {

    /**
     * What a valid word looks like, for errors: {@code "expected " + value()}. For example
     * {@code "a point as X,Y"}.
     *
     * @return the description
     */
    String value();
}
