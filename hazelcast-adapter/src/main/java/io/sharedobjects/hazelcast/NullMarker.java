package io.sharedobjects.hazelcast;

/**
 * Stands for a null key, value or element in Hazelcast, which rejects nulls.
 *
 * <p>Stored with Java serialization, so a member without shared-objects classes stores it as opaque bytes
 * and compares it byte for byte (as it does every key and value in BINARY format); only our own
 * processes ever deserialize it.
 */
enum NullMarker {
  INSTANCE;

  static Object wrap(Object value) {
    return value == null ? INSTANCE : value;
  }

  @SuppressWarnings("unchecked")
  static <T> T unwrap(Object stored) {
    return stored == INSTANCE ? null : (T) stored;
  }
}
