package io.sharedobjects.hazelcast.cp;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.LockBackend;
import io.sharedobjects.tck.SharedObjectsCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The lock, value, counter, event and latch parts of the compatibility kit (this module's surefire runs only
 * the {@code lock}, {@code value}, {@code counter}, {@code event} and {@code latch} tags) on the CP backends
 * ({@code FencedLock}, {@code IAtomicReference}, {@code IAtomicLong}, {@code ICountDownLatch}; the event is
 * the map-backed one on every cluster), against a real three-member CP Subsystem of Hazelcast 5.4.0. The kit's first
 * "process" works through one member, the second is a client of another.
 */
class FencedLockCompatibilityTest extends SharedObjectsCompatibilityKit {

  private static CpCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new CpCluster();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected SharedObjects newSharedObjects() {
    return requireCp(HazelcastSharedObjects.wrap(cluster.member(0)));
  }

  /**
   * The second "process" is a client of another member, started for the test and shut down when the kit
   * closes it: a FencedLock is released with its holder's CP session, which only ends with the instance.
   * It confirms its writes, as clients of these members (which fail unconfirmed writes) must; its start
   * then waits until it can take every member's backup confirmations, and its first writes do not stall
   * for Hazelcast's 5 s backup timeout (hazelcast/hazelcast#17887), which cost each condition, latch and
   * barrier test 5 s.
   */
  @Override
  protected SharedObjects peerOf(SharedObjects first) {
    return requireCp(HazelcastSharedObjects.builder()
        .clusterName(cluster.member(1).getConfig().getClusterName())
        .confirmedWrites(true)
        .client(cluster.address(1)));
  }

  private static HazelcastSharedObjects requireCp(HazelcastSharedObjects shared) {
    if (shared.lockBackend() != LockBackend.CP) {
      throw new AssertionError("expected the CP lock backend on a CP cluster, got " + shared.lockBackend());
    }
    return shared;
  }
}
