package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The differential check behind the null rules: a call applied to a {@code HashMap} and to a shared dict
 * from the same contents must return the same (or throw the same class) and leave the same contents.
 */
final class HashMapDifferential {

  /** The value a differential test's key starts mapped to, when it is mapped to a value. */
  static final Integer OLD = 10;

  /** The value differential tests write. */
  static final Integer NEW = 20;

  private HashMapDifferential() {}

  /** A function given to a dict method that throws; its exception must reach the caller as it is. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("thrown by the function given to the dict");
    }
  }

  /** One call on a map, given the key the scenario is about. */
  @FunctionalInterface
  interface MapCall {
    Object apply(Map<String, Integer> map, String key);
  }

  /** What a call did: the value it returned, or the class of what it threw. */
  private record Outcome(Object returned, Class<? extends Throwable> thrown) {
    static Outcome of(Callable<Object> call) {
      try {
        return new Outcome(call.call(), null);
      } catch (Exception e) {
        return new Outcome(null, e.getClass());
      }
    }
  }

  /** The state of the key a differential test is about, beside one unrelated entry. */
  private enum Start {
    ABSENT("absent"),
    MAPPED_TO_NULL("mapped to null"),
    MAPPED_TO_VALUE("mapped to " + OLD);

    final String description;

    Start(String description) {
      this.description = description;
    }

    Map<String, Integer> contents(String key) {
      Map<String, Integer> contents = new HashMap<>();
      contents.put("other", 1);
      if (this == MAPPED_TO_NULL) {
        contents.put(key, null);
      } else if (this == MAPPED_TO_VALUE) {
        contents.put(key, OLD);
      }
      return contents;
    }
  }

  /**
   * Applies {@code call} to a {@code HashMap} and to {@code dict} starting from the same contents, for a
   * key that is absent, mapped to null or mapped to a value (the key "k" and the null key), and requires
   * the same result (or exception class) and the same contents after.
   */
  static void behavesAsHashMap(SharedDict<String, Integer> dict, String description, MapCall call) {
    for (String key : Arrays.asList("k", null)) {
      for (Start start : Start.values()) {
        Map<String, Integer> before = start.contents(key);
        Map<String, Integer> expected = new HashMap<>(before);
        dict.clear();
        dict.putAll(before);
        String scenario = description + " where key " + (key == null ? "null" : '"' + key + '"') + " is " + start.description;

        Outcome want = Outcome.of(() -> call.apply(expected, key));
        Outcome got = Outcome.of(() -> call.apply(dict, key));

        assertThat(got).as("outcome of %s", scenario).isEqualTo(want);
        assertThat(dict.snapshot()).as("contents after %s", scenario).isEqualTo(expected);
      }
    }
  }
}
