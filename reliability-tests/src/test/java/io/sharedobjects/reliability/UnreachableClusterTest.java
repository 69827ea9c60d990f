package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.StockHazelcastMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The only member goes away: a client's calls fail with {@link ClusterUnavailableException} within its
 * connect timeout instead of hanging, and the same {@code SharedObjects} (same dict and lock objects) works
 * again once a member is back on the same address.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UnreachableClusterTest {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @Test
  @DisplayName("the only member is SIGKILLed: every call fails with ClusterUnavailableException within the connect timeout (3 s) plus margin, and works again when a member returns on the same address")
  void failsInTimeAndRecovers() {
    String cluster = "unreachable-" + UUID.randomUUID();
    int port = StockHazelcastMember.freePort();
    StockHazelcastMember first = StockHazelcastMember.builder().clusterName(cluster).port(port).start();
    StockHazelcastMember second = null;
    try (HazelcastSharedObjects client = HazelcastSharedObjects.builder()
        .clusterName(cluster).connectTimeout(CONNECT_TIMEOUT).client(first.address())) {
      SharedDict<String, Integer> dict = client.dict("survives-" + UUID.randomUUID());
      SharedLock lock = client.lock("lock-" + UUID.randomUUID());
      dict.put("before", 1);

      first.kill();
      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("put", () -> dict.put("during", 2));
      calls.put("get", () -> dict.get("before"));
      calls.put("merge", () -> dict.merge("before", 1, Integer::sum));
      calls.put("lock", lock::lock);
      List<Long> millis = new ArrayList<>();
      calls.forEach((name, call) -> {
        long start = System.nanoTime();
        assertThatThrownBy(call).as(name).isInstanceOf(ClusterUnavailableException.class)
            .hasMessageContaining(cluster)
            .hasMessageContaining(CONNECT_TIMEOUT.toMillis() + " ms");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("time for %s to fail", name).isLessThanOrEqualTo(CONNECT_TIMEOUT.plus(MARGIN));
        millis.add(took.toMillis());
      });
      Collections.sort(millis);
      Measurements.record("unreachable cluster (connect timeout " + CONNECT_TIMEOUT.toMillis() + " ms): calls failed after",
          "median " + millis.get(millis.size() / 2) + " ms, max " + millis.get(millis.size() - 1) + " ms, all " + millis);

      second = StockHazelcastMember.builder().clusterName(cluster).port(port).start();
      long backAt = System.nanoTime();
      Await.until("the same SharedObjects writes again", Duration.ofSeconds(60), () -> {
        dict.put("after", 3);
        return true;
      });
      Measurements.record("unreachable cluster: first successful call after the member was back",
          Duration.ofNanos(System.nanoTime() - backAt));

      // A one-member cluster keeps nothing across its death: the new member starts empty.
      assertThat(dict.snapshot()).isEqualTo(Map.of("after", 3));
      assertThat(lock.tryLock()).as("the lock object works again").isTrue();
      lock.unlock();
    } finally {
      first.kill();
      if (second != null) {
        second.kill();
      }
    }
  }
}
