package io.sharedobjects.inmemory;

import io.sharedobjects.inmemory.InMemoryStore.Registry;
import io.sharedobjects.inmemory.InMemoryStore.StoredObject;
import java.util.function.Function;

/**
 * How a proxy reaches the current incarnation of its named object: it checks that its {@link
 * InMemorySharedObjects} is open and, if the object was destroyed, looks the name up again so the proxy
 * keeps working on the new, empty object.
 *
 * <p>Thread-safe.
 */
final class StoredRef<S extends StoredObject> {

  private final InMemorySharedObjects owner;
  private final Registry<S> registry;
  private final String kind;
  private final String name;
  private volatile S cached;

  StoredRef(InMemorySharedObjects owner, Registry<S> registry, String kind, String name) {
    this.owner = owner;
    this.registry = registry;
    this.kind = kind;
    this.name = name;
    this.cached = registry.get(name);
  }

  String name() {
    return name;
  }

  InMemorySharedObjects owner() {
    return owner;
  }

  /** Runs {@code operation} atomically on the current incarnation, under its monitor. */
  <R> R apply(Function<? super S, R> operation) {
    while (true) {
      S stored = current();
      synchronized (stored) {
        // Checked under the monitor, so that nothing done through this instance outlives its close().
        checkOpen();
        if (!stored.destroyed) {
          return operation.apply(stored);
        }
      }
    }
  }

  /** The current incarnation; callers synchronize on it and retry if they find it destroyed. */
  S current() {
    S stored = cached;
    // An unsynchronized read may miss a destroy that is under way; the caller re-checks under the monitor.
    if (stored.destroyed) {
      stored = registry.get(name);
      cached = stored;
    }
    return stored;
  }

  void checkOpen() {
    owner.checkOpen(kind + " '" + name + "'");
  }

  void destroy() {
    checkOpen();
    registry.destroy(name);
  }
}
