package io.sharedobjects.reliability;

import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child process of {@link SemaphoreOwnerDeathTest}: joins a cluster as a client or as an embedded member,
 * takes every permit of a semaphore, says {@code ACQUIRED <n>} and holds them until the process is killed.
 *
 * <p>Arguments: {@code client} or {@code member}, cluster name, a member's address, semaphore name, permits.
 */
public final class PermitHolder {

  private PermitHolder() {}

  public static void main(String[] args) throws InterruptedException {
    String mode = args[0];
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder()
        .clusterName(args[1]).connectTimeout(Duration.ofSeconds(30));
    HazelcastSharedObjects shared = switch (mode) {
      case "client" -> builder.client(args[2]);
      case "member" -> builder.port(0).members(args[2]).embedded();
      default -> throw new IllegalArgumentException("client or member, not " + mode);
    };
    int permits = Integer.parseInt(args[4]);
    SharedSemaphore semaphore = shared.semaphore(args[3], permits);
    for (int i = 0; i < permits; i++) {
      semaphore.acquire();
    }
    Children.say("ACQUIRED " + permits);
    new CountDownLatch(1).await(); // held until this process is killed
  }
}
