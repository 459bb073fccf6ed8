/**
 * telnetsrv: embed a Telnet command-line server in a Java application.
 *
 * <p>Exported: {@code io.github.telnetsrv}, the API handler authors and server owners use; {@code protocol}, the
 * sans-I/O Telnet engine, usable on its own; {@code edit}, the key bindings a handler may change; {@code spi}, what
 * a runtime implements; {@code transport}, the seam a protocol implements to serve sessions (Telnet, SSH, a test's
 * in-memory terminal). The {@code internal} packages (the session core, the line editor, command registration
 * and parsing) are not API.
 */
module io.github.telnetsrv {
    requires transitive org.slf4j;

    exports io.github.telnetsrv;
    exports io.github.telnetsrv.protocol;
    exports io.github.telnetsrv.edit;
    exports io.github.telnetsrv.spi;
    exports io.github.telnetsrv.transport;

    uses io.github.telnetsrv.spi.TelnetRuntime;
}
