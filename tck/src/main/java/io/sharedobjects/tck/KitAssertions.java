package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.sharedobjects.SharedObjectsClosedException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Checks more than one contract makes: every call fails after close, and removal through an iterator. */
final class KitAssertions {

  private KitAssertions() {}

  /** Requires each of {@code calls}, named by its key, to throw {@link SharedObjectsClosedException}. */
  static void assertAllFailClosed(Map<String, ThrowingCallable> calls) {
    calls.forEach(
        (call, code) -> assertThatThrownBy(code).as("%s after close", call).isInstanceOf(SharedObjectsClosedException.class));
  }

  /** Removes, through {@code it}, the first element that matches; fails if none does. */
  static <T> void removeFirstWhere(Iterator<T> it, Predicate<T> match) {
    while (it.hasNext()) {
      if (match.test(it.next())) {
        it.remove();
        return;
      }
    }
    fail("no element matched");
  }
}
