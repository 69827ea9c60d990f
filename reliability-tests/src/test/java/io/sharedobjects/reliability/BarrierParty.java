package io.sharedobjects.reliability;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the barrier tests: joins a cluster as a client or an embedded member and is one party
 * of a barrier.
 *
 * <ul>
 *   <li>{@code rounds <n>}: says {@code READY}, waits for {@code GO} on stdin, then for each generation
 *       counts its arrival on the run's counter, awaits the barrier and reports {@code PASSED <generation>
 *       <arrival index> <arrivals counted when it passed>}; then {@code DONE}.
 *   <li>{@code wait}: says {@code WAITING} and awaits the barrier once, until the process is killed; if it
 *       ever returns it reports {@code OUTCOME <what>}.
 * </ul>
 *
 * <p>Arguments: {@code client} or {@code member}, cluster name, a member's address, barrier name, parties,
 * then the command ({@code rounds <n>} or {@code wait}).
 */
public final class BarrierParty {

  private BarrierParty() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder()
        .clusterName(args[1]).connectTimeout(Duration.ofSeconds(30));
    try (HazelcastSharedObjects shared = switch (mode) {
      case "client" -> builder.client(args[2]);
      case "member" -> builder.port(0).members(args[2]).embedded();
      default -> throw new IllegalArgumentException("client or member, not " + mode);
    }) {
      SharedBarrier barrier = shared.barrier(args[3], Integer.parseInt(args[4]));
      if (args[5].equals("rounds")) {
        rounds(barrier, shared.counter(args[3] + "-arrivals"), Integer.parseInt(args[6]));
      } else {
        waitOnce(barrier);
      }
    }
  }

  private static void rounds(SharedBarrier barrier, SharedCounter arrivals, int generations) throws Exception {
    Children.say("READY");
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String go = stdin.readLine();
    if (!"GO".equals(go)) {
      throw new IllegalStateException("expected GO on stdin, got " + go);
    }
    for (int generation = 0; generation < generations; generation++) {
      arrivals.incrementAndGet();
      int index = barrier.await(120, TimeUnit.SECONDS);
      Children.say("PASSED " + generation + " " + index + " " + arrivals.get());
    }
    Children.say("DONE");
  }

  private static void waitOnce(SharedBarrier barrier) {
    Children.say("WAITING");
    String outcome;
    try {
      outcome = "passed " + barrier.await();
    } catch (Exception e) {
      outcome = e.getClass().getSimpleName();
    }
    Children.say("OUTCOME " + outcome);
  }
}
