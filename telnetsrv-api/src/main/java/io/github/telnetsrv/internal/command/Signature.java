package io.github.telnetsrv.internal.command;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a typed command: binds the words typed after the command name to the method's arguments
 * (options anywhere, {@code --} ending them, positional words in order, the rest to a trailing list), writes the
 * usage and the help lines, and says what Tab may complete. Immutable; shared by every session.
 *
 * <p>Binding is linear in the words' length, whatever they hold (a word of a whole command line included): a word
 * longer than its type's bound is refused before it is converted, and an error quotes at most the start of a word.
 */
public final class Signature {

    /** The most characters of a word an error quotes; a longer word is cut and its length given. */
    static final int QUOTED_LENGTH = 40;

    private final List<ParamSpec> specs;
    private final List<ParamSpec> positional = new ArrayList<>();
    private final Map<String, ParamSpec> options = new LinkedHashMap<>();
    private final ParamSpec rest;

    Signature(List<ParamSpec> specs) {
        this.specs = List.copyOf(specs);
        ParamSpec restSpec = null;
        for (ParamSpec spec : specs) {
            switch (spec.kind()) {
                case POSITIONAL -> positional.add(spec);
                case REST -> restSpec = spec;
                case OPTION -> spec.optionNames().forEach(name -> options.put(name, spec));
            }
        }
        this.rest = restSpec;
    }

    /**
     * The usage: options first, then the positional parameters, for example
     * {@code [--times N] [--loud] NAME}.
     *
     * @return the usage, without the command name
     */
    public String usage() {
        List<String> parts = new ArrayList<>();
        for (ParamSpec spec : specs) {
            if (spec.kind() == ParamSpec.Kind.OPTION) {
                parts.add(spec.usage());
            }
        }
        for (ParamSpec spec : specs) {
            if (spec.kind() != ParamSpec.Kind.OPTION) {
                parts.add(spec.usage());
            }
        }
        return String.join(" ", parts);
    }

    /**
     * The lines {@code help NAME} adds after the long text: the arguments and the options, each with its
     * description and default, aligned.
     *
     * @return the lines, empty when there is nothing to say
     */
    public List<String> helpLines() {
        List<ParamSpec> described = new ArrayList<>();
        List<ParamSpec> opts = new ArrayList<>();
        for (ParamSpec spec : specs) {
            if (spec.kind() == ParamSpec.Kind.OPTION) {
                opts.add(spec);
            } else if (!spec.description().isEmpty() || spec.defaultValue() != null) {
                described.add(spec);
            }
        }
        int width = 0;
        for (ParamSpec spec : specs) {
            width = Math.max(width, spec.helpLabel().length());
        }
        List<String> lines = new ArrayList<>();
        section(lines, "Arguments:", described, width);
        section(lines, "Options:", opts, width);
        return lines;
    }

    private static void section(List<String> lines, String title, List<ParamSpec> specs, int width) {
        if (specs.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title);
        for (ParamSpec spec : specs) {
            String text = spec.description();
            if (spec.defaultValue() != null) {
                text = (text.isEmpty() ? "" : text + " ") + "(default: " + spec.defaultValue() + ")";
            }
            String label = "  " + spec.helpLabel();
            lines.add(text.isEmpty() ? label : label + " ".repeat(width + 4 - label.length()) + text);
        }
    }

    /**
     * The method's arguments for the words typed after the command name.
     *
     * @param handler the handler instance (for its converters)
     * @param words the words
     * @return the arguments, in the method's parameter order
     * @throws ArgumentException for a word that does not fit: its message names the parameter, says what was
     *     expected and what was given
     */
    public Object[] bind(Object handler, List<String> words) throws ArgumentException {
        Map<ParamSpec, List<Given>> given = new HashMap<>();
        List<String> positionalWords = new ArrayList<>();
        boolean endOfOptions = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!endOfOptions && word.equals("--")) {
                endOfOptions = true;
            } else if (!endOfOptions && word.startsWith("--") && word.length() > 2) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word : word.substring(0, eq);
                ParamSpec spec = option(name, word);
                String value = eq < 0 ? null : word.substring(eq + 1);
                if (value == null && !spec.flag()) {
                    if (i + 1 >= words.size()) {
                        throw new ArgumentException(name + " needs a value (" + spec.valueName() + ")");
                    }
                    value = words.get(++i);
                }
                add(given, spec, name, value);
            } else if (!endOfOptions && word.startsWith("-") && word.length() > 1 && !isNumber(word)) {
                i = shortOptions(words, i, given);
            } else {
                positionalWords.add(word);
            }
        }
        Object[] args = new Object[specs.size()];
        int next = 0;
        for (ParamSpec spec : positional) {
            if (next < positionalWords.size()) {
                args[spec.index()] = wrap(spec, convert(handler, spec, spec.name(), positionalWords.get(next++)));
            } else if (spec.defaultValue() != null) {
                args[spec.index()] = wrap(spec, convert(handler, spec, spec.name(), spec.defaultValue()));
            } else if (spec.shape() == ParamSpec.Shape.OPTIONAL) {
                args[spec.index()] = Optional.empty();
            } else {
                throw new ArgumentException("missing " + spec.name());
            }
        }
        if (rest != null) {
            List<Object> values = new ArrayList<>();
            while (next < positionalWords.size()) {
                values.add(convert(handler, rest, rest.name(), positionalWords.get(next++)));
            }
            args[rest.index()] = collect(rest, values);
        } else if (next < positionalWords.size()) {
            throw new ArgumentException("unexpected argument " + quoted(positionalWords.get(next)));
        }
        for (ParamSpec spec : specs) {
            if (spec.kind() == ParamSpec.Kind.OPTION) {
                args[spec.index()] = optionValue(handler, spec, given.getOrDefault(spec, List.of()));
            }
        }
        return args;
    }

    /** {@code -v}, {@code -lv} (flags), {@code -c 3}, {@code -c3}, {@code -c=3}; returns the last word used. */
    private int shortOptions(List<String> words, int i, Map<ParamSpec, List<Given>> given)
            throws ArgumentException {
        String word = words.get(i);
        for (int at = 1; at < word.length(); at++) {
            String name = "-" + word.charAt(at);
            ParamSpec spec = option(name, word);
            boolean equals = at + 1 < word.length() && word.charAt(at + 1) == '=';
            if (spec.flag()) {
                if (equals) {
                    add(given, spec, name, word.substring(at + 2));
                    return i;
                }
                add(given, spec, name, null); // -lv: one character at a time, nothing copied
                continue;
            }
            String value = word.substring(equals ? at + 2 : at + 1);
            if (value.isEmpty() && !equals) {
                if (i + 1 >= words.size()) {
                    throw new ArgumentException(name + " needs a value (" + spec.valueName() + ")");
                }
                value = words.get(++i);
            }
            add(given, spec, name, value);
            return i;
        }
        return i;
    }

    private ParamSpec option(String name, String word) throws ArgumentException {
        ParamSpec spec = options.get(name);
        if (spec == null) {
            throw new ArgumentException("unknown option " + quoted(word));
        }
        return spec;
    }

    private static void add(Map<ParamSpec, List<Given>> given, ParamSpec spec, String name, String value)
            throws ArgumentException {
        List<Given> values = given.computeIfAbsent(spec, s -> new ArrayList<>());
        if (!values.isEmpty() && !spec.repeatable()) {
            throw new ArgumentException(name + " given twice (expected: once)");
        }
        if (spec.flag()) {
            values.clear(); // a flag's last occurrence decides: -vvvv... keeps one, not one per character
        }
        values.add(new Given(name, value));
    }

    private static Object optionValue(Object handler, ParamSpec spec, List<Given> given)
            throws ArgumentException {
        if (spec.flag()) {
            Object value = Boolean.FALSE;
            for (Given g : given) {
                value = g.value() == null ? Boolean.TRUE : convert(handler, spec, g.name(), g.value());
            }
            if (given.isEmpty() && spec.defaultValue() != null) {
                value = convert(handler, spec, spec.name(), spec.defaultValue());
            }
            return value;
        }
        if (spec.repeatable()) {
            List<Object> values = new ArrayList<>();
            for (Given g : given) {
                values.add(convert(handler, spec, g.name(), g.value()));
            }
            if (given.isEmpty() && spec.defaultValue() != null) {
                values.add(convert(handler, spec, spec.name(), spec.defaultValue()));
            }
            return collect(spec, values);
        }
        if (!given.isEmpty()) {
            return wrap(spec, convert(handler, spec, given.get(0).name(), given.get(0).value()));
        }
        if (spec.defaultValue() != null) {
            return wrap(spec, convert(handler, spec, spec.name(), spec.defaultValue()));
        }
        if (spec.shape() == ParamSpec.Shape.OPTIONAL) {
            return Optional.empty();
        }
        return spec.elementType().isPrimitive() ? Array.get(Array.newInstance(spec.elementType(), 1), 0) : null;
    }

    /**
     * A word's value. A word longer than the conversion's bound is refused unread; an
     * {@link IllegalArgumentException} is the user's mistake; anything else a converter throws (a handler's
     * converter failing) propagates: it is a failure of the command, not a usage error.
     */
    private static Object convert(Object handler, ParamSpec spec, String name, String word)
            throws ArgumentException {
        Converters.Conversion conversion = spec.conversion();
        if (word.length() > conversion.maxLength()) {
            throw new ArgumentException(name + ": expected " + conversion.expected() + ", got " + word.length()
                    + " characters (at most " + conversion.maxLength() + ")");
        }
        try {
            return conversion.convert(handler, word);
        } catch (IllegalArgumentException e) {
            throw new ArgumentException(name + ": expected " + conversion.expected() + ", got " + quoted(word));
        }
    }

    /** A word as an error shows it: in quotes, cut after {@link #QUOTED_LENGTH} characters with its length. */
    static String quoted(String word) {
        if (word.length() <= QUOTED_LENGTH) {
            return "'" + word + "'";
        }
        int end = QUOTED_LENGTH;
        if (Character.isHighSurrogate(word.charAt(end - 1))) {
            end--; // never half a character
        }
        return "'" + word.substring(0, end) + "...' (" + word.length() + " characters)";
    }

    private static Object wrap(ParamSpec spec, Object value) {
        return spec.shape() == ParamSpec.Shape.OPTIONAL ? Optional.of(value) : value;
    }

    private static Object collect(ParamSpec spec, List<Object> values) {
        if (spec.shape() != ParamSpec.Shape.ARRAY) {
            return List.copyOf(values);
        }
        Object array = Array.newInstance(spec.elementType(), values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, values.get(i));
        }
        return array;
    }

    private static boolean isNumber(String word) {
        try {
            Double.parseDouble(word);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ completion

    /**
     * What Tab may complete for the word being typed.
     *
     * @param handler the handler instance (for named completers)
     * @param wordsBefore the arguments before the word
     * @param word the typed part of the word
     * @return where the word stands and the candidates the declaration gives
     * @throws Exception whatever a named completer throws
     */
    public Candidates complete(Object handler, List<String> wordsBefore, String word) throws Exception {
        boolean endOfOptions = false;
        ParamSpec pending = null;
        String pendingName = null;
        int positionalIndex = 0;
        for (String before : wordsBefore) {
            if (pending != null) {
                pending = null;
                continue;
            }
            if (!endOfOptions && before.equals("--")) {
                endOfOptions = true;
            } else if (!endOfOptions && before.startsWith("-") && before.length() > 1 && !isNumber(before)) {
                String name = before.startsWith("--") ? before.split("=", 2)[0] : before.substring(0, 2);
                ParamSpec spec = options.get(name);
                boolean inline = before.startsWith("--") ? before.contains("=") : before.length() > 2;
                if (spec != null && !spec.flag() && !inline) {
                    pending = spec;
                    pendingName = name;
                }
            } else {
                positionalIndex++;
            }
        }
        if (pending != null) {
            return new Candidates(pendingName, values(handler, pending, word, ""));
        }
        if (!endOfOptions && word.startsWith("-")) {
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0) {
                ParamSpec spec = options.get(word.substring(0, eq));
                if (spec == null) {
                    return new Candidates(null, List.of());
                }
                return new Candidates(word.substring(0, eq),
                        values(handler, spec, word.substring(eq + 1), word.substring(0, eq + 1)));
            }
            List<String> names = new ArrayList<>();
            for (String name : options.keySet()) {
                if (name.startsWith(word) && (name.startsWith("--") || word.length() <= 2)) {
                    names.add(name);
                }
            }
            return new Candidates(null, names);
        }
        ParamSpec spec = positionalIndex < positional.size() ? positional.get(positionalIndex) : rest;
        return new Candidates(null, spec == null ? List.of() : values(handler, spec, word, ""));
    }

    private static List<String> values(Object handler, ParamSpec spec, String prefix, String lead)
            throws Exception {
        List<String> found;
        if (spec.completer() != null) {
            Method method = spec.completer();
            try {
                Object result = method.invoke(Modifier.isStatic(method.getModifiers()) ? null : handler, prefix);
                found = new ArrayList<>();
                if (result instanceof List<?> list) {
                    for (Object item : list) {
                        if (item != null && item.toString().startsWith(prefix)) {
                            found.add(item.toString());
                        }
                    }
                }
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        } else {
            found = spec.flag() ? List.of() : spec.conversion().candidates(prefix);
        }
        if (lead.isEmpty()) {
            return found;
        }
        return found.stream().map(value -> lead + value).toList();
    }

    /**
     * Tab's candidates from the declaration.
     *
     * @param option the option whose value is completed, as typed, or {@code null}
     * @param values the candidates
     */
    public record Candidates(String option, List<String> values) {
    }

    /** One occurrence of an option: the name as typed, the value ({@code null} for a bare flag). */
    private record Given(String name, String value) {
    }

    @Override
    public String toString() {
        return "Signature[" + usage() + "]";
    }
}
