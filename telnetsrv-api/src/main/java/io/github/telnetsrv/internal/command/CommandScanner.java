package io.github.telnetsrv.internal.command;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.CommandDeclarationException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the {@link Command} declarations of a handler class and its superclasses (up to, not including,
 * {@code Object}) and binds every name to one command.
 *
 * <p>Classes are read from the top of the hierarchy down. Within one class a name may be claimed by one
 * method only. A subclass method claiming a name replaces the superclass binding of that name only; the
 * superclass command keeps its other names. An overriding method without annotations adds nothing: the
 * superclass declaration stays, and invoking it dispatches to the override.
 */
final class CommandScanner {

    private static final Comparator<Method> DETERMINISTIC_ORDER =
            Comparator.comparing(Method::getName).thenComparing(CommandMethods::describe);

    private CommandScanner() {
    }

    /**
     * Scans a handler class.
     *
     * @return every name, upper case, mapped to its command
     * @throws CommandDeclarationException at the first wrong declaration, naming the method
     */
    static SortedMap<String, CommandInfo> scan(Class<?> handlerClass, CommandMethods.MethodAccess access) {
        Map<String, Declaration> bindings = new TreeMap<>();
        for (Class<?> type : topDown(handlerClass)) {
            bindings.putAll(declaredIn(type));
        }
        SortedMap<String, CommandInfo> commands = new TreeMap<>();
        Converters converters = Converters.of(handlerClass, access);
        for (Declaration declaration : new LinkedHashSet<>(bindings.values())) {
            List<String> names = declaration.names().stream()
                    .filter(name -> bindings.get(name) == declaration)
                    .toList();
            CommandMethods.makeAccessible(declaration.method(), access);
            Signature signature = SignatureReader.untyped(declaration.method()) ? null
                    : new Signature(SignatureReader.read(declaration.method(), converters, handlerClass, access));
            CommandInfo info = new CommandInfo(names.get(0), names, declaration.help().parameters(),
                    declaration.help().shortText(), declaration.help().longText(), declaration.hidden(),
                    declaration.method(), signature);
            names.forEach(name -> commands.put(name, info));
        }
        return commands;
    }

    private static Deque<Class<?>> topDown(Class<?> handlerClass) {
        Deque<Class<?>> types = new ArrayDeque<>();
        for (Class<?> type = handlerClass; type != null && type != Object.class; type = type.getSuperclass()) {
            types.addFirst(type);
        }
        return types;
    }

    /** The names one class declares, each mapped to its declaration. */
    private static Map<String, Declaration> declaredIn(Class<?> type) {
        Method[] methods = type.getDeclaredMethods();
        Arrays.sort(methods, DETERMINISTIC_ORDER);
        Map<String, Declaration> byName = new HashMap<>();
        for (Method method : methods) {
            Command[] annotations = method.getDeclaredAnnotationsByType(Command.class);
            if (annotations.length == 0 || method.isSynthetic() || method.isBridge()) {
                continue;
            }
            Declaration declaration = declare(method, annotations);
            for (String name : declaration.names()) {
                Declaration other = byName.putIfAbsent(name, declaration);
                if (other != null) {
                    throw new CommandDeclarationException(CommandMethods.describe(other.method()) + " and "
                            + CommandMethods.describe(method) + ": both are named " + name
                            + " (expected: each name on one method of a class)");
                }
            }
        }
        return byName;
    }

    private static Declaration declare(Method method, Command[] annotations) {
        CommandMethods.checkSignature(method);
        Set<String> names = new LinkedHashSet<>();
        Set<HelpText> helps = new LinkedHashSet<>();
        boolean hidden = false;
        for (Command annotation : annotations) {
            if (annotation.value().length == 0) {
                throw new CommandDeclarationException(CommandMethods.describe(method)
                        + ": @Command has no name (expected: at least one name)");
            }
            for (String name : annotation.value()) {
                String upper = checkName(method, name);
                if (!names.add(upper)) {
                    throw new CommandDeclarationException(CommandMethods.describe(method) + ": name " + upper
                            + " given twice (expected: each name once)");
                }
            }
            if (!annotation.help().isBlank()) {
                helps.add(parseHelp(method, annotation.help()));
            }
            hidden |= annotation.hidden();
        }
        if (helps.isEmpty()) {
            throw new CommandDeclarationException(CommandMethods.describe(method)
                    + ": no help text " + HelpText.EXPECTED);
        }
        if (helps.size() > 1) {
            throw new CommandDeclarationException(CommandMethods.describe(method)
                    + ": different help texts on stacked @Command annotations"
                    + " (expected: the help on one of them, or the same on each)");
        }
        return new Declaration(method, List.copyOf(names), helps.iterator().next(), hidden);
    }

    private static String checkName(Method method, String name) {
        boolean valid = !name.isEmpty() && name.codePoints().noneMatch(
                c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
        if (!valid) {
            throw new CommandDeclarationException(CommandMethods.describe(method) + ": name '" + name
                    + "' (expected: non-empty, without whitespace or control characters)");
        }
        return name.toUpperCase(Locale.ROOT);
    }

    private static HelpText parseHelp(Method method, String help) {
        try {
            return HelpText.parse(help);
        } catch (IllegalArgumentException e) {
            throw new CommandDeclarationException(CommandMethods.describe(method) + ": " + e.getMessage());
        }
    }

    /** One annotated method, its names in declaration order (upper case), help and hidden flag. */
    private record Declaration(Method method, List<String> names, HelpText help, boolean hidden) {
    }
}
