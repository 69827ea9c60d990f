package io.sharedobjects.spring;

/**
 * Which {@link io.sharedobjects.SharedObjects} implementation {@code shared-objects.backend} chooses. (Not the
 * lock backend: that is the adapter's {@code LockBackend}, set by {@code shared-objects.lock-backend}.)
 */
public enum SharedObjectsBackend {
  /** Hazelcast, as a member or a client: objects shared by every connected process. */
  HAZELCAST,
  /** {@code InMemorySharedObjects}: objects in this JVM only, for tests. Needs no Hazelcast. */
  IN_MEMORY
}
