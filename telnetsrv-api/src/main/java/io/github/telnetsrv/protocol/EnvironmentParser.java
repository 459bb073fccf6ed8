package io.github.telnetsrv.protocol;

import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.ESC;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.USERVAR;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.VALUE;
import static io.github.telnetsrv.protocol.TelnetOption.Subnegotiation.VAR;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the variable list of a NEW-ENVIRON IS or INFO (RFC 1572): {@code VAR} (0) or
 * {@code USERVAR} (3) and a name, then optionally {@code VALUE} (1) and a value; {@code ESC} (2)
 * makes the next byte literal. A variable with a VALUE is defined (possibly empty); one without is
 * undefined ({@code value == null}). Names and values are decoded as UTF-8. Stateless.
 */
final class EnvironmentParser {


    /** One variable: {@code value} is {@code null} when the client says it is undefined. */
    record Variable(String name, String value) {
    }

    /** Thrown inside the parser for a list that must be rejected as a whole. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private EnvironmentParser() {
    }

    /**
     * Parses {@code buf[off..off+len)} (after the IS/INFO byte).
     *
     * @throws Malformed for a trailing ESC or bytes before the first VAR/USERVAR
     */
    static List<Variable> parse(byte[] buf, int off, int len) throws Malformed {
        List<Variable> variables = new ArrayList<>();
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        boolean inVariable = false;
        boolean hasValue = false;
        int end = off + len;
        for (int i = off; i < end; i++) {
            int b = buf[i] & 0xFF;
            if (b == VAR || b == USERVAR) {
                if (inVariable) {
                    variables.add(variable(name, value, hasValue));
                }
                inVariable = true;
                hasValue = false;
                name.reset();
                value.reset();
                continue;
            }
            if (!inVariable) {
                throw new Malformed("byte " + Warnings.hex(b) + " before the first VAR or USERVAR");
            }
            if (b == VALUE && !hasValue) {
                hasValue = true;
                continue;
            }
            if (b == ESC) {
                if (i + 1 == end) {
                    throw new Malformed("ESC at the end (expected: ESC and the byte it escapes)");
                }
                b = buf[++i] & 0xFF;
            }
            (hasValue ? value : name).write(b);
        }
        if (inVariable) {
            variables.add(variable(name, value, hasValue));
        }
        return variables;
    }

    private static Variable variable(ByteArrayOutputStream name, ByteArrayOutputStream value, boolean hasValue) {
        return new Variable(name.toString(StandardCharsets.UTF_8),
                hasValue ? value.toString(StandardCharsets.UTF_8) : null);
    }
}
