package io.sharedobjects.containers;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.tck.SharedObjectsCompatibilityKit;
import io.sharedobjects.testing.HazelcastMemberContainer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole compatibility kit in client mode against a stock Hazelcast member in a container (the official
 * image or one built the same way), as users run it: no class of this library on the member. The kit's two
 * "processes" are two clients.
 */
@ContainerTest
class ContainerClientCompatibilityTest extends SharedObjectsCompatibilityKit {

  private static HazelcastMemberContainer member;
  private static HazelcastSharedObjects first;
  private static HazelcastSharedObjects second;

  @BeforeAll
  static void startMemberAndClients() {
    member = Members.container("tck-container-" + UUID.randomUUID(), HazelcastMemberContainer.freePort());
    member.start();
    first = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
    second = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
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
