package io.sharedobjects.reliability;

import io.sharedobjects.SharedDict;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process of {@link MemberLossTest}: a client that, after GO, puts {@code "w<writer>-<n>" -> n} for
 * n = 0, 1, 2, ... until STOP, one put at a time. A put that returns normally is acknowledged; a put that
 * throws is recorded as failed (its outcome is unknown: it may or may not have been applied). Reports
 * {@code PROGRESS <acknowledged>} now and then, and at the end {@code RESULT <written> <acknowledged>},
 * the failed numbers ({@code FAILED n,n,...}), the exceptions seen ({@code ERRORS class=count ...}) and
 * {@code SLOW <acknowledged puts that took 5 s or more> <longest put in ms>}: Hazelcast waits 5 s for a
 * backup's confirmation, and by default then reports the put done without it.
 *
 * <p>Arguments: cluster name, comma-separated member addresses, dict name, writer number, and whether
 * writes must be confirmed ({@code HazelcastSharedObjectsBuilder.confirmedWrites}).
 */
public final class Writer {

  /** Hazelcast's {@code hazelcast.operation.backup.timeout.millis}. */
  private static final long BACKUP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static volatile boolean stop;

  private Writer() {}

  public static void main(String[] args) throws Exception {
    String[] addresses = args[1].split(",");
    String writer = args[3];
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(args[0]).connectTimeout(Duration.ofSeconds(5)).confirmedWrites(Boolean.parseBoolean(args[4]))
        .client(addresses)) {
      SharedDict<String, Integer> dict = shared.dict(args[2]);
      Children.say("READY");
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"GO".equals(stdin.readLine())) {
        throw new IllegalStateException("expected GO on stdin");
      }
      Thread stopper = new Thread(() -> {
        try {
          while (!"STOP".equals(stdin.readLine())) {
            // wait for STOP
          }
        } catch (Exception e) {
          // stdin closed: the test is gone; stop too
        }
        stop = true;
      }, "stdin");
      stopper.setDaemon(true);
      stopper.start();

      int written = 0;
      int acknowledged = 0;
      List<Integer> failed = new ArrayList<>();
      Map<String, Integer> errors = new TreeMap<>();
      int slow = 0;
      long longestNanos = 0;
      while (!stop) {
        int n = written++;
        long start = System.nanoTime();
        try {
          dict.put("w" + writer + "-" + n, n);
          long took = System.nanoTime() - start;
          longestNanos = Math.max(longestNanos, took);
          slow += took >= BACKUP_TIMEOUT_NANOS ? 1 : 0;
          acknowledged++;
          if (acknowledged % 250 == 0) {
            Children.say("PROGRESS " + acknowledged);
          }
        } catch (RuntimeException e) {
          failed.add(n);
          errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
      }
      Children.say("RESULT " + written + " " + acknowledged);
      for (int from = 0; from < failed.size(); from += 500) {
        List<Integer> chunk = failed.subList(from, Math.min(failed.size(), from + 500));
        Children.say("FAILED " + String.join(",", chunk.stream().map(String::valueOf).toList()));
      }
      StringBuilder seen = new StringBuilder();
      errors.forEach((type, count) -> seen.append(type).append('=').append(count).append(' '));
      Children.say("ERRORS " + seen.toString().trim());
      Children.say("SLOW " + slow + " " + TimeUnit.NANOSECONDS.toMillis(longestNanos));
      Children.say("DONE");
    }
  }
}
