package io.sharedobjects;

/**
 * The rules of {@link SharedQueue} that every backend applies, so its errors read the same everywhere: a
 * capacity is positive, the first creator's capacity stands, no null element, no more {@code taskDone()}
 * calls than elements added. Stateless and thread-safe.
 */
public final class QueueRules {

  private QueueRules() {}

  /**
   * Returns {@code capacity} if it is positive.
   *
   * @throws IllegalArgumentException naming the queue and saying what to pass instead
   */
  public static int requirePositive(String name, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("The capacity of queue '" + name + "' must be positive, was " + capacity
          + "; pass the most elements it may hold, or call queue(name) for an unbounded queue.");
    }
    return capacity;
  }

  /**
   * Returns {@code created}, the capacity the queue was created with, if {@code asked} agrees with it;
   * {@code asked} is {@code 0} when the caller asked for the queue as it was created.
   *
   * @throws IllegalArgumentException naming the queue and both capacities if they differ
   */
  public static int checkCapacity(String name, int created, int asked) {
    if (asked != 0 && asked != created) {
      throw new IllegalArgumentException("Queue '" + name + "' was created " + describe(created)
          + "; it cannot be used " + describe(asked) + ". A queue keeps the capacity its first creator gave"
          + " it: call queue(\"" + name + "\") to use it as it is, or give the other queue another name.");
    }
    return created;
  }

  /**
   * Returns {@code element} if it is not null.
   *
   * @throws NullPointerException naming the queue and saying why
   */
  public static <E> E requireNonNull(String name, E element) {
    if (element == null) {
      throw new NullPointerException("Queue '" + name + "' cannot hold null: a BlockingQueue uses null for"
          + " \"no element\". Store a marker value of your own instead.");
    }
    return element;
  }

  /** The failure of a {@code taskDone()} call with no task unfinished. */
  public static IllegalStateException noUnfinishedTask(String name) {
    return new IllegalStateException("taskDone() was called more times than elements were added to queue '"
        + name + "': no task is unfinished. Call it once per element handed out, when its work is done.");
  }

  private static String describe(int capacity) {
    return capacity == SharedQueue.UNBOUNDED ? "unbounded" : "with capacity " + capacity;
  }
}
