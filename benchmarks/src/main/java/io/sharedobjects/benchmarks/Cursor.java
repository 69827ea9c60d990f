package io.sharedobjects.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One benchmark thread's position in the key space: each thread walks the keys in order from its own
 * starting point, so threads spread over keys (and partitions) rather than hammer one.
 */
@State(Scope.Thread)
public class Cursor {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private int next = THREADS.getAndIncrement() * 257;

  /** The index of the next key, below {@code bound}. */
  int next(int bound) {
    int index = next++ % bound;
    if (next == Integer.MAX_VALUE) {
      next = 0;
    }
    return index;
  }
}
