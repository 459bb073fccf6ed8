package io.github.telnetsrv.internal.editor;

import io.github.telnetsrv.edit.EditAction;
import io.github.telnetsrv.edit.KeyMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A node of a {@link KeyMap}'s trie, as the {@link KeyReader} walks it: one key at a time. {@link #of} reaches the
 * root of a key map, which keeps its trie to itself otherwise (the map registers the way in when its class is
 * initialised).
 */
public interface KeyTrie {

    /**
     * The node one key further.
     *
     * @param key the next key
     * @return the node, or {@code null} when no binding continues with {@code key}
     */
    KeyTrie child(char key);

    /**
     * The action bound to the keys that lead here.
     *
     * @return the action, or {@code null} for a prefix only
     */
    EditAction action();

    /**
     * Whether longer bindings continue from here.
     *
     * @return true if some binding continues
     */
    boolean hasChildren();

    /**
     * The root of a key map's trie.
     *
     * @param keys the key map
     * @return its root
     */
    static KeyTrie of(KeyMap keys) {
        Objects.requireNonNull(keys, "keys");
        return Roots.ROOT.get().apply(keys); // KeyMap is initialised (an instance exists), so it registered
    }

    /**
     * Registers the way to a key map's root; called once, by {@link KeyMap}'s class initialisation.
     *
     * @param root gives a key map's root
     * @throws IllegalStateException if called again
     */
    static void register(Function<KeyMap, KeyTrie> root) {
        if (!Roots.ROOT.compareAndSet(null, Objects.requireNonNull(root, "root"))) {
            throw new IllegalStateException("KeyTrie.register: already registered (expected: once, by KeyMap)");
        }
    }

    /** The registered way in. */
    final class Roots {
        private static final AtomicReference<Function<KeyMap, KeyTrie>> ROOT = new AtomicReference<>();

        private Roots() {
        }
    }
}
