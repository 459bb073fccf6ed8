/**
 * For runtime and transport implementers. A runtime provides {@link io.github.telnetsrv.spi.TelnetRuntime} (its
 * threads); a transport builds its server on {@link io.github.telnetsrv.spi.ServerBase}, the part every server
 * shares: the admission of connections ({@link io.github.telnetsrv.spi.Admission}: total, per address, not yet
 * logged in), the registry of sessions ({@code sessions()}, {@code broadcast}), the login throttle, and the close
 * ({@code close()}, {@code awaitClose()}); its javadoc shows how. Telnet's server,
 * {@link io.github.telnetsrv.spi.SocketTelnetServer}, is built on it and leaves a runtime only the choice of its
 * threads; so is the SSH module's. Applications use {@link io.github.telnetsrv.TelnetServer} instead.
 */
package io.github.telnetsrv.spi;
