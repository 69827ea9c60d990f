package io.sharedobjects.reliability;

import io.sharedobjects.SharedQueue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A child process of {@link QueueProcessTest}: a client that, after GO, puts {@code "p<producer>-<n>"} for
 * n = 0, 1, 2, ... into a queue, one {@code put} at a time, until it has put {@code count} or is told STOP
 * (count -1). A put that returns is acknowledged; one that throws is recorded as failed (its outcome is
 * unknown) and not retried. Reports {@code PROGRESS <acknowledged>} now and then, and at the end
 * {@code RESULT <written> <acknowledged>}, the failed numbers ({@code FAILED n,n,...}) and the exceptions
 * seen ({@code ERRORS class=count ...}).
 *
 * <p>Arguments: cluster name, comma-separated member addresses, queue name, producer number, count.
 */
public final class QueueProducer {

  private static volatile boolean stop;

  private QueueProducer() {}

  public static void main(String[] args) throws Exception {
    String producer = args[3];
    int count = Integer.parseInt(args[4]);
    // Confirmed writes: a put or take whose backup did not confirm it fails instead of being reported done,
    // so an acknowledged element is never lost nor handed out twice when the queue's member dies.
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(args[0]).connectTimeout(Duration.ofSeconds(10)).confirmedWrites(true).client(args[1].split(","))) {
      SharedQueue<String> queue = shared.queue(args[2]);
      Children.say("READY");
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"GO".equals(stdin.readLine())) {
        throw new IllegalStateException("expected GO on stdin");
      }
      QueueConsumer.onStop(stdin, () -> stop = true);

      int written = 0;
      int acknowledged = 0;
      List<Integer> failed = new ArrayList<>();
      Map<String, Integer> errors = new TreeMap<>();
      while (!stop && written != count) {
        int n = written++;
        try {
          queue.put("p" + producer + "-" + n);
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
      Children.say("ERRORS " + QueueConsumer.describe(errors));
      Children.say("DONE");
    }
  }
}
