package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.tck.SharedObjectsCompatibilityKit;
import io.sharedobjects.testing.StockHazelcastMember;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole compatibility kit in client mode with an authKey, against a stock Hazelcast member (a separate
 * JVM from the plain Hazelcast jar, which holds only sealed bytes). The kit's two "processes" are two clients.
 */
class SealedClientCompatibilityTest extends SharedObjectsCompatibilityKit {

  private static StockHazelcastMember member;
  private static HazelcastSharedObjects first;
  private static HazelcastSharedObjects second;

  @BeforeAll
  static void startMemberAndClients() {
    member = StockHazelcastMember.builder().clusterName("tck-sealed-client-" + UUID.randomUUID()).start();
    first = HazelcastSharedObjects.builder().clusterName(member.clusterName())
        .authKey(SealedEmbeddedCompatibilityTest.KEY).client(member.address());
    second = HazelcastSharedObjects.builder().clusterName(member.clusterName())
        .authKey(SealedEmbeddedCompatibilityTest.KEY).client(member.address());
  }

  @AfterAll
  static void stopAll() {
    for (AutoCloseable closeable : new AutoCloseable[] {second, first, member}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Override
  protected SharedObjects newSharedObjects() {
    return HazelcastSharedObjects.builder().authKey(SealedEmbeddedCompatibilityTest.KEY).wrap(first.hazelcastInstance());
  }

  @Override
  protected SharedObjects peerOf(SharedObjects firstOfTest) {
    return HazelcastSharedObjects.builder().authKey(SealedEmbeddedCompatibilityTest.KEY).wrap(second.hazelcastInstance());
  }
}
