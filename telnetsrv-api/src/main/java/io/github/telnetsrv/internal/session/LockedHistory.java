package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.internal.editor.History;
import java.util.AbstractList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link History#entries()} with each operation under the session's lock: the handler's view of the history,
 * safe from any thread while the editor changes it on the reader thread. Operations are atomic one by one;
 * {@link #toArray()} (and so {@code List.copyOf}) is an atomic snapshot.
 */
final class LockedHistory extends AbstractList<String> {

    private final ReentrantLock lock;
    private final History history;

    LockedHistory(ReentrantLock lock, History history) {
        this.lock = lock;
        this.history = history;
    }

    @Override
    public String get(int index) {
        lock.lock();
        try {
            return history.entries().get(index);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return history.entries().size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String set(int index, String element) {
        lock.lock();
        try {
            return history.entries().set(index, element);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void add(int index, String element) {
        lock.lock();
        try {
            modCount++;
            history.entries().add(index, element);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String remove(int index) {
        lock.lock();
        try {
            modCount++;
            return history.entries().remove(index);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            modCount++;
            history.entries().clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object[] toArray() {
        lock.lock();
        try {
            return history.entries().toArray();
        } finally {
            lock.unlock();
        }
    }
}
