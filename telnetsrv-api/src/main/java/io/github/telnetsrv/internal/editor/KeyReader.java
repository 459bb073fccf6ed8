package io.github.telnetsrv.internal.editor;

import io.github.telnetsrv.edit.EditAction;
import io.github.telnetsrv.edit.KeyMap;


/**
 * Turns typed characters into key actions by walking a {@link KeyMap} trie.
 *
 * <p>Input is queued ({@link #offer}) and decoded on demand ({@link #poll}), so characters typed while no
 * line is read wait here as type-ahead. The queue drops nothing: its owner bounds it by not feeding more while
 * {@link #queued()} is high (it stops reading its connection). Unbound escape sequences ({@code ESC [ params final},
 * {@code ESC O ...}, {@code ESC x}) are swallowed whole by a small grammar that stores nothing, so a
 * hostile endless sequence costs no memory; the trie walk itself stops after {@code maxEscapeLength}
 * characters. Unbound control characters are dropped; everything else inserts itself. In line mode
 * ({@link #tabIsText}) a Tab inserts itself whatever it is bound to. Confined to one session's thread.
 */
final class KeyReader {

    private static final char ESC = 0x1B;
    private static final int KEEP_CAPACITY = 256;

    /** Where the swallowing grammar is inside an unbound escape sequence. */
    private enum Escape {
        /** Not swallowing. */
        NONE,
        /** After ESC: '[' or 'O' open a parameterised sequence, anything printable ends it. */
        AFTER_ESC,
        /** After ESC [ or ESC O: parameters 0x30-0x3F, intermediates 0x20-0x2F, a final 0x40-0x7E. */
        PARAMETERS,
        /** After an intermediate byte: more intermediates or a final. */
        INTERMEDIATE;

        /** The state after {@code c}: null when {@code c} ends the sequence, NONE when it cannot be part of it. */
        Escape next(char c) {
            return switch (this) {
                case NONE -> NONE;
                case AFTER_ESC -> c == '[' || c == 'O' ? PARAMETERS
                        : c >= 0x20 && c <= 0x2F ? INTERMEDIATE
                        : c >= 0x30 && c <= 0x7E ? null : NONE;
                // '$' ends rxvt's shifted keys (ESC [ 2 $) although ECMA-48 makes it an intermediate
                case PARAMETERS -> c == '$' ? null
                        : c >= 0x30 && c <= 0x3F ? PARAMETERS
                        : c >= 0x20 && c <= 0x2F ? INTERMEDIATE
                        : c >= 0x40 && c <= 0x7E ? null : NONE;
                case INTERMEDIATE -> c >= 0x20 && c <= 0x2F ? INTERMEDIATE
                        : c >= 0x30 && c <= 0x7E ? null : NONE;
            };
        }
    }

    private final KeyTrie root;
    private final int maxEscapeLength;

    /** Queued input: [head, scan) is the sequence being matched, [scan, length) not looked at yet. */
    private StringBuilder queue = new StringBuilder();
    private int head;
    private int scan;
    /** Trie position of the sequence being matched; null when at the root. */
    private KeyTrie node;
    /** The longest bound prefix of the sequence being matched (an ambiguous binding), and its length. */
    private EditAction prefixAction;
    private int prefixLength;
    private Escape escape = Escape.NONE;
    private int codePoint;
    private boolean tabIsText;

    KeyReader(KeyMap keys, int maxEscapeLength) {
        this.root = KeyTrie.of(keys);
        this.maxEscapeLength = maxEscapeLength;
    }

    /** Queues one character. Never drops it: the owner bounds the queue (see {@link #queued()}). */
    void offer(char c) {
        queue.append(c);
    }

    /** The characters queued and not yet decoded into keys (type-ahead, or a sequence being matched). */
    int queued() {
        return queue.length() - head;
    }

    /**
     * Whether a Tab is text: in line mode the client has edited the line itself, and a tab in it separates
     * words (the command parser splits on spaces and tabs). Applies to the keys decoded from now on.
     */
    void tabIsText(boolean on) {
        tabIsText = on;
    }

    /** The action bound to the single character {@code c} (used to spot Ctrl-C in type-ahead). */
    EditAction singleKey(char c) {
        KeyTrie child = root.child(c);
        return child == null ? null : child.action();
    }

    /** The code point of the last {@link EditAction#SELF_INSERT}. */
    int codePoint() {
        return codePoint;
    }

    /** A sequence (or the first half of a surrogate pair) waits for more input or {@link #timeout()}. */
    boolean pending() {
        return scan > head || escape != Escape.NONE || waitingForLowSurrogate();
    }

    private boolean waitingForLowSurrogate() {
        return node == null && escape == Escape.NONE && scan == queue.length() - 1
                && Character.isHighSurrogate(queue.charAt(scan));
    }

    /** Unprocessed characters are queued (type-ahead or a pending sequence). */
    boolean hasInput() {
        return queue.length() > head;
    }

    /** Drops all queued input and any pending sequence. */
    void clear() {
        queue = queue.capacity() > KEEP_CAPACITY ? new StringBuilder() : queue.delete(0, queue.length());
        head = 0;
        scan = 0;
        resetWalk();
        escape = Escape.NONE;
    }

    /** Drops the last queued character that is not yet being matched, unless it ends a line. */
    void dropLast() {
        int last = queue.length() - 1;
        if (last >= scan && queue.charAt(last) != '\r') {
            queue.setLength(last);
        }
    }

    /** Drops the queued characters after the last line end that are not yet being matched. */
    void dropLastLine() {
        int from = queue.length();
        while (from > scan && queue.charAt(from - 1) != '\r') {
            from--;
        }
        queue.setLength(from);
    }

    /**
     * Decodes the next key from the queue.
     *
     * @return its action ({@link #codePoint()} holds the character for SELF_INSERT), or null when more
     *     input is needed
     */
    EditAction poll() {
        while (scan < queue.length()) {
            char c = queue.charAt(scan);
            if (escape != Escape.NONE) {
                swallow(c);
                continue;
            }
            if (waitingForLowSurrogate()) {
                return null;
            }
            if (node == null && tabIsText && c == '	') {
                scan++;
                return bound(EditAction.SELF_INSERT, c);
            }
            KeyTrie from = node == null ? root : node;
            KeyTrie child = scan - head < maxEscapeLength ? from.child(c) : null;
            if (child != null) {
                scan++;
                if (!child.hasChildren()) {
                    return bound(child.action(), c);
                }
                node = child;
                if (child.action() != null) {
                    prefixAction = child.action();
                    prefixLength = scan - head;
                }
                continue;
            }
            if (node != null) {
                EditAction resolved = unmatched();
                if (resolved != null) {
                    return resolved;
                }
                continue;
            }
            EditAction unbound = unbound(c);
            if (unbound != null) {
                return unbound;
            }
        }
        return null;
    }

    /** No more input came in time: a pending sequence is resolved, by its binding if it has one, else dropped. */
    EditAction timeout() {
        EditAction action = null;
        if (node != null && node.action() != null) {
            action = node.action();
        }
        int end = waitingForLowSurrogate() ? scan + 1 : scan;
        escape = Escape.NONE;
        consume(end);
        return action;
    }

    /** A whole binding was matched. */
    private EditAction bound(EditAction action, char last) {
        codePoint = last;
        consume(scan);
        return action;
    }

    /**
     * The character at {@code scan} does not continue the sequence being matched: use an ambiguous shorter
     * binding, else swallow an escape sequence by grammar, else drop the unbound prefix.
     */
    private EditAction unmatched() {
        if (prefixAction != null) {
            EditAction action = prefixAction;
            int end = head + prefixLength;
            scan = end;
            consume(end);
            return action;
        }
        Escape state = queue.charAt(head) == ESC ? Escape.AFTER_ESC : Escape.NONE;
        for (int i = head + 1; i < scan && state != null && state != Escape.NONE; i++) {
            state = state.next(queue.charAt(i));
        }
        escape = state == null ? Escape.NONE : state;
        consume(scan);
        return null;
    }

    /** A character at the root that no binding starts with. */
    private EditAction unbound(char c) {
        if (Character.isHighSurrogate(c)) {
            char low = queue.charAt(scan + 1);
            scan += Character.isLowSurrogate(low) ? 2 : 1;
            consume(scan);
            codePoint = Character.isLowSurrogate(low) ? Character.toCodePoint(c, low) : 0xFFFD;
            return EditAction.SELF_INSERT;
        }
        scan++;
        consume(scan);
        if (c == ESC) {
            escape = Escape.AFTER_ESC;
            return null;
        }
        if (Character.getType(c) == Character.CONTROL) {
            return null;
        }
        codePoint = Character.isLowSurrogate(c) ? 0xFFFD : c;
        return EditAction.SELF_INSERT;
    }

    private void swallow(char c) {
        Escape after = escape.next(c);
        if (after == Escape.NONE) {
            escape = Escape.NONE; // not part of the sequence: it ends here, c is read normally
            return;
        }
        escape = after == null ? Escape.NONE : after;
        scan++;
        consume(scan);
    }

    /** Everything before {@code end} is done with; the trie walk starts again at the root. */
    private void consume(int end) {
        head = end;
        resetWalk();
        if (head == queue.length()) {
            if (queue.capacity() > KEEP_CAPACITY) {
                queue = new StringBuilder();
            } else {
                queue.setLength(0);
            }
            head = 0;
            scan = 0;
        } else if (head > KEEP_CAPACITY) {
            queue.delete(0, head);
            scan -= head;
            head = 0;
        }
    }

    private void resetWalk() {
        node = null;
        prefixAction = null;
        prefixLength = 0;
    }
}
