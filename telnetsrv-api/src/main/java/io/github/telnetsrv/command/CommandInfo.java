package io.github.telnetsrv.command;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Objects;

/**
 * One declared command: its names, its help text and the method that runs it.
 *
 * <p>Built by {@link CommandRegistry}; immutable and shared by every session of the handler class, so it is
 * safe to use from any thread. {@link #invoke} runs on the calling thread (the session's).
 *
 * @param name the primary name, upper case: the first of {@code names}
 * @param names every name the command is registered under, upper case, in declaration order
 * @param parameters the parameters line of the help text (line 0), possibly empty
 * @param shortText the short help text (line 1), never blank
 * @param longText the long help text (lines 2 and on, joined with {@code "\n"}), or the short text when
 *        there is none
 * @param hidden whether the command is left out of the {@code help} listing
 * @param method the method that runs the command, already made accessible; an instance method taking
 *        {@code ()} or {@code (List<String>)} and returning {@code void}
 */
public record CommandInfo(String name, List<String> names, String parameters, String shortText,
                          String longText, boolean hidden, Method method) {

    /**
     * Checks the components and copies {@code names}.
     *
     * @throws IllegalArgumentException if {@code names} is empty, {@code name} is not its first element or
     *         {@code shortText} is blank
     */
    public CommandInfo {
        Objects.requireNonNull(name, "name");
        names = List.copyOf(names);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(shortText, "shortText");
        Objects.requireNonNull(longText, "longText");
        Objects.requireNonNull(method, "method");
        if (names.isEmpty() || !names.get(0).equals(name)) {
            throw new IllegalArgumentException("name: " + name + " (expected: the first of names " + names + ")");
        }
        if (shortText.isBlank()) {
            throw new IllegalArgumentException("shortText: blank (expected: the mandatory short help text)");
        }
    }

    /**
     * The long help text split into lines.
     *
     * @return the lines of {@link #longText()}, at least one
     */
    public List<String> longTextLines() {
        return List.of(longText.split("\n", -1));
    }

    /**
     * Runs the command on a handler instance, on the calling thread, with Java's normal virtual dispatch
     * (a subclass override of the method runs). A method declared {@code ()} is called without the
     * parameters.
     *
     * <p>Whatever the command throws propagates unchanged, checked exceptions and {@link Error}s alike; it
     * is not wrapped in a reflection exception.
     *
     * @param handler the handler instance: an instance of the class declaring {@link #method()}
     * @param params the words typed after the command name
     * @throws Exception whatever the command throws
     * @throws IllegalArgumentException if {@code handler} is not an instance of the declaring class
     */
    public void invoke(Object handler, List<String> params) throws Exception {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(params, "params");
        if (!method.getDeclaringClass().isInstance(handler)) {
            throw new IllegalArgumentException("handler: " + handler.getClass().getName()
                    + " (expected: an instance of " + method.getDeclaringClass().getName() + ")");
        }
        try {
            if (method.getParameterCount() == 0) {
                method.invoke(handler);
            } else {
                method.invoke(handler, params);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(CommandMethods.describe(method)
                    + ": not accessible (expected: a CommandInfo built by CommandRegistry)", e);
        }
    }
}
