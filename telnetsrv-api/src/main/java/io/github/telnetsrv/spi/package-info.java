/**
 * For runtime implementers: the service a runtime provides ({@link io.github.telnetsrv.spi.TelnetRuntime}) and
 * the socket server they share ({@link io.github.telnetsrv.spi.SocketTelnetServer}), which leaves a runtime only
 * the choice of its threads. Applications use {@link io.github.telnetsrv.TelnetServer} instead.
 */
package io.github.telnetsrv.spi;
