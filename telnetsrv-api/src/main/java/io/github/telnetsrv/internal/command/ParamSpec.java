package io.github.telnetsrv.internal.command;

import java.lang.reflect.Method;
import java.util.List;

/**
 * One parameter of a typed command method, as its declaration was read: where its words come from, how they
 * become its value, how it shows in the usage and in {@code help NAME}, and where Tab finds its values.
 *
 * @param kind positional, the rest of the positional words, or an option
 * @param index the Java parameter's position in the method
 * @param name the name in the usage and errors: {@code NAME} for a positional parameter, the primary name
 *     ({@code --times}) for an option
 * @param optionNames every name of an option ({@code -t}, {@code --times}); empty for a positional parameter
 * @param description the description for {@code help NAME}, possibly empty
 * @param defaultValue the default word, or {@code null} for none
 * @param shape how the Java parameter holds the value(s)
 * @param elementType the type one word converts to
 * @param flag whether the option is a flag (takes no value)
 * @param valueName the value's name in the usage ({@code N}); empty for a flag or a positional parameter
 * @param conversion how a word becomes a value
 * @param completer the handler method that gives Tab's candidates, or {@code null}
 */
record ParamSpec(Kind kind, int index, String name, List<String> optionNames, String description,
        String defaultValue, Shape shape, Class<?> elementType, boolean flag, String valueName,
        Converters.Conversion conversion, Method completer) {

    /** Where a parameter's words come from. */
    enum Kind {
        /** One positional word. */
        POSITIONAL,
        /** The positional words left over: a trailing {@code List<T>} or {@code T...}. */
        REST,
        /** An option. */
        OPTION
    }

    /** How the Java parameter holds the value(s). */
    enum Shape {
        /** The value itself (a primitive or a reference). */
        SINGLE,
        /** {@code Optional<T>}. */
        OPTIONAL,
        /** {@code List<T>}. */
        LIST,
        /** {@code T[]}, varargs included. */
        ARRAY
    }

    ParamSpec {
        optionNames = List.copyOf(optionNames);
    }

    /** Whether the positional parameter may be left out. */
    boolean optional() {
        return defaultValue != null || shape == Shape.OPTIONAL || kind == Kind.REST;
    }

    /** Whether the option may be given more than once. */
    boolean repeatable() {
        return flag || shape == Shape.LIST || shape == Shape.ARRAY;
    }

    /** How the parameter shows in the usage line. */
    String usage() {
        return switch (kind) {
            case POSITIONAL -> optional() ? "[" + name + "]" : name;
            case REST -> "[" + name + "...]";
            case OPTION -> "[" + name + (flag ? "" : " " + valueName) + "]" + (repeatable() && !flag ? "..." : "");
        };
    }

    /** How the parameter shows in the first column of {@code help NAME}. */
    String helpLabel() {
        if (kind != Kind.OPTION) {
            return kind == Kind.REST ? name + "..." : name;
        }
        return String.join(", ", optionNames) + (flag ? "" : " " + valueName);
    }
}
