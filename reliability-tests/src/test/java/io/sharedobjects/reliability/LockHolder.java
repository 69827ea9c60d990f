package io.sharedobjects.reliability;

import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child process of the lock tests: joins a cluster as a client or as an embedded member, takes a lock,
 * reports its fence ({@code LOCKED <fence>}) and then holds it until the process is killed.
 *
 * <p>Arguments: {@code client} or {@code member}, cluster name, a member's address, lock name.
 */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws InterruptedException {
    String mode = args[0];
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder()
        .clusterName(args[1]).connectTimeout(Duration.ofSeconds(30));
    HazelcastSharedObjects shared = switch (mode) {
      case "client" -> builder.client(args[2]);
      case "member" -> builder.port(0).members(args[2]).embedded();
      default -> throw new IllegalArgumentException("client or member, not " + mode);
    };
    SharedLock.Hold hold = shared.lock(args[3]).acquire();
    Children.say("LOCKED " + hold.fence());
    new CountDownLatch(1).await(); // held until this process is killed
  }
}
