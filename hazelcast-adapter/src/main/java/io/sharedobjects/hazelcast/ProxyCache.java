package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedNames;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SynchronizerRules;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Every proxy one {@link HazelcastSharedObjects} handed out, by kind and name ({@code "dict:orders"}): one
 * per object and process. Semaphores, latches and barriers are cached by their number too ({@code
 * "semaphore:gpu#2"}), so asking with another number reaches the cluster and fails there, naming both.
 */
final class ProxyCache {

  private final ObjectContext context;
  private final ConcurrentMap<String, SharedObject> proxies = new ConcurrentHashMap<>();

  ProxyCache(ObjectContext context) {
    this.context = context;
  }

  /**
   * The proxy of this kind and name, cached, or a new one; fails for an invalid name or if the owner is
   * closed. A client creates Hazelcast proxies on the cluster, so creation is a remote call: it runs through
   * {@link Calls} (bounded wait for a reconnect, typed errors), and outside the cache's
   * {@code computeIfAbsent}, which must not block. Two threads may both create one; Hazelcast hands both the
   * same proxy, and the first cached wins.
   */
  <T extends SharedObject> T get(String kind, String name, Supplier<? extends SharedObject> create) {
    return cached(kind, kind + ":" + SharedNames.validate(name), create);
  }

  /**
   * The semaphore, latch or barrier of this kind and name created with {@code number} ({@code what} it
   * counts), fixing that number in the cluster if it is the first creator; {@code create} gets the number.
   *
   * @throws IllegalArgumentException if {@code number} is below {@code least}, or the object was created with
   *     another number, naming both
   */
  <T extends SharedObject> T numbered(String kind, String name, String what, int number, int least,
      IntFunction<? extends SharedObject> create) {
    SynchronizerRules.requireAtLeast(kind, SharedNames.validate(name), what, number, least);
    return cached(kind, kind + ":" + name + "#" + number,
        () -> create.apply(SynchronizerParameters.fix(context, kind, name, what, number)));
  }

  @SuppressWarnings("unchecked")
  private <T extends SharedObject> T cached(String kind, String key, Supplier<? extends SharedObject> create) {
    context.open().ensureOpen();
    SharedObject cached = proxies.get(key);
    if (cached != null) {
      return (T) cached;
    }
    SharedObjectsObserver observer = context.settings().observer();
    SharedObject created = ObservedObjects.wrap(observer, context.calls().call(create));
    SharedObject raced = proxies.putIfAbsent(key, created);
    if (raced != null) {
      return (T) raced;
    }
    ObservedObjects.created(observer, kind, created);
    return (T) created;
  }

  /** Gives back what this process holds through its proxies (locks, permits, barrier waits), at close. */
  void releaseOnClose() {
    for (SharedObject proxy : proxies.values()) {
      if (proxy instanceof ReleasedOnClose held) {
        held.releaseOnClose();
      }
    }
  }
}
