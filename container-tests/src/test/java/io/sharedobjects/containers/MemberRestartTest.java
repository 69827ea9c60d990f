package io.sharedobjects.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.HazelcastMemberContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client keeps its {@code SharedObjects} across a restart of the only member: while the member is down,
 * every call fails with {@link ClusterUnavailableException} within the connect timeout (none hangs); once
 * the member is back on the same port, the same instance works again. Nothing survives a full restart of
 * the cluster: open-source Hazelcast keeps no disk copy.
 */
@ContainerTest
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemberRestartTest {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** A bit over the connect timeout: what a call may take in all while the member is down. */
  private static final Duration BOUND = CONNECT_TIMEOUT.plusSeconds(2);

  private final List<String> waits = new ArrayList<>();

  @Test
  @DisplayName("calls fail with ClusterUnavailableException within the connect timeout while the only member is down,"
      + " the same SharedObjects works after the member restarts, and the restarted cluster is empty")
  void clientSurvivesMemberRestart() {
    String suffix = UUID.randomUUID().toString();
    try (HazelcastMemberContainer member = Members.container("restart-" + suffix, HazelcastMemberContainer.freePort())) {
      member.start();
      try (HazelcastSharedObjects client = HazelcastSharedObjects.builder()
          .clusterName(member.clusterName())
          .connectTimeout(CONNECT_TIMEOUT)
          .client(member.address())) {
        SharedDict<String, Integer> dict = client.dict("counts-" + suffix);
        SharedList<String> list = client.list("events-" + suffix);
        SharedLock lock = client.lock("report-" + suffix);
        dict.put("visits", 1);
        list.add("started");
        assertThat(lock.tryLock()).isTrue();
        lock.unlock();

        long downAt = System.nanoTime();
        member.kill();

        whileDown("dict.get", () -> dict.get("visits"));
        whileDown("dict.put", () -> dict.put("visits", 2));
        whileDown("dict.size", dict::size);
        whileDown("list.add", () -> list.add("while down"));
        whileDown("list.get", () -> list.get(0));
        whileDown("lock.lock", lock::lock);
        whileDown("lock.tryLock", lock::tryLock);
        whileDown("a new dict", () -> client.dict("new-" + suffix).put("k", 1));
        Duration down = Measurements.since(downAt);

        long restartAt = System.nanoTime();
        member.restart();
        Duration restart = Measurements.since(restartAt);

        // The same instance works again; the first call waits (within the connect timeout) for the reconnect.
        long firstCallAt = System.nanoTime();
        int sizeAfterRestart = assertTimeoutPreemptively(BOUND, dict::size);
        Duration firstCall = Measurements.since(firstCallAt);
        Measurements.record("MemberRestartTest", "connect timeout " + Measurements.millis(CONNECT_TIMEOUT)
            + "; while the member was down: " + String.join(", ", waits) + " (each ClusterUnavailableException)"
            + "; member down " + Measurements.millis(down) + ", restart took " + Measurements.millis(restart)
            + "; first call after the restart returned after " + Measurements.millis(firstCall)
            + "; entries left after the restart: " + sizeAfterRestart);

        // A full restart of a one-member cluster keeps nothing: open-source Hazelcast has no disk copy.
        assertThat(sizeAfterRestart).isZero();
        assertThat(dict.get("visits")).isNull();
        assertThat(list).isEmpty();
        assertThat(lock.isLocked()).isFalse();

        dict.put("visits", 3);
        list.add("restarted");
        try (SharedLock.Hold hold = lock.acquire()) {
          // The fencing counter lived in the cluster too: it starts again.
          assertThat(hold.fence()).isEqualTo(1);
        }
        assertThat(dict.get("visits")).isEqualTo(3);
        assertThat(list).containsExactly("restarted");

        // A second client sees what the first wrote after the restart.
        try (HazelcastSharedObjects other = HazelcastSharedObjects.builder()
            .clusterName(member.clusterName())
            .connectTimeout(CONNECT_TIMEOUT)
            .client(member.address())) {
          assertThat(other.<String, Integer>dict(dict.name()).get("visits")).isEqualTo(3);
        }
      }
    }
  }

  /** Runs a call while the member is down: it must fail with ClusterUnavailableException within the bound. */
  private void whileDown(String what, ThrowingCallable call) {
    long start = System.nanoTime();
    Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(call),
        () -> what + " did not return within " + BOUND + " while the member was down");
    Duration took = Measurements.since(start);
    waits.add(what + " " + Measurements.millis(took));
    assertThat(thrown).as(what + " while the member is down").isInstanceOf(ClusterUnavailableException.class);
    assertThat(took).as(what + " duration").isLessThanOrEqualTo(BOUND);
  }
}
