/**
 * telnetsrv runtime on virtual threads: built for tens of thousands of mostly idle sessions.
 */
module io.github.telnetsrv.virtual {
    requires transitive io.github.telnetsrv;

    exports io.github.telnetsrv.virtual;

    provides io.github.telnetsrv.spi.TelnetRuntime with io.github.telnetsrv.virtual.VirtualRuntime;
}
