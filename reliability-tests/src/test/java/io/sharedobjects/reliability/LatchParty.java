package io.sharedobjects.reliability;

import io.sharedobjects.SharedLatch;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process of {@link LatchProcessTest}: a client of the latch {@code name} created with {@code count}.
 * As a {@code waiter} it says {@code WAITING}, waits (at most 120 s) and says {@code RELEASED <nanoTime>} or
 * {@code TIMEDOUT}; as a {@code counter} it says READY and, on {@code GO}, says {@code COUNTING <nanoTime>},
 * counts down once and says {@code COUNTED <count left>}. Times are {@code System.nanoTime()}, the machine's
 * monotonic clock on Linux, the same in every process.
 *
 * <p>Arguments: {@code waiter} or {@code counter}, cluster name, a member's address, latch name, count.
 */
public final class LatchParty {

  private LatchParty() {}

  public static void main(String[] args) throws Exception {
    String role = args[0];
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(args[1]).connectTimeout(Duration.ofSeconds(30)).client(args[2])) {
      SharedLatch latch = shared.latch(args[3], Integer.parseInt(args[4]));
      switch (role) {
        case "waiter" -> {
          Children.say("WAITING");
          boolean released = latch.await(120, TimeUnit.SECONDS);
          long at = System.nanoTime();
          Children.say(released ? "RELEASED " + at : "TIMEDOUT");
        }
        case "counter" -> {
          Children.say("READY");
          BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
          if (!"GO".equals(stdin.readLine())) {
            throw new IllegalStateException("expected GO on stdin");
          }
          Children.say("COUNTING " + System.nanoTime());
          latch.countDown();
          Children.say("COUNTED " + latch.count());
        }
        default -> throw new IllegalArgumentException("waiter or counter, not " + role);
      }
    }
  }
}
