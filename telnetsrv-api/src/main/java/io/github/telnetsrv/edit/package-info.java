/**
 * The line editor: a pure state machine fed decoded characters, emitting terminal output and
 * editing effects. Key bindings are data ({@code KeyMap}).
 *
 * <p>Nothing in this package does I/O, starts threads or reads a clock; time reaches the editor
 * only through {@code LineEditor.timeout()}.
 */
package io.github.telnetsrv.edit;
