package io.sharedobjects.reliability;

import io.sharedobjects.SharedEvent;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process of {@link EventProcessTest}: joins as a client or an embedded member and says READY. For
 * each {@code ROUND <r>} on stdin it says {@code WAITING <r>}, waits on the event (at most 60 s) and, woken,
 * says {@code WOKE <r> <nanoTime>} (or {@code TIMEDOUT <r>}); {@code System.nanoTime()} is the machine's
 * monotonic clock on Linux, the same in every process, so the test can subtract its own. Ends at
 * {@code END} or the end of stdin.
 *
 * <p>Arguments: {@code client} or {@code member}, cluster name, a member's address, event name.
 */
public final class EventWaiter {

  private EventWaiter() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder()
        .clusterName(args[1]).connectTimeout(Duration.ofSeconds(30));
    try (HazelcastSharedObjects shared = switch (mode) {
      case "client" -> builder.client(args[2]);
      case "member" -> builder.port(0).members(args[2]).embedded();
      default -> throw new IllegalArgumentException("client or member, not " + mode);
    }) {
      SharedEvent event = shared.event(args[3]);
      // One look before the rounds: the first round's wait then measures waking, not setting up.
      event.isSet();
      Children.say("READY");
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = stdin.readLine()) != null && line.startsWith("ROUND ")) {
        String round = line.substring("ROUND ".length());
        Children.say("WAITING " + round);
        boolean woken = event.await(60, TimeUnit.SECONDS);
        long at = System.nanoTime();
        Children.say(woken ? "WOKE " + round + " " + at : "TIMEDOUT " + round);
      }
    }
  }
}
