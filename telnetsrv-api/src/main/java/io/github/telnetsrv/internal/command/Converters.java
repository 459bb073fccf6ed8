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

/**
 * Turns typed words into the types of command parameters: the built-in types a console uses, and the handler's
 * own through its {@link Converter} methods. Immutable once built; shared by every session of the handler class.
 *
 * <p>A word can be as long as a command line ({@code maxCommandLength}, up to 16 Mi characters), so every built-in
 * conversion does work bounded by a length of its own ({@link Conversion#maxLength()}, checked before it runs) and
 * linear in the word: no regular expression that backtracks, no parse that is quadratic in the digits
 * ({@code BigInteger}), no name service ({@code InetAddress} takes literals only).
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
         * The value of a word no longer than {@link #maxLength()}.
         *
         * @param handler the handler instance (for instance converters), or {@code null} for built-ins
         * @param word the word
         * @return the value
         * @throws IllegalArgumentException if the word is not a valid value (the user's mistake)
         * @throws IllegalStateException if a handler's converter failed otherwise (a bug of the handler; the
         *     converter's exception is the cause)
         */
        Object convert(Object handler, String word);

        /**
         * The longest word worth converting: a longer one is refused before {@link #convert} runs, so that no
         * conversion works on a word of megabytes.
         *
         * @return the bound, in UTF-16 characters; {@link Integer#MAX_VALUE} for none (text, a handler's own type)
         */
        default int maxLength() {
            return Integer.MAX_VALUE;
        }

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

    /** The bound on a word for a number of a fixed size, a boolean, a character. */
    static final int NUMBER_LENGTH = 100;
    /** The bound on a word for a {@code BigInteger} or {@code BigDecimal}, whose parse grows with the digits. */
    static final int BIG_NUMBER_LENGTH = 1000;
    /** The bound on a word for a duration, an address, a date or time, a UUID, a character set. */
    static final int SHORT_LENGTH = 64;
    /** The bound on a path: the usual {@code PATH_MAX}. */
    static final int PATH_LENGTH = 4096;
    /** The bound on a URI, as web servers commonly bound a request's. */
    static final int URI_LENGTH = 8192;
    /** The most digits an amount of a duration can have ({@link Long#MAX_VALUE} has 19). */
    private static final int MAX_AMOUNT_DIGITS = 19;
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
            public Object convert(Object handler, String word) {
                Object value;
                try {
                    value = method.invoke(isStatic ? null : handler, word);
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IllegalArgumentException invalid) {
                        throw invalid; // the word is not a valid value: the user's mistake
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw converterFailed(method, cause);
                } catch (IllegalAccessException e) {
                    throw converterFailed(method, e);
                }
                if (value == null) {
                    throw new IllegalArgumentException("no value");
                }
                return value;
            }
        };
    }

    /** A handler's converter threw what does not mean "not a valid value": a bug of the handler, not the user's. */
    private static IllegalStateException converterFailed(Method method, Throwable cause) {
        return new IllegalStateException("converter " + CommandMethods.describe(method) + " failed with "
                + cause.getClass().getName() + " (expected: a value, or an IllegalArgumentException for a word "
                + "that is not one)", cause);
    }

    private static Conversion enumConversion(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        List<String> names = new ArrayList<>(constants.length);
        for (Object constant : constants) {
            names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
        }
        String expected = "one of " + String.join(", ", names);
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        return new Conversion() {
            @Override
            public String expected() {
                return expected;
            }

            @Override
            public int maxLength() {
                return longest;
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

    /**
     * A built-in conversion from a function of the word: whatever the function throws means the word is not
     * valid (the JDK's parsers throw their own exceptions, checked or not).
     */
    private static Conversion simple(String expected, int maxLength, WordFunction function) {
        return new Conversion() {
            @Override
            public String expected() {
                return expected;
            }

            @Override
            public int maxLength() {
                return maxLength;
            }

            @Override
            public Object convert(Object handler, String word) {
                try {
                    return function.apply(word);
                } catch (IllegalArgumentException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        };
    }

    @FunctionalInterface
    private interface WordFunction {
        Object apply(String word) throws Exception;
    }

    private static Map<Class<?>, Conversion> builtIn() {
        Map<Class<?>, Conversion> map = new HashMap<>();
        map.put(String.class, simple("text", Integer.MAX_VALUE, word -> word));
        map.put(CharSequence.class, simple("text", Integer.MAX_VALUE, word -> word));
        map.put(Integer.class, simple("an integer", NUMBER_LENGTH, word -> Integer.valueOf(word.strip())));
        map.put(Long.class, simple("an integer", NUMBER_LENGTH, word -> Long.valueOf(word.strip())));
        map.put(Short.class, simple("an integer from -32768 to 32767", NUMBER_LENGTH,
                word -> Short.valueOf(word.strip())));
        map.put(Byte.class, simple("an integer from -128 to 127", NUMBER_LENGTH, word -> Byte.valueOf(word.strip())));
        map.put(Double.class, simple("a number", NUMBER_LENGTH, word -> finite(Double.parseDouble(word.strip()))));
        map.put(Float.class, simple("a number", NUMBER_LENGTH,
                word -> (float) finite(Float.parseFloat(word.strip()))));
        map.put(BigInteger.class, simple("an integer", BIG_NUMBER_LENGTH, word -> new BigInteger(word.strip())));
        map.put(BigDecimal.class, simple("a number", BIG_NUMBER_LENGTH, word -> new BigDecimal(word.strip())));
        map.put(Boolean.class, simple("true or false (yes/no, on/off)", NUMBER_LENGTH, Converters::bool));
        map.put(Character.class, simple("one character", NUMBER_LENGTH, word -> {
            if (word.codePointCount(0, word.length()) != 1 || Character.isSupplementaryCodePoint(word.codePointAt(0))) {
                throw new IllegalArgumentException(word);
            }
            return word.charAt(0);
        }));
        map.put(Duration.class, simple("a duration such as 10s, 5m, 1h30m, 250ms or PT10S", SHORT_LENGTH,
                Converters::duration));
        map.put(Path.class, simple("a path", PATH_LENGTH, Path::of));
        map.put(File.class, simple("a path", PATH_LENGTH, word -> Path.of(word).toFile()));
        map.put(URI.class, simple("a URI", URI_LENGTH, URI::new));
        map.put(InetAddress.class, simple("an IP address such as 192.0.2.1 or 2001:db8::1", SHORT_LENGTH,
                AddressLiteral::parse));
        map.put(LocalDate.class, simple("a date as 2024-01-31", SHORT_LENGTH, LocalDate::parse));
        map.put(LocalTime.class, simple("a time as 13:45 or 13:45:30", SHORT_LENGTH, LocalTime::parse));
        map.put(LocalDateTime.class, simple("a date and time as 2024-01-31T13:45", SHORT_LENGTH,
                LocalDateTime::parse));
        map.put(Instant.class, simple("an instant as 2024-01-31T13:45:00Z", SHORT_LENGTH, Instant::parse));
        map.put(UUID.class, simple("a UUID", SHORT_LENGTH, UUID::fromString));
        map.put(Charset.class, simple("a character set name such as UTF-8", SHORT_LENGTH, Charset::forName));
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

    /**
     * {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, {@code 2d}, a bare number of seconds, or ISO-8601.
     * One pass over the word: each character is looked at once.
     *
     * @param word the word
     * @return the duration
     * @throws IllegalArgumentException if the word is none of these, or the duration does not fit
     */
    static Duration duration(String word) {
        String text = word.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        if (text.charAt(0) == 'P' || text.charAt(0) == 'p') {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        try {
            Duration total = Duration.ZERO;
            int at = 0;
            int length = text.length();
            while (at < length) {
                int digits = at;
                while (at < length && isAsciiDigit(text.charAt(at))) {
                    at++;
                }
                if (at == digits || at - digits > MAX_AMOUNT_DIGITS) {
                    throw new IllegalArgumentException(word);
                }
                long amount = Long.parseLong(text, digits, at, 10);
                if (at == length && digits == 0) {
                    return Duration.ofSeconds(amount); // a bare number: seconds
                }
                if (at == length) {
                    throw new IllegalArgumentException(word); // a number without a unit after others
                }
                char unit = Character.toLowerCase(text.charAt(at));
                if (unit == 'm' && at + 1 < length && Character.toLowerCase(text.charAt(at + 1)) == 's') {
                    total = total.plus(Duration.ofMillis(amount));
                    at += 2;
                    continue;
                }
                total = total.plus(switch (unit) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new IllegalArgumentException(word);
                });
                at++;
            }
            return total;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(word, e);
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return "Converters" + Objects.toString(own.keySet());
    }
}
