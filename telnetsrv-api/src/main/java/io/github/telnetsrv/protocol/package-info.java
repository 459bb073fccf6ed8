/**
 * The sans-I/O Telnet protocol engine: bytes in, events and bytes-to-send out.
 *
 * <p>Nothing in this package does I/O, starts threads or reads a clock. Types are confined to the
 * thread of the session that owns them unless their javadoc says otherwise.
 */
package io.github.telnetsrv.protocol;
