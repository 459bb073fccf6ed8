/**
 * telnetsrv: embed a Telnet command-line server in a Java application.
 *
 * <p>Exported: {@code io.github.telnetsrv}, the API handler authors and server owners use; {@code protocol}, the
 * sans-I/O Telnet engine, usable on its own; {@code edit}, the key bindings a handler may change; {@code spi}, what
 * a runtime implements. The {@code internal} packages (the session core, the line editor, command registration
 * and parsing) are not API.
 */
@SuppressWarnings("module") // the qualified export names the test kit, a module built after this one
module io.github.telnetsrv {
    requires transitive org.slf4j;

    exports io.github.telnetsrv;
    exports io.github.telnetsrv.protocol;
    exports io.github.telnetsrv.edit;
    exports io.github.telnetsrv.spi;
    // The session core's transport seam, for the test kit's in-memory terminal: not API. (telnetsrv-ssh uses it
    // too, from the class path: Apache MINA SSHD's split packages keep it off the module path.)
    exports io.github.telnetsrv.internal.session to io.github.telnetsrv.test;

    uses io.github.telnetsrv.spi.TelnetRuntime;
}
