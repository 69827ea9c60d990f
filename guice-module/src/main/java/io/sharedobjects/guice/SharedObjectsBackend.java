package io.sharedobjects.guice;

/**
 * Which {@link io.sharedobjects.SharedObjects} implementation the setting {@code shared-objects.backend}
 * chooses. (Not the lock backend: that is the adapter's {@code LockBackend}, set by {@code lock-backend}.)
 */
enum SharedObjectsBackend {
  HAZELCAST("hazelcast"),
  IN_MEMORY("in-memory");

  final String text;

  SharedObjectsBackend(String text) {
    this.text = text;
  }
}
