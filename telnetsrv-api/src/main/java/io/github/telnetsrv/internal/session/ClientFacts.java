package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.spi.ClientText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an unauthenticated client says about itself (its terminal type, its environment, the user name it logs in
 * with), made safe at the boundary where the session hands it to handler code and to the server's registry, which
 * an operator's console prints: no byte of it can drive the terminal it is shown on.
 *
 * <ul>
 *   <li>A terminal type is kept only when it is 1 to {@value #MAX_TERMINAL_TYPE} characters of printable ASCII
 *       without spaces (RFC 1091 allows 40 characters: letters, digits, {@code -}, {@code /}; clients also send
 *       lower case, {@code .}, {@code +}, {@code _}); any other is treated as no terminal type ({@code null}).</li>
 *   <li>A user name, an environment variable's name and its value have each control character (see
 *       {@link ClientText#printable}) replaced by U+FFFD.</li>
 * </ul>
 *
 * <p>Stateless; any thread.
 */
public final class ClientFacts {

    /** The longest terminal type kept, as RFC 1091 allows. */
    public static final int MAX_TERMINAL_TYPE = 40;

    private ClientFacts() {
    }

    /**
     * The terminal type as the session gives it out.
     *
     * @param reported what the client reported, or {@code null}
     * @return the type, or {@code null} when none was reported or it is not printable ASCII of at most
     *     {@value #MAX_TERMINAL_TYPE} characters
     */
    public static String terminalType(String reported) {
        if (reported == null || reported.isEmpty() || reported.length() > MAX_TERMINAL_TYPE) {
            return null;
        }
        for (int i = 0; i < reported.length(); i++) {
            char c = reported.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return null;
            }
        }
        return reported;
    }

    /**
     * A user name as the session gives it out.
     *
     * @param name the name the client logged in with, or {@code null}
     * @return the name with its control characters replaced, or {@code null}
     */
    public static String username(String name) {
        return ClientText.printable(name);
    }

    /**
     * The environment as the session gives it out: the same variables in the same order, names and values with
     * their control characters replaced (of two names that become the same, the first is kept).
     *
     * @param reported the variables the client sent
     * @return {@code reported} itself when it has no control character, else an unmodifiable safe copy
     */
    public static Map<String, String> environment(Map<String, String> reported) {
        boolean clean = true;
        for (Map.Entry<String, String> variable : reported.entrySet()) {
            if (!same(variable.getKey()) || !same(variable.getValue())) {
                clean = false;
                break;
            }
        }
        if (clean) {
            return reported;
        }
        Map<String, String> safe = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : reported.entrySet()) {
            safe.putIfAbsent(ClientText.printable(variable.getKey()), ClientText.printable(variable.getValue()));
        }
        return Collections.unmodifiableMap(safe);
    }

    private static boolean same(String text) {
        return text == null || ClientText.printable(text) == text;
    }
}
