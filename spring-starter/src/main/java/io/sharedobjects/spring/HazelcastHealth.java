package io.sharedobjects.spring;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.LockBackend;
import io.sharedobjects.hazelcast.SharedObjectsStatus;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;

/**
 * The Hazelcast part of {@link SharedObjectsHealthIndicator}, apart so that the indicator loads without the
 * adapter on the classpath. Reads {@link HazelcastSharedObjects#status()}, which makes no remote call.
 */
final class HazelcastHealth {

  private HazelcastHealth() {}

  static boolean applies(SharedObjects sharedObjects) {
    return sharedObjects instanceof HazelcastSharedObjects;
  }

  /**
   * UP with the details, or DOWN with them and a {@code reason}: the cluster is unreachable (closed, shut
   * down, or a client not connected), or fewer members are seen than a majority of {@code clusterSize}.
   */
  static Health of(SharedObjects sharedObjects) {
    SharedObjectsStatus status = ((HazelcastSharedObjects) sharedObjects).status();
    Health.Builder health = Health.up()
        .withDetail("backend", "hazelcast")
        .withDetail("mode", status.client() ? "client" : "member")
        .withDetail("wrapped", status.wrapped())
        .withDetail("clusterName", status.clusterName())
        .withDetail("membersSeen", status.membersSeen());
    if (status.clusterSize() > 0) {
      health.withDetail("clusterSize", status.clusterSize()).withDetail("majority", status.majority());
    }
    health.withDetail("lockBackend", status.lockBackend() == LockBackend.AUTO
        ? "auto (not chosen yet)" : status.lockBackend().name().toLowerCase(Locale.ROOT));
    if (!status.reachable()) {
      return health.down().withDetail("reason", status.client()
          ? "not connected to the cluster (the client reconnects by itself when a member is reachable)"
          : "closed, or its Hazelcast member is not running").build();
    }
    if (!status.hasQuorum()) {
      return health.down().withDetail("reason", "no quorum: sees " + status.membersSeen() + " of "
          + status.clusterSize() + " members, needs " + status.majority()
          + "; locks and the other synchronizers are refused until the partition heals").build();
    }
    return health.build();
  }
}
