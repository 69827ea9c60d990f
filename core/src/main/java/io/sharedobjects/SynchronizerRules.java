package io.sharedobjects;

/**
 * The creation rules of {@link SharedSemaphore}, {@link SharedLatch} and {@link SharedBarrier} that every
 * backend applies, so their errors read the same everywhere: the number is positive (a latch's may be 0),
 * and the first creator's number stands. Stateless and thread-safe.
 */
public final class SynchronizerRules {

  private SynchronizerRules() {}

  /**
   * Returns {@code number} if it is at least {@code least}.
   *
   * @param kind {@code "semaphore"}, {@code "latch"} or {@code "barrier"}
   * @param what what the number counts: {@code "permits"}, {@code "count"}, {@code "parties"}
   * @throws IllegalArgumentException naming the object and saying what to pass instead
   */
  public static int requireAtLeast(String kind, String name, String what, int number, int least) {
    if (number < least) {
      throw new IllegalArgumentException("The " + what + " of " + kind + " '" + name + "' must be at least "
          + least + ", was " + number + ".");
    }
    return number;
  }

  /**
   * Returns {@code created}, the number the object was created with, if {@code asked} agrees with it.
   *
   * @throws IllegalArgumentException naming the object and both numbers if they differ
   */
  public static int checkSame(String kind, String name, String what, int created, int asked) {
    if (created != asked) {
      throw new IllegalArgumentException(capitalized(kind) + " '" + name + "' was created with " + created + " "
          + what + "; it cannot be used with " + asked + ". A " + kind + " keeps the " + what
          + " its first creator gave it: ask with " + created + ", or give the other " + kind + " another name.");
    }
    return created;
  }

  private static String capitalized(String kind) {
    return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
  }
}
