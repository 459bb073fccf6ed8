/**
 * telnetsrv: embed a Telnet command-line server in a Java application.
 *
 * <p>Exported: {@code io.github.telnetsrv}, the API handler authors and server owners use; {@code protocol}, the
 * sans-I/O Telnet engine, usable on its own; {@code edit}, the key bindings a handler may change; {@code spi}, what
 * a runtime implements. The {@code internal} packages (the session core, the line editor, command registration
 * and parsing) are not API.
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module io.github.telnetsrv {
    requires transitive org.slf4j;

    exports io.github.telnetsrv;
    exports io.github.telnetsrv.protocol;
    exports io.github.telnetsrv.edit;
    exports io.github.telnetsrv.spi;
    // The session core's transport seam, for the test kit's in-memory terminal and the SSH channel: not API.
    exports io.github.telnetsrv.internal.session to io.github.telnetsrv.test, io.github.telnetsrv.ssh;
    // The input decoder, for the SSH channel's characters: not API.
    exports io.github.telnetsrv.internal.editor to io.github.telnetsrv.ssh;

    uses io.github.telnetsrv.spi.TelnetRuntime;
}
