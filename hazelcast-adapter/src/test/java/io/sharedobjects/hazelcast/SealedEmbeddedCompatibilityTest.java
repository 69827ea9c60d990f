package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.tck.SharedObjectsCompatibilityKit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole compatibility kit on embedded members with an authKey: every item sealed, every read verified.
 * A two-member cluster in this JVM, where the kit's second "process" works through the other member.
 */
class SealedEmbeddedCompatibilityTest extends SharedObjectsCompatibilityKit {

  static final String KEY = "the compatibility kit's authKey";

  private static HazelcastSharedObjects first;
  private static HazelcastSharedObjects second;

  @BeforeAll
  static void startCluster() {
    String cluster = "tck-sealed-embedded-" + UUID.randomUUID();
    first = HazelcastSharedObjects.builder().clusterName(cluster).port(0).authKey(KEY).embedded();
    second = HazelcastSharedObjects.builder().clusterName(cluster).port(0).authKey(KEY).members(first.address())
        .embedded();
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
    return HazelcastSharedObjects.builder().authKey(KEY).wrap(first.hazelcastInstance());
  }

  @Override
  protected SharedObjects peerOf(SharedObjects firstOfTest) {
    return HazelcastSharedObjects.builder().authKey(KEY).wrap(second.hazelcastInstance());
  }
}
