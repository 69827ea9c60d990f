package io.sharedobjects.inmemory;

import java.util.Objects;

/**
 * A key, value or element stored by a process with an authKey: its stored form (a private copy or a {@link
 * StoredReference}) with the fingerprint of the key and the object it belongs to. Equal only to an item with
 * the same key, object and an equal payload, so a lookup by a process with another key, or none, finds
 * nothing, as a lookup of a sealed key does on Hazelcast. Made and opened only by {@link InMemoryAuthKey}.
 *
 * <p>Immutable as far as its payload is (the store never changes a payload in place); {@link #toString()}
 * shows neither the payload nor the key.
 */
final class SealedItem {

  private final InMemoryAuthKey key;
  private final String object;
  private final Object payload;

  SealedItem(InMemoryAuthKey key, String object, Object payload) {
    this.key = key;
    this.object = object;
    this.payload = payload;
  }

  InMemoryAuthKey key() {
    return key;
  }

  String object() {
    return object;
  }

  Object payload() {
    return payload;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SealedItem that && key.equals(that.key) && object.equals(that.object)
        && Objects.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Objects.hashCode(payload);
  }

  @Override
  public String toString() {
    return "(an item sealed for " + object + ")";
  }
}
