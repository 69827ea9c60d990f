package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.testing.StockHazelcastMember;
import io.sharedobjects.tck.SharedObjectsCompatibilityKit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole compatibility kit in client mode against a stock Hazelcast member: a separate JVM started from
 * the plain Hazelcast jar, with no class of this library (nor the kit's value classes) on its classpath.
 * The kit's two "processes" are two clients.
 */
class ClientCompatibilityTest extends SharedObjectsCompatibilityKit {

  private static StockHazelcastMember member;
  private static HazelcastSharedObjects first;
  private static HazelcastSharedObjects second;

  @BeforeAll
  static void startMemberAndClients() {
    member = StockHazelcastMember.builder().clusterName("tck-client-" + UUID.randomUUID()).start();
    first = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
    second = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
    ExpectedHazelcast.check(first.hazelcastInstance());
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
    return HazelcastSharedObjects.wrap(first.hazelcastInstance());
  }

  @Override
  protected SharedObjects peerOf(SharedObjects firstOfTest) {
    return HazelcastSharedObjects.wrap(second.hazelcastInstance());
  }
}
