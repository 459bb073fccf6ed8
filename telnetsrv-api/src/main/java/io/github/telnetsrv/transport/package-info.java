/**
 * The transport seam: how a protocol other than Telnet serves the same handlers, with the same line editor, login,
 * limits and output. Telnet itself, the SSH module and the test kit's in-memory terminal are built on it.
 *
 * <h2>Writing a transport</h2>
 *
 * <ol>
 *   <li>Implement {@link io.github.telnetsrv.transport.Transport}: {@code receive} decodes what the client sent
 *       into {@link io.github.telnetsrv.transport.Transport.Events} calls ({@code typed} for keys, with Enter as
 *       CR; {@code interrupt}, {@code resized}, ...); {@code encode} turns the session's text into the client's
 *       bytes; {@code serverEcho}, {@code isTerminal}, {@code width}/{@code height}, {@code terminalType} and
 *       {@code environment} tell the session about the client. {@link io.github.telnetsrv.transport.TextDecoder}
 *       decodes a charset across reads. A transport is confined to its session: the session calls it on its own
 *       threads, one at a time.</li>
 *   <li>Wrap the client's output (and, for a stream, its input) in a {@link io.github.telnetsrv.TelnetConnection}:
 *       {@code close()} ends the client's connection after what was written; {@code abort()} cuts it.</li>
 *   <li>Make the session with
 *       {@link io.github.telnetsrv.TelnetSession#create(io.github.telnetsrv.TelnetHandler,
 *       io.github.telnetsrv.TelnetConnection, io.github.telnetsrv.SessionConfig, java.util.concurrent.Executor,
 *       io.github.telnetsrv.transport.Transport.Factory)}, passing a runtime's
 *       {@link io.github.telnetsrv.spi.SessionTasks} as the executor.</li>
 *   <li>Serve it. A transport that reads a blocking stream calls {@link io.github.telnetsrv.TelnetSession#run()}
 *       on a thread of its own, which reads {@code TelnetConnection.input()} until it ends. A transport that is
 *       handed its client's bytes (an asynchronous library's callbacks) calls
 *       {@link io.github.telnetsrv.TelnetSession#start(Runnable)} and gives every byte to the returned
 *       {@link io.github.telnetsrv.transport.Inbound}: it never blocks the caller, and
 *       {@link io.github.telnetsrv.transport.Transport#inputTaken(int)} tells the transport when to let the client
 *       send more (flow control: nothing the client sends is dropped; a full session holds the client back).</li>
 * </ol>
 *
 * <p>Output is always written by the session's own threads, through {@code TelnetConnection.output()}, which may
 * block while the client is slow (the session's write timeout then drops it); a library whose I/O threads must not
 * block (an SSH or WebSocket server) is never asked to write on them.
 */
package io.github.telnetsrv.transport;
