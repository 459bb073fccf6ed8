/**
 * telnetsrv: embed a Telnet command-line server in a Java application.
 *
 * <p>{@code io.github.telnetsrv} holds the API handler authors write against; {@code protocol} is the
 * sans-I/O Telnet engine, {@code edit} the line editor and {@code command} command registration and
 * parsing; {@code spi} is for runtime implementers.
 */
module io.github.telnetsrv {
    requires transitive org.slf4j;

    exports io.github.telnetsrv;
    exports io.github.telnetsrv.protocol;
    exports io.github.telnetsrv.edit;
    exports io.github.telnetsrv.command;
    exports io.github.telnetsrv.spi;

    uses io.github.telnetsrv.spi.TelnetRuntime;
}
