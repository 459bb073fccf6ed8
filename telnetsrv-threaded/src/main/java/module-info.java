/**
 * telnetsrv runtime on platform threads: per connection a reader thread and a handler thread.
 */
module io.github.telnetsrv.threaded {
    requires transitive io.github.telnetsrv;

    exports io.github.telnetsrv.threaded;

    provides io.github.telnetsrv.spi.TelnetRuntime with io.github.telnetsrv.threaded.ThreadedRuntime;
}
