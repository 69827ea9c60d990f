package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.tck.SharedObjectsCompatibilityKit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole compatibility kit on embedded members: a two-member cluster in this JVM, where the kit's
 * second "process" works through the other member.
 */
class EmbeddedCompatibilityTest extends SharedObjectsCompatibilityKit {

  private static HazelcastSharedObjects first;
  private static HazelcastSharedObjects second;

  @BeforeAll
  static void startCluster() {
    String cluster = "tck-embedded-" + UUID.randomUUID();
    first = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
    second = HazelcastSharedObjects.builder().clusterName(cluster).port(0).members(first.address()).embedded();
    ExpectedHazelcast.check(first.hazelcastInstance());
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
  protected SharedObjects newSharedObjects() {
    // A fresh SharedObjects per test over the long-lived member, so closing it leaves the member running.
    return HazelcastSharedObjects.wrap(first.hazelcastInstance());
  }

  @Override
  protected SharedObjects peerOf(SharedObjects firstOfTest) {
    return HazelcastSharedObjects.wrap(second.hazelcastInstance());
  }
}
