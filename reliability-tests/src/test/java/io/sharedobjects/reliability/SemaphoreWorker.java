package io.sharedobjects.reliability;

import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A child process of {@link SemaphoreProcessTest}: connects as a client, says READY, and on {@code GO}
 * takes a permit of the run's semaphore {@code rounds} times, holding it {@code holdMillis} each time, and
 * reports each hold as {@code HELD <from> <to>}, microseconds since the epoch read just after acquire()
 * returned and just before release() was called (inside the hold, so overlapping reports mean overlapping
 * holds); then {@code ROUNDS DONE}.
 *
 * <p>Arguments: cluster name, comma-separated member addresses, semaphore name, permits, rounds, hold ms.
 */
public final class SemaphoreWorker {

  private SemaphoreWorker() {}

  public static void main(String[] args) throws Exception {
    String cluster = args[0];
    String[] addresses = args[1].split(",");
    String name = args[2];
    int permits = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    long holdMillis = Long.parseLong(args[5]);

    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(cluster).connectTimeout(Duration.ofSeconds(30)).client(addresses)) {
      SharedSemaphore semaphore = shared.semaphore(name, permits);
      Children.say("READY");
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String command = stdin.readLine();
      if (!"GO".equals(command)) {
        throw new IllegalStateException("expected GO on stdin, got " + command);
      }
      for (int i = 0; i < rounds; i++) {
        semaphore.acquire();
        long from = micros();
        Thread.sleep(holdMillis); // the work done under the permit
        long to = micros();
        semaphore.release();
        Children.say("HELD " + from + " " + to);
      }
      Children.say("ROUNDS DONE");
    }
  }

  private static long micros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
