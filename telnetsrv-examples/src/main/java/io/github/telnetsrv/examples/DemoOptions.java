package io.github.telnetsrv.examples;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The demo server's command line: {@code --port N}, {@code --bind ADDR}, {@code --mode virtual|threaded},
 * {@code --login}, {@code --ssh-port N}, {@code --host-key FILE}, {@code --authorized-keys FILE} and
 * {@code --help}. Each flag with a value also takes the {@code --flag=value} form; a flag
 * given twice keeps its last value. Immutable.
 *
 * @param port the port to listen on, {@code 0..65535} (0 = ephemeral)
 * @param bind the address to listen on, as given (a literal or a host name that resolves)
 * @param mode the runtime: {@code "virtual"} or {@code "threaded"}
 * @param login whether sessions log in (user {@value DemoHandler#USER}, password {@value DemoHandler#PASSWORD})
 * @param help whether {@code --help} was asked (then nothing is started)
 * @param sshPort the SSH port, {@code 0..65535} (0 = any free port), or -1 for no SSH server
 * @param hostKey the SSH host key file (generated there if missing)
 * @param authorizedKeys an OpenSSH {@code authorized_keys} file whose keys may log in over SSH as
 *     {@value DemoHandler#USER}, or {@code null}
 */
public record DemoOptions(int port, String bind, String mode, boolean login, boolean help, int sshPort,
        String hostKey, String authorizedKeys) {

    /** The port when none is given. */
    public static final int DEFAULT_PORT = 8023;
    /** The address when none is given. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The runtime when none is given. */
    public static final String DEFAULT_MODE = "virtual";
    /** The SSH host key file when none is given, in the working directory. */
    public static final String DEFAULT_HOST_KEY = "telnetsrv-demo-hostkey";

    /** The usage text, ending with a line break. */
    public static final String USAGE = """
            Usage: java -jar telnetsrv-demo.jar [--port N] [--bind ADDR] [--mode virtual|threaded] [--login]
                       [--ssh-port N [--host-key FILE] [--authorized-keys FILE]]

            Serves the telnetsrv demo command line (echo, timer, info, help, history, bye) over Telnet, and over
            SSH too with --ssh-port.

              --port N          port to listen on (default 8023; 0 = any free port)
              --bind ADDR       address to listen on (default 127.0.0.1; 0.0.0.0 for all IPv4 interfaces)
              --mode MODE       runtime: virtual (virtual threads, the default) or threaded (platform threads)
              --login           ask for a username and password (the demo accepts admin / secret)
              --ssh-port N      also serve SSH on port N (0 = any free port); SSH logins: the password
                                admin / secret, or a key of --authorized-keys
              --host-key FILE   the SSH host key (default telnetsrv-demo-hostkey; generated if missing)
              --authorized-keys FILE
                                an OpenSSH authorized_keys file whose keys may log in over SSH
                                as admin
              --help            print this text and exit
            """;

    /**
     * Options without SSH.
     *
     * @param port the port
     * @param bind the address
     * @param mode the runtime
     * @param login whether sessions log in
     * @param help whether {@code --help} was asked
     */
    public DemoOptions(int port, String bind, String mode, boolean login, boolean help) {
        this(port, bind, mode, login, help, -1, DEFAULT_HOST_KEY, null);
    }

    /** Checks the values. */
    public DemoOptions {
        if (sshPort < -1 || sshPort > 65535) {
            throw new IllegalArgumentException("--ssh-port: " + sshPort + " (expected: 0..65535)");
        }
        if (hostKey == null || hostKey.isBlank()) {
            throw new IllegalArgumentException("--host-key: empty (expected: a file)");
        }
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
        int sshPort = -1;
        String hostKey = DEFAULT_HOST_KEY;
        String authorizedKeys = null;
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
                    port = parsePort("--port", value);
                }
                case "--ssh-port" -> {
                    if (value == null) {
                        value = valueAfter(args, i++, "--ssh-port N with N in 0..65535");
                    }
                    sshPort = parsePort("--ssh-port", value);
                }
                case "--host-key" -> {
                    if (value == null) {
                        value = valueAfter(args, i++, "--host-key FILE");
                    }
                    hostKey = value;
                }
                case "--authorized-keys" -> {
                    if (value == null) {
                        value = valueAfter(args, i++, "--authorized-keys FILE");
                    }
                    authorizedKeys = value;
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
                        + " (expected: --port, --bind, --mode, --login, --ssh-port, --host-key, --authorized-keys or "
                        + "--help)");
            }
        }
        if (authorizedKeys != null && authorizedKeys.isBlank()) {
            throw new IllegalArgumentException("--authorized-keys: empty (expected: a file)");
        }
        return new DemoOptions(port, bind, mode, login, help, sshPort, hostKey, authorizedKeys);
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

    private static int parsePort(String flag, String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": " + value + " (expected: a number 0..65535)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(flag + ": " + value + " (expected: 0..65535)");
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
