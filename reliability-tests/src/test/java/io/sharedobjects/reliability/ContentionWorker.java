package io.sharedobjects.reliability;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A child process of {@link ContentionTest}: connects as a client, says READY, waits for GO on stdin, then
 * does {@code m} rounds of four contended operations on shared objects named after the run:
 *
 * <ol>
 *   <li>under the lock, reads counter "locked" and writes it back plus one, and reports the value it
 *       wrote with the fence of that hold ({@code HELD <value> <fence>});
 *   <li>{@code merge("merged", 1, Integer::sum)}, with no lock;
 *   <li>{@code compute("computed", v -> v + 1)}, with no lock;
 *   <li>appends its own distinct item {@code "w<worker>-<round>"} to the list.
 * </ol>
 *
 * <p>Arguments: cluster name, comma-separated member addresses, run name, worker number, rounds.
 */
public final class ContentionWorker {

  private ContentionWorker() {}

  public static void main(String[] args) throws Exception {
    String cluster = args[0];
    String[] addresses = args[1].split(",");
    String run = args[2];
    int worker = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);

    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(cluster).connectTimeout(Duration.ofSeconds(30)).client(addresses)) {
      SharedDict<String, Integer> counters = shared.dict(run + "-counters");
      SharedList<String> items = shared.list(run + "-items");
      SharedLock lock = shared.lock(run + "-lock");
      Children.say("READY");
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"GO".equals(stdin.readLine())) {
        throw new IllegalStateException("expected GO on stdin");
      }

      StringBuilder held = new StringBuilder();
      for (int round = 0; round < rounds; round++) {
        try (SharedLock.Hold hold = lock.acquire()) {
          Integer value = counters.get("locked");
          int next = value == null ? 1 : value + 1;
          counters.put("locked", next);
          held.append(next).append(':').append(hold.fence()).append(' ');
        }
        counters.merge("merged", 1, Integer::sum);
        counters.compute("computed", (key, value) -> value == null ? 1 : value + 1);
        items.add("w" + worker + "-" + round);
        if (held.length() > 2000) {
          Children.say("HELD " + held.toString().trim());
          held.setLength(0);
        }
      }
      if (held.length() > 0) {
        Children.say("HELD " + held.toString().trim());
      }
      Children.say("DONE");
    }
  }
}
