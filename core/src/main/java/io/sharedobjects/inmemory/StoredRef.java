package io.sharedobjects.inmemory;

import io.sharedobjects.inmemory.InMemoryStore.Registry;
import io.sharedobjects.inmemory.InMemoryStore.StoredObject;
import java.util.function.Function;

/**
 * How a proxy reaches the current incarnation of its named object: it checks that its {@link
 * InMemorySharedObjects} is open and, if the object was destroyed, looks the name up again so the proxy
 * keeps working on the new, empty object.
 *
 * <p>It is also the one place the user data of a dict, list, set, queue or value goes in and out of the
 * store: {@link #toStored} copies (see {@link ValueCopier}) and, with an authKey, wraps ({@link
 * InMemoryAuthKey#seal}); {@link #fromStored} and {@link #comparable} verify and unwrap ({@link
 * InMemoryAuthKey#open}), then copy or resolve. {@link #verify} checks an item before an operation removes
 * or replaces it, so a read that fails changes nothing.
 *
 * <p>Thread-safe.
 */
final class StoredRef<S extends StoredObject> {

  private final InMemorySharedObjects owner;
  private final Registry<S> registry;
  private final String kind;
  private final String name;
  /** As {@code "dict 'orders'"}: what errors name, and what sealed items are bound to. */
  private final String object;
  private volatile S cached;

  StoredRef(InMemorySharedObjects owner, Registry<S> registry, String kind, String name) {
    this.owner = owner;
    this.registry = registry;
    this.kind = kind;
    this.name = name;
    this.object = kind + " '" + name + "'";
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
    owner.checkOpen(object);
  }

  /**
   * The stored form of a key, value or element on its way in, within the owner's size limit: a copy or a
   * reference (see {@link ValueCopier#toStored}), sealed with the owner's authKey if it has one.
   *
   * @throws io.sharedobjects.ValueTooLargeException if the estimate of its size passes the limit
   * @throws io.sharedobjects.NotStorableException if it cannot be stored
   */
  Object toStored(Object value) {
    return toStored(value, owner.maxValueSize());
  }

  /** As {@link #toStored(Object)}, with the size limit {@code limit} (for items given only to search). */
  Object toStored(Object value, long limit) {
    return InMemoryAuthKey.seal(owner.authKey(), ValueCopier.toStored(value, limit), object);
  }

  /**
   * What the owner reads from a stored form: verified against its authKey, then copied, a reference opened
   * as the owner's live object (see {@link ValueCopier#fromStored}).
   *
   * @throws io.sharedobjects.AuthKeyMismatchException if it was stored with another key, or with or without
   *     one where the owner is not
   */
  <T> T fromStored(Object stored) {
    return ValueCopier.fromStored(verify(stored), owner);
  }

  /** A stored form as it compares, verified as {@link #fromStored} does (see {@link ValueCopier#comparable}). */
  Object comparable(Object stored) {
    return ValueCopier.comparable(verify(stored), owner);
  }

  /**
   * The payload of a stored form, verified against the owner's authKey and not copied (not to be handed
   * out); for a check before an operation removes or replaces the item.
   *
   * @throws io.sharedobjects.AuthKeyMismatchException as {@link #fromStored}
   */
  Object verify(Object stored) {
    return InMemoryAuthKey.open(owner.authKey(), stored, object);
  }

  void destroy() {
    checkOpen();
    registry.destroy(name);
  }
}
