package io.github.telnetsrv.internal.command;

import io.github.telnetsrv.CommandDeclarationException;
import io.github.telnetsrv.Option;
import io.github.telnetsrv.Param;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the parameters of a typed command method into {@link ParamSpec}s, checking the declaration: every type
 * has a conversion, option names are well formed and unique, required positional parameters come before optional
 * ones, only the last positional parameter takes the rest, a default converts, a named completer exists. A mistake
 * fails with a {@link CommandDeclarationException} naming the method and the parameter.
 */
final class SignatureReader {

    private static final Pattern SHORT_NAME = Pattern.compile("-[A-Za-z0-9?]");
    /** An enum option with at most this many constants shows them as its value's name: {@code info|warn|alert}. */
    private static final int MAX_LISTED_CONSTANTS = 6;
    private static final Pattern LONG_NAME = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9-]*");

    private SignatureReader() {
    }

    /**
     * Whether a method takes the words as they are: {@code ()} or one unannotated {@code List<String>}.
     *
     * @param method a command method
     * @return true for the original, untyped way
     */
    static boolean untyped(Method method) {
        if (method.getParameterCount() == 0) {
            return true;
        }
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != List.class) {
            return false;
        }
        Parameter parameter = method.getParameters()[0];
        if (parameter.isAnnotationPresent(Param.class) || parameter.isAnnotationPresent(Option.class)) {
            return false;
        }
        Type type = parameter.getParameterizedType();
        return !(type instanceof ParameterizedType parameterized)
                || parameterized.getActualTypeArguments()[0] == String.class;
    }

    /**
     * Reads a typed method's parameters.
     *
     * @param method the command method
     * @param converters the handler class's conversions
     * @param handlerClass the handler class, where named completers are looked up
     * @param access makes completer methods callable
     * @return the specs, in the method's parameter order
     * @throws CommandDeclarationException for a wrong declaration
     */
    static List<ParamSpec> read(Method method, Converters converters, Class<?> handlerClass,
            CommandMethods.MethodAccess access) {
        Parameter[] parameters = method.getParameters();
        List<ParamSpec> specs = new ArrayList<>(parameters.length);
        Set<String> optionNames = new HashSet<>();
        boolean optionalSeen = false;
        boolean restSeen = false;
        int positional = 0;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            String where = CommandMethods.describe(method) + ", parameter " + (i + 1) + " ("
                    + parameter.getParameterizedType().getTypeName() + ")";
            Option option = parameter.getAnnotation(Option.class);
            Param param = parameter.getAnnotation(Param.class);
            if (option != null && param != null) {
                throw new CommandDeclarationException(where + ": both @Param and @Option (expected: one of them)");
            }
            ParamSpec.Shape shape = shape(parameter, where);
            Class<?> element = elementType(parameter, shape, where);
            Converters.Conversion conversion = converters.find(element);
            if (conversion == null) {
                throw new CommandDeclarationException(where + ": no converter for " + element.getName()
                        + " (expected: a built-in type such as String, int, boolean, an enum, Duration or Path, "
                        + "or a @Converter method in the handler class returning " + element.getSimpleName() + ")");
            }
            ParamSpec spec;
            if (option != null) {
                spec = option(option, parameter, i, shape, element, conversion, optionNames, where, handlerClass,
                        access);
            } else {
                if (restSeen) {
                    throw new CommandDeclarationException(where + ": a positional parameter after the one that "
                            + "takes the rest (expected: the List or varargs parameter last)");
                }
                positional++;
                spec = positional(param, parameter, i, positional, shape, element, conversion, where, handlerClass,
                        access);
                if (spec.kind() == ParamSpec.Kind.REST) {
                    restSeen = true;
                } else if (spec.optional()) {
                    optionalSeen = true;
                } else if (optionalSeen) {
                    throw new CommandDeclarationException(where + ": a required parameter after an optional one "
                            + "(expected: required positional parameters first)");
                }
            }
            checkDefault(spec, where);
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    private static ParamSpec positional(Param param, Parameter parameter, int index, int position,
            ParamSpec.Shape shape, Class<?> element, Converters.Conversion conversion, String where,
            Class<?> handlerClass, CommandMethods.MethodAccess access) {
        String name = param != null && !param.name().isBlank() ? param.name().strip()
                : parameter.isNamePresent() ? parameter.getName().toUpperCase(Locale.ROOT) : "ARG" + position;
        if (name.chars().anyMatch(Character::isWhitespace)) {
            throw new CommandDeclarationException(where + ": name '" + name + "' (expected: no whitespace)");
        }
        String defaultValue = param == null || param.defaultValue().isEmpty() ? null : param.defaultValue();
        ParamSpec.Kind kind = shape == ParamSpec.Shape.LIST || shape == ParamSpec.Shape.ARRAY
                ? ParamSpec.Kind.REST : ParamSpec.Kind.POSITIONAL;
        if (kind == ParamSpec.Kind.REST && defaultValue != null) {
            throw new CommandDeclarationException(where + ": a default for the rest of the words (expected: none; "
                    + "absent, the list is empty)");
        }
        String completer = param == null ? "" : param.completer();
        return new ParamSpec(kind, index, name, List.of(), param == null ? "" : param.description().strip(),
                defaultValue, shape, element, false, "", conversion,
                completer(completer, handlerClass, access, where));
    }

    private static ParamSpec option(Option option, Parameter parameter, int index, ParamSpec.Shape shape,
            Class<?> element, Converters.Conversion conversion, Set<String> taken, String where,
            Class<?> handlerClass, CommandMethods.MethodAccess access) {
        List<String> names = new ArrayList<>();
        for (String name : option.value()) {
            names.add(name.strip());
        }
        if (names.isEmpty()) {
            if (!parameter.isNamePresent()) {
                throw new CommandDeclarationException(where + ": @Option has no name, and the class was compiled "
                        + "without -parameters (expected: @Option(\"--name\"))");
            }
            names.add("--" + kebab(parameter.getName()));
        }
        for (String name : names) {
            if (!SHORT_NAME.matcher(name).matches() && !LONG_NAME.matcher(name).matches()) {
                throw new CommandDeclarationException(where + ": option name '" + name
                        + "' (expected: -x, a dash and one letter or digit, or --name)");
            }
            if (!taken.add(name)) {
                throw new CommandDeclarationException(where + ": option name " + name
                        + " given twice (expected: each option name on one parameter)");
            }
        }
        Class<?> boxed = Converters.box(element);
        boolean flag = boxed == Boolean.class && shape == ParamSpec.Shape.SINGLE;
        String primary = names.stream().filter(n -> n.startsWith("--")).findFirst().orElse(names.get(0));
        String valueName = flag ? "" : !option.valueName().isBlank() ? option.valueName().strip()
                : Number.class.isAssignableFrom(boxed) ? "N"
                : boxed.isEnum() && boxed.getEnumConstants().length <= MAX_LISTED_CONSTANTS ? constants(boxed)
                : primary.startsWith("--") ? primary.substring(2).toUpperCase(Locale.ROOT) : "VALUE";
        String defaultValue = option.defaultValue().isEmpty() ? null : option.defaultValue();
        return new ParamSpec(ParamSpec.Kind.OPTION, index, primary, names, option.description().strip(),
                defaultValue, shape, element, flag, valueName, conversion,
                completer(option.completer(), handlerClass, access, where));
    }

    private static ParamSpec.Shape shape(Parameter parameter, String where) {
        Class<?> raw = parameter.getType();
        if (raw.isArray()) {
            return ParamSpec.Shape.ARRAY;
        }
        if (raw == List.class) {
            return ParamSpec.Shape.LIST;
        }
        if (raw == Optional.class) {
            return ParamSpec.Shape.OPTIONAL;
        }
        if (java.util.Collection.class.isAssignableFrom(raw) || raw == java.util.OptionalInt.class
                || raw == java.util.OptionalLong.class || raw == java.util.OptionalDouble.class) {
            throw new CommandDeclarationException(where + ": " + raw.getSimpleName()
                    + " (expected: List<T> for several values, Optional<T> for an optional one)");
        }
        return ParamSpec.Shape.SINGLE;
    }

    private static Class<?> elementType(Parameter parameter, ParamSpec.Shape shape, String where) {
        return switch (shape) {
            case SINGLE -> parameter.getType();
            case ARRAY -> {
                Class<?> component = parameter.getType().getComponentType();
                if (component.isArray()) {
                    throw new CommandDeclarationException(where + ": an array of arrays (expected: T[] or T...)");
                }
                yield component;
            }
            case LIST, OPTIONAL -> {
                Type type = parameter.getParameterizedType();
                if (type instanceof ParameterizedType parameterized
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument) {
                    yield argument;
                }
                throw new CommandDeclarationException(where + ": " + type.getTypeName()
                        + " (expected: a type argument that is a class, such as List<String> or Optional<Integer>)");
            }
        };
    }

    /** A default must convert when the conversion needs no handler (every built-in, static converters). */
    private static void checkDefault(ParamSpec spec, String where) {
        if (spec.defaultValue() == null || spec.conversion().needsHandler()) {
            return; // an instance converter's default is checked when it is used
        }
        try {
            if (spec.defaultValue().length() > spec.conversion().maxLength()) {
                throw new IllegalArgumentException("too long");
            }
            spec.conversion().convert(null, spec.defaultValue());
        } catch (IllegalArgumentException e) {
            throw new CommandDeclarationException(where + ": default '" + spec.defaultValue() + "' (expected: "
                    + spec.conversion().expected() + ")");
        } catch (IllegalStateException e) {
            throw new CommandDeclarationException(where + ": default '" + spec.defaultValue() + "': "
                    + e.getMessage());
        }
    }

    private static java.lang.reflect.Method completer(String name, Class<?> handlerClass,
            CommandMethods.MethodAccess access, String where) {
        if (name.isBlank()) {
            return null;
        }
        for (Class<?> type = handlerClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 1
                        && method.getParameterTypes()[0] == String.class
                        && List.class.isAssignableFrom(method.getReturnType())) {
                    CommandMethods.makeAccessible(method, access);
                    return method;
                }
            }
        }
        throw new CommandDeclarationException(where + ": completer '" + name + "' not found (expected: a method "
                + "List<String> " + name + "(String prefix) in " + handlerClass.getName() + ")");
    }

    private static String constants(Class<?> type) {
        StringBuilder names = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : "|").append(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
        }
        return names.toString();
    }

    /** {@code dryRun} becomes {@code dry-run}. */
    private static String kebab(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
