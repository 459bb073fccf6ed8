package io.github.telnetsrv;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a handler method that converts a typed word into a type of the handler's own, for typed
 * {@link Command} parameters and {@link Option}s of that type. The method takes one {@code String} and returns the
 * type; it may be static or an instance method. It runs on the command's thread, before the command.
 *
 * <p>A word that is not a valid value is the user's mistake: throw an {@link IllegalArgumentException} (a
 * {@link NumberFormatException} is one), and the user is told what was expected ({@link #value()}) and what was
 * given, with the usage (exit status {@link TelnetHandler#EXIT_USAGE} over SSH). Anything else the method throws, a
 * checked exception, a {@link NullPointerException}, an {@link Error}, is a bug of the handler: it goes to
 * {@link TelnetHandler#commandFailed} (an exception wrapped in an {@link IllegalStateException} that names the
 * converter), which logs it with its stack trace and shows the user a short failure line (exit status
 * {@link TelnetHandler#EXIT_FAILED}). So catch what your parsing throws for bad input, as below.
 *
 * <pre>{@code
 * @Converter("a point as X,Y")
 * static Point point(String text) {
 *     String[] xy = text.split(",");
 *     if (xy.length != 2) {
 *         throw new IllegalArgumentException(text);
 *     }
 *     return new Point(Integer.parseInt(xy[0].strip()), Integer.parseInt(xy[1].strip()));
 * }
 * }</pre>
 *
 * <p>The word can be as long as a whole command line ({@link SessionConfig#maxCommandLength()}); the built-in
 * conversions refuse a word longer than their type needs before reading it, a handler's converter gets every word:
 * keep its work linear in the word's length, or refuse a long word first.
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
