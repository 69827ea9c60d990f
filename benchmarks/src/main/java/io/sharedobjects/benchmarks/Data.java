package io.sharedobjects.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys and values every benchmark uses, the same as {@code manager_bench.py} uses in Python: integer
 * keys and short string values ({@code "value-000042"}), built once so no benchmark measures their creation.
 */
final class Data {

  /** Keys of the dict that put and get work on. */
  static final int KEYS = 1_000;

  /** Entries per putAll or getAll. */
  static final int BATCH = 100;

  /** Entries of the dict and elements of the list that iteration reads. */
  static final int BIG = 10_000;

  static final Integer[] KEY = new Integer[BIG];
  static final String[] VALUE = new String[BIG];

  /** {@code KEYS / BATCH} batches of consecutive keys, for putAll. */
  static final List<Map<Object, Object>> BATCHES = new ArrayList<>();

  /** The key sets of {@link #BATCHES}, for getAll. */
  static final List<Set<Object>> BATCH_KEYS = new ArrayList<>();

  static {
    for (int i = 0; i < BIG; i++) {
      KEY[i] = i;
      VALUE[i] = String.format("value-%06d", i);
    }
    for (int start = 0; start < KEYS; start += BATCH) {
      Map<Object, Object> batch = new HashMap<>();
      for (int i = start; i < start + BATCH; i++) {
        batch.put(KEY[i], VALUE[i]);
      }
      BATCHES.add(batch);
      BATCH_KEYS.add(new LinkedHashSet<>(batch.keySet()));
    }
  }

  private Data() {
  }

  /** Writes {@code count} entries, {@link #BATCH} per round trip. */
  static void fill(Map<Object, Object> dict, int count) {
    Map<Object, Object> chunk = new HashMap<>();
    for (int i = 0; i < count; i++) {
      chunk.put(KEY[i], VALUE[i]);
      if (chunk.size() == 1_000 || i == count - 1) {
        dict.putAll(chunk);
        chunk.clear();
      }
    }
  }

  /** Appends {@code count} elements in bulk. */
  static void fill(List<Object> list, int count) {
    List<Object> chunk = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chunk.add(VALUE[i]);
      if (chunk.size() == 1_000 || i == count - 1) {
        list.addAll(chunk);
        chunk.clear();
      }
    }
  }
}
