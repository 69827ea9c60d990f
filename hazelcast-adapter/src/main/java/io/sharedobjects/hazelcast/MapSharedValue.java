package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;

/**
 * The value on stock members: the entry of its name in {@value #VALUES_MAP}, holding the value's stored
 * bytes; no entry means null. Compare-and-set is {@code IMap}'s own ({@code replace(key, old, new)},
 * {@code putIfAbsent}, {@code remove(key, old)}), so no server-side code is needed.
 */
final class MapSharedValue<T> extends HazelcastSharedValue<T> {

  /** The internal map holding every map-backed value; user names cannot start with '_', so none collides. */
  static final String VALUES_MAP = "__shared-objects.values";

  private final IMap<String, byte[]> values;

  MapSharedValue(ObjectContext context, String name) {
    super(context, name);
    this.values = context.instance().getMap(VALUES_MAP);
  }

  @Override
  byte[] current() {
    return values.get(name);
  }

  @Override
  boolean swap(byte[] expected, byte[] next) {
    if (expected == null) {
      return next == null ? !values.containsKey(name) : values.putIfAbsent(name, next) == null;
    }
    return next == null ? values.remove(name, expected) : values.replace(name, expected, next);
  }

  @Override
  byte[] exchange(byte[] next) {
    return next == null ? values.remove(name) : values.put(name, next);
  }

  @Override
  void write(byte[] next) {
    if (next == null) {
      values.delete(name);
    } else {
      values.set(name, next);
    }
  }
}
