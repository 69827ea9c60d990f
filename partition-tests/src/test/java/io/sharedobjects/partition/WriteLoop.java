package io.sharedobjects.partition;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * In a {@link PartitionMember}: one background thread that, for n = 0, 1, 2, ... until stopped, appends
 * {@code PREFIX-n} to a list and then puts {@code PREFIX-n -> n} into a dict, one call at a time. A call
 * that returns normally is acknowledged; one that throws is failed, its outcome unknown (it may or may not
 * have been applied), and the loop goes on with the next n. Counters are safe to read from any thread.
 */
final class WriteLoop {

  static final long BACKUP_TIMEOUT_MILLIS = 5000;

  private final SharedList<String> list;
  private final SharedDict<String, String> dict;
  private final String prefix;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile int acknowledgedAppends;
  private volatile int acknowledgedPuts;
  // Written by the loop's thread only, read after it has ended.
  private int written;
  private final List<Integer> failedAppends = new ArrayList<>();
  private final List<Integer> failedPuts = new ArrayList<>();
  private final Map<String, Integer> errors = new TreeMap<>();
  private long slowestNanos;
  private int slowAcknowledgements;

  private WriteLoop(SharedList<String> list, SharedDict<String, String> dict, String prefix) {
    this.list = list;
    this.dict = dict;
    this.prefix = prefix;
    this.thread = new Thread(this::run, "write-loop-" + prefix);
  }

  static WriteLoop start(SharedList<String> list, SharedDict<String, String> dict, String prefix) {
    WriteLoop loop = new WriteLoop(list, dict, prefix);
    loop.thread.start();
    return loop;
  }

  private void run() {
    while (!stopping) {
      int n = written++;
      String key = prefix + "-" + n;
      long start = System.nanoTime();
      try {
        list.add(key);
        acknowledged(start);
        acknowledgedAppends++;
      } catch (RuntimeException e) {
        failedAppends.add(n);
        errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
      }
      start = System.nanoTime();
      try {
        dict.put(key, Integer.toString(n));
        acknowledged(start);
        acknowledgedPuts++;
      } catch (RuntimeException e) {
        failedPuts.add(n);
        errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
      }
    }
  }

  /**
   * Notes how long an acknowledged call took. One that took Hazelcast's backup timeout or longer ({@value
   * #BACKUP_TIMEOUT_MILLIS} ms, {@code hazelcast.operation.backup.timeout.millis}) was most likely reported
   * done without its backup's confirmation, the one way an acknowledged write can be lost with its primary.
   */
  private void acknowledged(long start) {
    long took = System.nanoTime() - start;
    slowestNanos = Math.max(slowestNanos, took);
    slowAcknowledgements += took >= TimeUnit.MILLISECONDS.toNanos(BACKUP_TIMEOUT_MILLIS) ? 1 : 0;
  }

  int acknowledgedAppends() {
    return acknowledgedAppends;
  }

  int acknowledgedPuts() {
    return acknowledgedPuts;
  }

  /**
   * Stops the loop after its current n and returns {@code <written> <failed appends> <failed puts>
   * <errors> <slowest> <slow>}: how many n were tried, the failed n as {@code n,n,...} (or {@code -}), the
   * exceptions seen as {@code SimpleName:count;...} (or {@code -}), the longest an acknowledged call took
   * in milliseconds, and how many acknowledged calls took the backup timeout or longer.
   */
  String stop() throws InterruptedException {
    stopping = true;
    // Each call is bounded by the connect timeout (10 s); a minute means the loop is stuck.
    TimeUnit.SECONDS.timedJoin(thread, 60);
    if (thread.isAlive()) {
      throw new IllegalStateException("the write loop did not stop within 60 s");
    }
    List<String> seen = new ArrayList<>();
    errors.forEach((type, count) -> seen.add(type + ":" + count));
    return written + " " + joined(failedAppends) + " " + joined(failedPuts) + " "
        + (seen.isEmpty() ? "-" : String.join(";", seen)) + " " + TimeUnit.NANOSECONDS.toMillis(slowestNanos)
        + " " + slowAcknowledgements;
  }

  private static String joined(List<Integer> numbers) {
    return numbers.isEmpty() ? "-" : String.join(",", numbers.stream().map(String::valueOf).toList());
  }
}
