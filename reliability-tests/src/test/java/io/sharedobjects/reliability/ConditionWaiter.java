package io.sharedobjects.reliability;

import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the condition tests: joins a cluster as a client or as an embedded member and, for
 * each of {@code rounds} rounds, locks a lock, reports {@code LOCKED <round>}, awaits the lock's condition
 * {@code "ready"} (at most 60 s) and reports {@code WOKE <round> <signalled> <epoch microseconds>} when
 * {@code await} has returned holding the lock again, then unlocks. With {@code rounds} 0 it waits once and
 * never returns (it is to be killed while waiting).
 *
 * <p>Arguments: {@code client} or {@code member}, cluster name, a member's address, lock name, rounds.
 */
public final class ConditionWaiter {

  private ConditionWaiter() {}

  public static void main(String[] args) throws InterruptedException {
    String mode = args[0];
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder()
        .clusterName(args[1]).connectTimeout(Duration.ofSeconds(30));
    HazelcastSharedObjects shared = switch (mode) {
      case "client" -> builder.client(args[2]);
      case "member" -> builder.port(0).members(args[2]).embedded();
      default -> throw new IllegalArgumentException("client or member, not " + mode);
    };
    SharedLock lock = shared.lock(args[3]);
    SharedCondition ready = lock.condition("ready");
    int rounds = Integer.parseInt(args[4]);
    for (int round = 0; round < Math.max(1, rounds); round++) {
      lock.lock();
      try {
        Children.say("LOCKED " + round);
        boolean signalled = rounds == 0 ? waitForever(ready) : ready.await(60, TimeUnit.SECONDS);
        Children.say("WOKE " + round + " " + signalled + " " + micros(Instant.now()));
      } finally {
        lock.unlock();
      }
    }
    shared.close();
  }

  private static boolean waitForever(SharedCondition ready) throws InterruptedException {
    ready.await();
    return true;
  }

  /** Microseconds since the epoch: comparable between processes of one machine, unlike nanoTime. */
  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
