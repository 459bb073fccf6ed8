package io.github.telnetsrv.internal.command;

import io.github.telnetsrv.CommandDeclarationException;
import io.github.telnetsrv.Converter;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns typed words into the types of command parameters: the built-in types a console uses, and the handler's
 * own through its {@link Converter} methods. Immutable once built; shared by every session of the handler class.
 */
final class Converters {

    /** One conversion: what a valid word looks like, and how to make the value. */
    interface Conversion {
        /**
         * What a valid word looks like, for errors: "an integer", "one of red, green".
         *
         * @return the description
         */
        String expected();

        /**
         * The value of a word.
         *
         * @param handler the handler instance (for instance converters), or {@code null} for built-ins
         * @param word the word
         * @return the value
         * @throws Exception if the word is not a valid value
         */
        Object convert(Object handler, String word) throws Exception;

        /**
         * Tab's candidates the type itself gives (an enum's constants), starting with {@code prefix}.
         *
         * @param prefix the typed part
         * @return the candidates, possibly none
         */
        default List<String> candidates(String prefix) {
            return List.of();
        }

        /**
         * Whether {@link #convert} needs the handler instance (an instance {@link Converter} method).
         *
         * @return true if it does
         */
        default boolean needsHandler() {
            return false;
        }
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final Map<Class<?>, Conversion> BUILT_IN = builtIn();

    private final Map<Class<?>, Conversion> own;

    private Converters(Map<Class<?>, Conversion> own) {
        this.own = Map.copyOf(own);
    }

    /**
     * The converters of a handler class: its {@link Converter} methods and its superclasses', over the built-in
     * ones.
     *
     * @param handlerClass the class
     * @param access makes the methods callable
     * @return the converters
     * @throws CommandDeclarationException for a wrongly declared converter, naming the method
     */
    static Converters of(Class<?> handlerClass, CommandMethods.MethodAccess access) {
        Map<Class<?>, Conversion> own = new HashMap<>();
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> type = handlerClass; type != null && type != Object.class; type = type.getSuperclass()) {
            types.add(0, type);
        }
        for (Class<?> type : types) {
            Map<Class<?>, Method> inClass = new HashMap<>();
            Method[] methods = type.getDeclaredMethods();
            Arrays.sort(methods, java.util.Comparator.comparing(CommandMethods::describe));
            for (Method method : methods) {
                Converter annotation = method.getDeclaredAnnotation(Converter.class);
                if (annotation == null || method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                checkConverter(method, annotation);
                Method other = inClass.putIfAbsent(method.getReturnType(), method);
                if (other != null) {
                    throw new CommandDeclarationException(CommandMethods.describe(other) + " and "
                            + CommandMethods.describe(method) + ": both convert to "
                            + method.getReturnType().getName() + " (expected: one converter per type in a class)");
                }
                CommandMethods.makeAccessible(method, access);
                own.put(method.getReturnType(), handlerConversion(method, annotation.value()));
            }
        }
        return new Converters(own);
    }

    /**
     * The conversion to a type, or {@code null} if there is none.
     *
     * @param type a parameter's (element) type
     * @return the conversion, or {@code null}
     */
    Conversion find(Class<?> type) {
        Class<?> boxed = box(type);
        Conversion found = own.get(boxed);
        if (found != null) {
            return found;
        }
        found = BUILT_IN.get(boxed);
        if (found != null) {
            return found;
        }
        if (boxed.isEnum()) {
            return enumConversion(boxed);
        }
        return null;
    }

    private static void checkConverter(Method method, Converter annotation) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != String.class) {
            throw new CommandDeclarationException(CommandMethods.describe(method)
                    + ": a converter takes one String (expected: T name(String text))");
        }
        if (method.getReturnType() == void.class || method.getReturnType().isPrimitive()) {
            throw new CommandDeclarationException(CommandMethods.describe(method)
                    + ": a converter returns the type it makes, not " + method.getReturnType().getName()
                    + " (expected: T name(String text), T a class)");
        }
        if (annotation.value().isBlank()) {
            throw new CommandDeclarationException(CommandMethods.describe(method)
                    + ": @Converter has no description (expected: what a valid word looks like, "
                    + "for example \"a point as X,Y\")");
        }
    }

    private static Conversion handlerConversion(Method method, String expected) {
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        return new Conversion() {
            @Override
            public String expected() {
                return expected;
            }

            @Override
            public boolean needsHandler() {
                return !isStatic;
            }

            @Override
            public Object convert(Object handler, String word) throws Exception {
                try {
                    Object value = method.invoke(isStatic ? null : handler, word);
                    if (value == null) {
                        throw new IllegalArgumentException("no value");
                    }
                    return value;
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        };
    }

    private static Conversion enumConversion(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        List<String> names = new ArrayList<>(constants.length);
        for (Object constant : constants) {
            names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
        }
        String expected = "one of " + String.join(", ", names);
        return new Conversion() {
            @Override
            public String expected() {
                return expected;
            }

            @Override
            public Object convert(Object handler, String word) {
                for (Object constant : constants) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(word)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException(word);
            }

            @Override
            public List<String> candidates(String prefix) {
                String lower = prefix.toLowerCase(Locale.ROOT);
                return names.stream().filter(name -> name.startsWith(lower)).toList();
            }
        };
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            default -> type;
        };
    }

    /** A built-in conversion from a function of the word. */
    private static Conversion simple(String expected, WordFunction function) {
        return new Conversion() {
            @Override
            public String expected() {
                return expected;
            }

            @Override
            public Object convert(Object handler, String word) throws Exception {
                return function.apply(word);
            }
        };
    }

    @FunctionalInterface
    private interface WordFunction {
        Object apply(String word) throws Exception;
    }

    private static Map<Class<?>, Conversion> builtIn() {
        Map<Class<?>, Conversion> map = new HashMap<>();
        map.put(String.class, simple("text", word -> word));
        map.put(CharSequence.class, simple("text", word -> word));
        map.put(Integer.class, simple("an integer", word -> Integer.valueOf(word.strip())));
        map.put(Long.class, simple("an integer", word -> Long.valueOf(word.strip())));
        map.put(Short.class, simple("an integer from -32768 to 32767", word -> Short.valueOf(word.strip())));
        map.put(Byte.class, simple("an integer from -128 to 127", word -> Byte.valueOf(word.strip())));
        map.put(Double.class, simple("a number", word -> finite(Double.parseDouble(word.strip()))));
        map.put(Float.class, simple("a number", word -> (float) finite(Float.parseFloat(word.strip()))));
        map.put(BigInteger.class, simple("an integer", word -> new BigInteger(word.strip())));
        map.put(BigDecimal.class, simple("a number", word -> new BigDecimal(word.strip())));
        map.put(Boolean.class, simple("true or false (yes/no, on/off)", Converters::bool));
        map.put(Character.class, simple("one character", word -> {
            if (word.codePointCount(0, word.length()) != 1 || Character.isSupplementaryCodePoint(word.codePointAt(0))) {
                throw new IllegalArgumentException(word);
            }
            return word.charAt(0);
        }));
        map.put(Duration.class, simple("a duration such as 10s, 5m, 1h30m, 250ms or PT10S", Converters::duration));
        map.put(Path.class, simple("a path", Path::of));
        map.put(File.class, simple("a path", word -> Path.of(word).toFile()));
        map.put(URI.class, simple("a URI", URI::new));
        map.put(InetAddress.class, simple("an IP address", Converters::address));
        map.put(LocalDate.class, simple("a date as 2024-01-31", LocalDate::parse));
        map.put(LocalTime.class, simple("a time as 13:45 or 13:45:30", LocalTime::parse));
        map.put(LocalDateTime.class, simple("a date and time as 2024-01-31T13:45", LocalDateTime::parse));
        map.put(Instant.class, simple("an instant as 2024-01-31T13:45:00Z", Instant::parse));
        map.put(UUID.class, simple("a UUID", UUID::fromString));
        map.put(Charset.class, simple("a character set name such as UTF-8", Charset::forName));
        return Map.copyOf(map);
    }

    private static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite");
        }
        return value;
    }

    private static Boolean bool(String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(word);
        };
    }

    /** {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, {@code 2d}, a bare number of seconds, or ISO-8601. */
    static Duration duration(String word) {
        String text = word.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        if (text.charAt(0) == 'P' || text.charAt(0) == 'p') {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher part = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!part.find(at) || part.start() != at) {
                throw new IllegalArgumentException(word);
            }
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            at = part.end();
        }
        return total;
    }

    /** An IP address literal only: a host name would need a DNS lookup on the session's thread. */
    private static InetAddress address(String word) throws Exception {
        String text = word.strip();
        boolean literal = !text.isEmpty() && (text.indexOf(':') >= 0
                || text.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
        if (!literal) {
            throw new IllegalArgumentException(word);
        }
        return InetAddress.getByName(text);
    }

    @Override
    public String toString() {
        return "Converters" + Objects.toString(own.keySet());
    }
}
