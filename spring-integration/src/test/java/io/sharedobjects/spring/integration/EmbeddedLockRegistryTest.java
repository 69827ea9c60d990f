package io.sharedobjects.spring.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The registry's contract on a two-member embedded Hazelcast cluster in this JVM, each member standing for a
 * process (a lock's owner is the member and the thread). Plus the one expiry the backend offers: {@code lockLease}.
 */
class EmbeddedLockRegistryTest extends LockRegistryContract {

  private static HazelcastSharedObjects first;
  private static HazelcastSharedObjects second;

  @BeforeAll
  static void startCluster() {
    String cluster = "lock-registry-" + UUID.randomUUID();
    first = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
    second = HazelcastSharedObjects.builder().clusterName(cluster).port(0).members(first.address()).embedded();
  }

  @AfterAll
  static void stopCluster() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Override
  protected SharedObjects here() {
    return first;
  }

  @Override
  protected SharedObjects there() {
    return second;
  }

  @Override
  protected SharedObjects closableHere() {
    // Closing a wrapper leaves the member running for the other tests.
    return HazelcastSharedObjects.wrap(first.hazelcastInstance());
  }

  @Test
  @DisplayName("with the backend's lockLease, a registry lock whose holder never unlocks goes to the other process after the lease")
  void lockLeaseReleases() throws Exception {
    try (HazelcastSharedObjects leased = HazelcastSharedObjects.builder().lockLease(Duration.ofMillis(500))
        .wrap(first.hazelcastInstance())) {
      SharedObjectsLockRegistry registry = new SharedObjectsLockRegistry(leased, registryHere.prefix());
      SharedLock lock = registry.obtain(key);
      lock.lock();
      assertThat(otherProcessCanTake(key)).isFalse();
      assertThat(inOtherProcess(() -> {
        SharedLock theirs = registryThere.obtain(key);
        boolean got = theirs.tryLock(30, TimeUnit.SECONDS);
        if (got) {
          theirs.unlock();
        }
        return got;
      })).isTrue();
    }
  }
}
