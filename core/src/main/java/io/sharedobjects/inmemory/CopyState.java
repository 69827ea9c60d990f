package io.sharedobjects.inmemory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What one copy of a key, value or element has seen so far: the objects on the path from the root, so a
 * cycle is refused, and an estimate of the size Hazelcast would store, so a value over the limit is refused
 * as soon as the estimate passes it, before the rest is copied.
 *
 * <p>Used by one thread for one copy; not thread-safe.
 */
final class CopyState {

  private final long limit;
  private long size;
  private Set<Object> path;

  private CopyState(long limit) {
    this.limit = limit;
  }

  /** For values on their way in, refused beyond {@code limit} bytes. */
  static CopyState limitedTo(long limit) {
    return new CopyState(limit);
  }

  /** For values on their way out: they were measured when stored. */
  static CopyState unlimited() {
    return new CopyState(Long.MAX_VALUE);
  }

  /**
   * Counts {@code bytes} more of the stored form.
   *
   * @throws TooLarge once the total passes the limit
   */
  void add(long bytes) {
    size += bytes;
    if (size > limit) {
      throw new TooLarge(size);
    }
  }

  long size() {
    return size;
  }

  long limit() {
    return limit;
  }

  /** The objects being copied above the current one (by identity). */
  Set<Object> path() {
    if (path == null) {
      path = Collections.newSetFromMap(new IdentityHashMap<>());
    }
    return path;
  }

  /**
   * The estimate passed the limit; {@link ValueCopier#copyIn} turns it into a {@link
   * io.sharedobjects.ValueTooLargeException} naming the outermost class. Not a {@link ValueCopier.Refusal},
   * so the wrappers that add detail to a refusal let it pass unchanged. Carries no stack trace.
   */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final long size;

    TooLarge(long size) {
      super(null, null, false, false);
      this.size = size;
    }
  }
}
