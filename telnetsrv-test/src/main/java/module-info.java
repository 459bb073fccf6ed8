/**
 * telnetsrv's test kit: run a handler over an in-memory connection on either runtime, type text and keys as a
 * terminal sends them, wait for output without sleeping, and read what a user would see on a virtual screen.
 *
 * <p>{@code io.github.telnetsrv.test} holds the kit ({@code TestSession}, {@code Key}, {@code Screen});
 * {@code io.github.telnetsrv.test.junit} a JUnit 5 extension over it, for which JUnit Jupiter's API must be
 * present (the kit itself needs nothing but telnetsrv).
 */
module io.github.telnetsrv.test {
    requires transitive io.github.telnetsrv;
    requires static org.junit.jupiter.api;

    exports io.github.telnetsrv.test;
    exports io.github.telnetsrv.test.junit;
}
