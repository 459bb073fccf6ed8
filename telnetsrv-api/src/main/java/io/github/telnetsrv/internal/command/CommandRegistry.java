package io.github.telnetsrv.internal.command;

import io.github.telnetsrv.CommandDeclarationException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The commands of one handler class: every {@code @Command} method of the class and its superclasses (up to,
 * not including, {@code Object}), by name.
 *
 * <p>Computed once per class, on first use, and cached; immutable and thread-safe, shared by every session of
 * the class. A class with a wrong declaration is never cached: {@link #of} throws each time it is asked.
 *
 * <p>Binding rules: names are case-insensitive and stored upper case; within one class a name belongs to one
 * method; a subclass method claiming a name replaces the superclass binding of that name only (the
 * superclass command keeps its other names); an overriding method without annotations keeps the superclass
 * declaration and runs through Java's virtual dispatch.
 */
public final class CommandRegistry {

    private static final ClassValue<CommandRegistry> REGISTRIES = new ClassValue<>() {
        @Override
        protected CommandRegistry computeValue(Class<?> handlerClass) {
            return new CommandRegistry(handlerClass, CommandScanner.scan(handlerClass, Method::trySetAccessible));
        }
    };

    private final Class<?> handlerClass;
    private final SortedMap<String, CommandInfo> byName;
    private final SortedSet<String> names;
    private final List<String> visibleNames;
    private final List<CommandInfo> commands;

    CommandRegistry(Class<?> handlerClass, SortedMap<String, CommandInfo> byName) {
        this.handlerClass = handlerClass;
        this.byName = Collections.unmodifiableSortedMap(byName);
        this.names = Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
        this.visibleNames = byName.entrySet().stream()
                .filter(entry -> !entry.getValue().hidden())
                .map(SortedMap.Entry::getKey)
                .toList();
        this.commands = List.copyOf(new LinkedHashSet<>(byName.values()));
    }

    /**
     * The commands of a handler class, computed on the first call for that class and the same instance
     * afterwards. Safe to call from any thread.
     *
     * @param handlerClass the handler class (its superclasses are scanned too)
     * @return the class's registry
     * @throws CommandDeclarationException if a command is declared wrongly; the message names the method and
     *         says what was expected
     */
    public static CommandRegistry of(Class<?> handlerClass) {
        Objects.requireNonNull(handlerClass, "handlerClass");
        return REGISTRIES.get(handlerClass);
    }

    /**
     * Finds a command by any of its names, ignoring case.
     *
     * @param name a name as typed
     * @return the command, or empty if no command has that name
     */
    public Optional<CommandInfo> find(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(byName.get(name.toUpperCase(Locale.ROOT)));
    }

    /**
     * Every name, hidden ones included, upper case, sorted by {@link String#compareTo} (ASCII order: {@code "?"}
     * before {@code "BYE"}).
     *
     * @return the names, unmodifiable
     */
    public SortedSet<String> names() {
        return names;
    }

    /**
     * The names of the commands that are not hidden, sorted like {@link #names()}: what {@code help} lists
     * and what Tab completes.
     *
     * @return the names, unmodifiable
     */
    public List<String> visibleNames() {
        return visibleNames;
    }

    /**
     * Every command once, in the order of the first of its names.
     *
     * @return the commands, unmodifiable
     */
    public List<CommandInfo> commands() {
        return commands;
    }

    /**
     * The class this registry was computed for.
     *
     * @return the handler class
     */
    public Class<?> handlerClass() {
        return handlerClass;
    }

    @Override
    public String toString() {
        return "CommandRegistry[" + handlerClass.getName() + ": " + names + "]";
    }
}
