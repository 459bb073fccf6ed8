/**
 * telnetsrv runtime: threaded.
 */
module io.github.telnetsrv.threaded {
    requires io.github.telnetsrv;
}
