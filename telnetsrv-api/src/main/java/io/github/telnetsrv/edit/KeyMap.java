package io.github.telnetsrv.edit;

import io.github.telnetsrv.internal.editor.KeyTrie;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Key bindings as data: an immutable trie from key sequences (as the terminal sends them, for example
 * {@code "\u001b[A"} for Up) to {@link EditAction}s.
 *
 * <p>Immutable and thread-safe: one map is shared by every session; {@link #bind} returns a new map.
 * Characters bound to nothing insert themselves when printable and are ignored when they are control
 * characters; unbound escape sequences are swallowed by the editor.
 */
public final class KeyMap {

    private static final String ESC = "\u001b";
    private static final KeyMap EMPTY = new KeyMap(Node.EMPTY);
    private static final KeyMap DEFAULTS = buildDefaults();

    static {
        KeyTrie.register(keys -> keys.root); // the editor's key reader walks the trie through KeyTrie
    }

    private final Node root;

    private KeyMap(Node root) {
        this.root = root;
    }

    /**
     * A map with no bindings: every printable character inserts itself, everything else is ignored.
     *
     * @return the empty map
     */
    public static KeyMap empty() {
        return EMPTY;
    }

    /**
     * The standard bindings: Enter (CR), Backspace (0x7F and 0x08), Ctrl-A/B/C/D/E/F/K/L/N/P/U/W, Tab, the
     * arrows in CSI and SS3 form, every common Home/End encoding ({@code ESC[H ESC[F ESC OH ESC OF ESC[1~
     * ESC[4~ ESC[7~ ESC[8~}), Insert/Delete/PgUp/PgDn ({@code ESC[2~ ESC[3~ ESC[5~ ESC[6~}), Ctrl-Left/Right
     * ({@code ESC[1;5D ESC[1;5C ESC Od ESC Oc}) and Alt-B/Alt-F ({@code ESC b}, {@code ESC f}) for word moves.
     *
     * @return the default map (shared)
     */
    public static KeyMap defaults() {
        return DEFAULTS;
    }

    private static KeyMap buildDefaults() {
        KeyMap map = EMPTY
                .bind("\r", EditAction.ACCEPT_LINE)
                .bind("\u007f", EditAction.BACKWARD_DELETE_CHAR)
                .bind("\b", EditAction.BACKWARD_DELETE_CHAR)
                .bind(ctrl('A'), EditAction.BEGINNING_OF_LINE)
                .bind(ctrl('B'), EditAction.BACKWARD_CHAR)
                .bind(ctrl('C'), EditAction.INTERRUPT)
                .bind(ctrl('D'), EditAction.END_OF_INPUT)
                .bind(ctrl('E'), EditAction.END_OF_LINE)
                .bind(ctrl('F'), EditAction.FORWARD_CHAR)
                .bind(ctrl('I'), EditAction.COMPLETE)
                .bind(ctrl('K'), EditAction.KILL_LINE)
                .bind(ctrl('L'), EditAction.CLEAR_SCREEN)
                .bind(ctrl('N'), EditAction.NEXT_HISTORY)
                .bind(ctrl('P'), EditAction.PREVIOUS_HISTORY)
                .bind(ctrl('U'), EditAction.UNIX_LINE_DISCARD)
                .bind(ctrl('W'), EditAction.UNIX_WORD_RUBOUT);
        for (String introducer : new String[] {"[", "O"}) { // CSI and SS3 (application mode)
            map = map.bind(ESC + introducer + "A", EditAction.PREVIOUS_HISTORY)
                    .bind(ESC + introducer + "B", EditAction.NEXT_HISTORY)
                    .bind(ESC + introducer + "C", EditAction.FORWARD_CHAR)
                    .bind(ESC + introducer + "D", EditAction.BACKWARD_CHAR)
                    .bind(ESC + introducer + "H", EditAction.BEGINNING_OF_LINE)
                    .bind(ESC + introducer + "F", EditAction.END_OF_LINE);
        }
        return map
                .bind(ESC + "[1~", EditAction.BEGINNING_OF_LINE)
                .bind(ESC + "[4~", EditAction.END_OF_LINE)
                .bind(ESC + "[7~", EditAction.BEGINNING_OF_LINE)
                .bind(ESC + "[8~", EditAction.END_OF_LINE)
                .bind(ESC + "[2~", EditAction.IGNORE)
                .bind(ESC + "[3~", EditAction.DELETE_CHAR)
                .bind(ESC + "[5~", EditAction.IGNORE)
                .bind(ESC + "[6~", EditAction.IGNORE)
                .bind(ESC + "[1;5D", EditAction.BACKWARD_WORD)
                .bind(ESC + "[1;5C", EditAction.FORWARD_WORD)
                .bind(ESC + "Od", EditAction.BACKWARD_WORD)
                .bind(ESC + "Oc", EditAction.FORWARD_WORD)
                .bind(ESC + "b", EditAction.BACKWARD_WORD)
                .bind(ESC + "f", EditAction.FORWARD_WORD);
    }

    private static String ctrl(char letter) {
        return String.valueOf((char) (letter - '@'));
    }

    /**
     * A map with one more binding; this map is unchanged. A binding may be a prefix of another one (for
     * example a lone ESC): the editor then waits for more input or the escape timeout.
     *
     * @param sequence the characters the terminal sends, not empty
     * @param action what they do; {@link EditAction#SELF_INSERT} only for a one-character sequence
     * @return a new map with {@code sequence} bound to {@code action} (replacing any earlier binding)
     * @throws IllegalArgumentException for an empty sequence or a multi-character SELF_INSERT
     */
    public KeyMap bind(String sequence, EditAction action) {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(action, "action");
        if (sequence.isEmpty()) {
            throw new IllegalArgumentException("sequence: \"\" (expected: at least one character)");
        }
        if (action == EditAction.SELF_INSERT && sequence.length() != 1) {
            throw new IllegalArgumentException(
                    "SELF_INSERT for a sequence of " + sequence.length() + " characters (expected: 1)");
        }
        return new KeyMap(root.with(sequence, 0, action));
    }

    /**
     * The action bound to exactly this sequence.
     *
     * @param sequence the characters
     * @return the action, or null when the sequence itself is not bound
     */
    public EditAction action(CharSequence sequence) {
        Node node = find(sequence);
        return node == null ? null : node.action();
    }

    /**
     * Whether a longer bound sequence starts with this one (the editor must wait for more input).
     *
     * @param sequence the characters
     * @return true when some binding extends {@code sequence}
     */
    public boolean isPrefix(CharSequence sequence) {
        Node node = find(sequence);
        return node != null && node.hasChildren();
    }

    /**
     * Every binding, sorted by sequence.
     *
     * @return a new, mutable map from sequence to action
     */
    public Map<String, EditAction> bindings() {
        Map<String, EditAction> all = new TreeMap<>();
        root.collect(new StringBuilder(), all);
        return all;
    }

    /** The root of the trie, for the editor's key reader. */
    Node root() {
        return root;
    }

    private Node find(CharSequence sequence) {
        Node node = root;
        for (int i = 0; i < sequence.length() && node != null; i++) {
            node = node.child(sequence.charAt(i));
        }
        return node;
    }

    @Override
    public String toString() {
        return "KeyMap" + bindings().keySet().stream().map(KeyMap::printable).toList();
    }

    private static String printable(String sequence) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sequence.length(); i++) {
            char c = sequence.charAt(i);
            if (c == 0x1B) {
                out.append("ESC");
            } else if (c < 0x20 || c == 0x7F) {
                out.append('^').append((char) (c ^ 0x40));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * One trie node: the action bound to the path leading here (or null) and the children, by sorted key.
     * Immutable; {@link #with} copies only the path it changes.
     */
    record Node(EditAction action, char[] keys, Node[] children) implements KeyTrie {

        static final Node EMPTY = new Node(null, new char[0], new Node[0]);

        @Override
        public Node child(char c) {
            int index = Arrays.binarySearch(keys, c);
            return index >= 0 ? children[index] : null;
        }

        @Override
        public boolean hasChildren() {
            return keys.length > 0;
        }

        Node with(String sequence, int depth, EditAction bound) {
            if (depth == sequence.length()) {
                return new Node(bound, keys, children);
            }
            char c = sequence.charAt(depth);
            int index = Arrays.binarySearch(keys, c);
            if (index >= 0) {
                Node[] copy = children.clone();
                copy[index] = children[index].with(sequence, depth + 1, bound);
                return new Node(action, keys, copy);
            }
            int at = -index - 1;
            char[] newKeys = new char[keys.length + 1];
            Node[] newChildren = new Node[children.length + 1];
            System.arraycopy(keys, 0, newKeys, 0, at);
            System.arraycopy(children, 0, newChildren, 0, at);
            newKeys[at] = c;
            newChildren[at] = EMPTY.with(sequence, depth + 1, bound);
            System.arraycopy(keys, at, newKeys, at + 1, keys.length - at);
            System.arraycopy(children, at, newChildren, at + 1, children.length - at);
            return new Node(action, newKeys, newChildren);
        }

        void collect(StringBuilder path, Map<String, EditAction> into) {
            if (action != null) {
                into.put(path.toString(), action);
            }
            for (int i = 0; i < keys.length; i++) {
                path.append(keys[i]);
                children[i].collect(path, into);
                path.setLength(path.length() - 1);
            }
        }
    }
}
