/**
 * Key bindings for the line editor: {@link io.github.telnetsrv.edit.KeyMap}, a trie of key sequences to
 * {@link io.github.telnetsrv.edit.EditAction}s, which a handler may change
 * ({@code TelnetHandler.keyMap()}). The editor itself is internal.
 */
package io.github.telnetsrv.edit;

import io.github.telnetsrv.TelnetHandler;

