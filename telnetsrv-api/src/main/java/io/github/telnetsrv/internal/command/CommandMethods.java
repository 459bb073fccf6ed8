package io.github.telnetsrv.internal.command;

import io.github.telnetsrv.CommandDeclarationException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The shape a command method must have, and how methods are named in declaration errors. */
final class CommandMethods {

    private static final String EXPECTED_SIGNATURE = "(expected: void name(List<String> params), or typed parameters)";

    private CommandMethods() {
    }

    /**
     * Names a method as declaration errors do: {@code com.example.MyHandler.echo(List)}.
     */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Checks that a method can be a command: an instance method returning {@code void}. Its parameters are
     * checked by {@link SignatureReader}.
     *
     * @throws CommandDeclarationException naming the method and saying what was expected
     */
    static void checkSignature(Method method) {
        if (Modifier.isStatic(method.getModifiers())) {
            throw new CommandDeclarationException(describe(method)
                    + ": a command is an instance method, not static " + EXPECTED_SIGNATURE);
        }
        if (method.getReturnType() != void.class) {
            throw new CommandDeclarationException(describe(method) + ": a command returns void, not "
                    + method.getGenericReturnType().getTypeName() + " " + EXPECTED_SIGNATURE);
        }
    }

    /**
     * Makes a method callable from this module, or says how to allow it.
     *
     * @throws CommandDeclarationException if the method's package is not open to this module
     */
    static void makeAccessible(Method method, MethodAccess access) {
        if (!access.makeAccessible(method)) {
            Module module = method.getDeclaringClass().getModule();
            throw new CommandDeclarationException(describe(method)
                    + ": cannot be called by telnetsrv; open its package to the module (expected: `opens "
                    + method.getDeclaringClass().getPackageName() + " to io.github.telnetsrv;` in "
                    + (module.isNamed() ? "the module-info.java of " + module.getName() : "its module-info.java")
                    + ")");
        }
    }

    /** Makes a method callable: {@link Method#trySetAccessible()} in production, a fake in tests. */
    @FunctionalInterface
    interface MethodAccess {
        /** Returns whether {@code method} can now be invoked reflectively. */
        boolean makeAccessible(Method method);
    }
}
