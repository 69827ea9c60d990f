package io.sharedobjects.samples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Formats values as Python's {@code repr} does, so the samples print what their Python originals print. */
final class PythonRepr {

  private PythonRepr() {
  }

  /** {@code 'text'} for strings, {@code None} for null, {@code True}/{@code False}, lists and maps in Python notation. */
  static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String text) {
      return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
    if (value instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    if (value instanceof Map<?, ?> map) {
      return dict(map, List.of());
    }
    if (value instanceof List<?> list) {
      List<String> elements = new ArrayList<>();
      list.forEach(element -> elements.add(repr(element)));
      return "[" + String.join(", ", elements) + "]";
    }
    // Integers and simple decimals such as 0.25 print the same in Java and Python.
    return String.valueOf(value);
  }

  /**
   * A dict in Python notation, {@code {1: '1', '2': 2}}. A Python dict prints in insertion order, which a
   * Hazelcast map does not remember; so the keys print in {@code keyOrder} first (those present), then any
   * other keys in the order of their repr. Every entry prints exactly once, whatever the order given.
   */
  static String dict(Map<?, ?> map, List<?> keyOrder) {
    Set<Object> keys = new LinkedHashSet<>();
    for (Object key : keyOrder) {
      if (map.containsKey(key)) {
        keys.add(key);
      }
    }
    map.keySet().stream()
        .filter(key -> !keys.contains(key))
        .sorted(Comparator.comparing(PythonRepr::repr))
        .forEach(keys::add);
    List<String> entries = new ArrayList<>();
    for (Object key : keys) {
      entries.add(repr(key) + ": " + repr(map.get(key)));
    }
    return "{" + String.join(", ", entries) + "}";
  }
}
