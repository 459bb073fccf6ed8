package io.github.telnetsrv.examples;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The demo server's command line: {@code --port N}, {@code --bind ADDR}, {@code --mode virtual|threaded},
 * {@code --login} and {@code --help}. Each flag with a value also takes the {@code --flag=value} form; a flag
 * given twice keeps its last value. Immutable.
 *
 * @param port the port to listen on, {@code 0..65535} (0 = ephemeral)
 * @param bind the address to listen on, as given (a literal or a host name that resolves)
 * @param mode the runtime: {@code "virtual"} or {@code "threaded"}
 * @param login whether sessions log in (user {@value DemoHandler#USER}, password {@value DemoHandler#PASSWORD})
 * @param help whether {@code --help} was asked (then nothing is started)
 */
public record DemoOptions(int port, String bind, String mode, boolean login, boolean help) {

    /** The port when none is given. */
    public static final int DEFAULT_PORT = 8023;
    /** The address when none is given. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The runtime when none is given. */
    public static final String DEFAULT_MODE = "virtual";

    /** The usage text, ending with a line break. */
    public static final String USAGE = """
            Usage: java -jar telnetsrv-demo.jar [--port N] [--bind ADDR] [--mode virtual|threaded] [--login]

            Serves the telnetsrv demo command line (echo, timer, info, help, history, bye).

              --port N          port to listen on (default 8023; 0 = any free port)
              --bind ADDR       address to listen on (default 127.0.0.1; 0.0.0.0 for all IPv4 interfaces)
              --mode MODE       runtime: virtual (virtual threads, the default) or threaded (platform threads)
              --login           ask for a username and password (the demo accepts admin / secret)
              --help            print this text and exit
            """;

    /** Checks the values. */
    public DemoOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " (expected: 0..65535)");
        }
        if (!"virtual".equals(mode) && !"threaded".equals(mode)) {
            throw new IllegalArgumentException("--mode: " + mode + " (expected: virtual or threaded)");
        }
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("--bind: empty (expected: an IP address or a host name)");
        }
    }

    /**
     * Reads a command line.
     *
     * @param args the arguments of {@code main}
     * @return the options, with the defaults where a flag is absent
     * @throws IllegalArgumentException with a message naming the flag and what was expected, for an unknown flag,
     *         a missing or bad value, or an address that does not resolve
     */
    public static DemoOptions parse(String... args) {
        int port = DEFAULT_PORT;
        String bind = DEFAULT_BIND;
        String mode = DEFAULT_MODE;
        boolean login = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (flag) {
                case "--port" -> {
                    if (value == null) {
                        value = valueAfter(args, i++, "--port N with N in 0..65535");
                    }
                    port = parsePort(value);
                }
                case "--bind" -> {
                    if (value == null) {
                        value = valueAfter(args, i++, "--bind ADDR");
                    }
                    bind = checkResolves(value);
                }
                case "--mode" -> {
                    if (value == null) {
                        value = valueAfter(args, i++, "--mode virtual|threaded");
                    }
                    mode = value.toLowerCase(Locale.ROOT);
                    if (!"virtual".equals(mode) && !"threaded".equals(mode)) {
                        throw new IllegalArgumentException("--mode: " + value + " (expected: virtual or threaded)");
                    }
                }
                case "--login" -> {
                    noValue(flag, value);
                    login = true;
                }
                case "--help", "-h" -> {
                    noValue(flag, value);
                    help = true;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg
                        + " (expected: --port, --bind, --mode, --login or --help)");
            }
        }
        return new DemoOptions(port, bind, mode, login, help);
    }

    private static String valueAfter(String[] args, int i, String expected) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " needs a value (expected: " + expected + ")");
        }
        return args[i + 1];
    }

    private static void noValue(String flag, String value) {
        if (value != null) {
            throw new IllegalArgumentException(flag + "=" + value + " (expected: " + flag + " without a value)");
        }
    }

    private static int parsePort(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port: " + value + " (expected: a number 0..65535)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + value + " (expected: 0..65535)");
        }
        return port;
    }

    private static String checkResolves(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--bind: empty (expected: an IP address or a host name)");
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: " + value + " does not resolve (expected: an IP address or "
                    + "a host name)");
        }
        return value;
    }
}
