package io.github.telnetsrv.internal.command;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Objects;

/**
 * One declared command: its names and its help text; it runs through {@link #invoke}.
 *
 * <p>Built by {@link CommandRegistry}; immutable and shared by every session of the handler class, so it is
 * safe to use from any thread. It does not hand out the handler's method: this package is not exported, so no
 * other module can run a handler's commands through it. {@link #invoke} runs on the calling thread (the
 * session's).
 */
public final class CommandInfo {

    private final String name;
    private final List<String> names;
    private final String parameters;
    private final String shortText;
    private final String longText;
    private final boolean hidden;
    private final Method method;
    /** The typed parameters, or {@code null} for a method taking {@code ()} or {@code (List<String>)}. */
    private final Signature signature;

    /**
     * Checks the components and copies {@code names}.
     *
     * @param name the primary name, upper case: the first of {@code names}
     * @param names every name the command is registered under, upper case, in declaration order
     * @param parameters the parameters line of the help text (line 0), possibly empty
     * @param shortText the short help text (line 1), never blank
     * @param longText the long help text (lines 2 and on, joined with {@code "\n"}), or the short text
     * @param hidden whether the command is left out of the {@code help} listing
     * @param method the method that runs the command, already made accessible
     * @param signature the typed parameters, or {@code null} for an untyped method
     * @throws IllegalArgumentException if {@code names} is empty, {@code name} is not its first element or
     *         {@code shortText} is blank
     */
    CommandInfo(String name, List<String> names, String parameters, String shortText, String longText,
            boolean hidden, Method method, Signature signature) {
        this.name = Objects.requireNonNull(name, "name");
        this.names = List.copyOf(names);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.shortText = Objects.requireNonNull(shortText, "shortText");
        this.longText = Objects.requireNonNull(longText, "longText");
        this.hidden = hidden;
        this.method = Objects.requireNonNull(method, "method");
        this.signature = signature;
        if (this.names.isEmpty() || !this.names.get(0).equals(name)) {
            throw new IllegalArgumentException("name: " + name + " (expected: the first of names " + names + ")");
        }
        if (shortText.isBlank()) {
            throw new IllegalArgumentException("shortText: blank (expected: the mandatory short help text)");
        }
    }

    /**
     * The primary name, upper case.
     *
     * @return the first of {@link #names()}
     */
    public String name() {
        return name;
    }

    /**
     * Every name the command is registered under, upper case, in declaration order.
     *
     * @return the names
     */
    public List<String> names() {
        return names;
    }

    /**
     * The parameters line of the help: line 0 of the help text, or, when that is blank, the usage generated from
     * a typed declaration.
     *
     * @return the line, possibly empty
     */
    public String parameters() {
        return parameters.isBlank() && signature != null ? signature.usage() : parameters;
    }

    /**
     * The typed parameters: what {@link #invoke} binds the words to, the usage, Tab's candidates.
     *
     * @return the signature, or empty for a method taking {@code ()} or {@code (List<String>)}
     */
    public java.util.Optional<Signature> signature() {
        return java.util.Optional.ofNullable(signature);
    }

    /**
     * The short help text (line 1).
     *
     * @return the text, never blank
     */
    public String shortText() {
        return shortText;
    }

    /**
     * The long help text (lines 2 and on, joined with {@code "\n"}), or the short text when there is none.
     *
     * @return the text
     */
    public String longText() {
        return longText;
    }

    /**
     * Whether the command is left out of the {@code help} listing.
     *
     * @return true if hidden
     */
    public boolean hidden() {
        return hidden;
    }

    /** The method, for this package's own checks. */
    Method method() {
        return method;
    }

    @Override
    public String toString() {
        return "CommandInfo[" + names + (hidden ? ", hidden" : "") + "]";
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
     * @param handler the handler instance: an instance of the class declaring the command's method
     * @param params the words typed after the command name
     * @throws ArgumentException if the words do not fit a typed command's parameters (the command did not run)
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
        Object[] args = signature != null ? signature.bind(handler, params)
                : method.getParameterCount() == 0 ? new Object[0] : new Object[] {params};
        try {
            method.invoke(handler, args);
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
