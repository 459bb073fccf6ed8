/**
 * telnetsrv: embed a Telnet command-line server in a Java application.
 */
module io.github.telnetsrv {
    requires transitive org.slf4j;
}
