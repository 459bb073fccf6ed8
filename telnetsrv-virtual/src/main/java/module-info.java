/**
 * telnetsrv runtime: virtual.
 */
module io.github.telnetsrv.virtual {
    requires io.github.telnetsrv;
}
