package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The builder's nearCache option: local reads, invalidation, copies, and the lock map left alone. */
class NearCacheTest {

  private static final String CLUSTER = "near-cache-test-" + UUID.randomUUID();
  private static HazelcastSharedObjects member;
  private static HazelcastSharedObjects client;

  @BeforeAll
  static void start() {
    member = HazelcastSharedObjects.builder().clusterName(CLUSTER).port(0).nearCache("near-*").embedded();
    client = HazelcastSharedObjects.builder().clusterName(CLUSTER).nearCache("*").client(member.address());
  }

  @AfterAll
  static void stop() {
    client.close();
    member.close();
  }

  private static String name() {
    return "near-" + UUID.randomUUID();
  }

  @Test
  @DisplayName("reads of a near-cached dict are served from the near cache and see this instance's own writes at once")
  void readsAreLocalAndSeeOwnWrites() {
    String name = name();
    SharedDict<String, String> dict = client.dict(name);
    dict.put("k", "v1");
    assertThat(dict.get("k")).isEqualTo("v1");
    assertThat(dict.get("k")).isEqualTo("v1");
    IMap<Object, Object> raw = client.hazelcastInstance().getMap(name);
    assertThat(raw.getLocalMapStats().getNearCacheStats().getHits()).isPositive();
    dict.put("k", "v2");
    assertThat(dict.get("k")).isEqualTo("v2");
    dict.remove("k");
    assertThat(dict.get("k")).isNull();
    assertThat(dict.containsKey("k")).isFalse();
  }

  @Test
  @DisplayName("a write by another process reaches a near-cached reader (eventually consistent)")
  void othersWritesArrive() {
    String name = name();
    SharedDict<String, String> reader = client.dict(name);
    SharedDict<String, String> writer = member.dict(name);
    writer.put("k", "v1");
    assertThat(reader.get("k")).isEqualTo("v1");
    writer.put("k", "v2");
    await(() -> "v2".equals(reader.get("k")), Duration.ofSeconds(20));
  }

  @Test
  @DisplayName("values read through a near cache are copies, as every read is")
  void readsAreCopies() {
    SharedDict<String, ArrayList<String>> dict = client.dict(name());
    dict.put("k", new ArrayList<>(List.of("a")));
    ArrayList<String> first = dict.get("k");
    first.add("changed locally");
    ArrayList<String> second = dict.get("k");
    assertThat(second).containsExactly("a").isNotSameAs(first);
    assertThat(member.<String, ArrayList<String>>dict(dict.name()).get("k")).containsExactly("a");
  }

  @Test
  @DisplayName("null values and keys work on a near-cached dict")
  void nulls() {
    SharedDict<String, String> dict = client.dict(name());
    dict.put(null, null);
    assertThat(dict.get(null)).isNull();
    assertThat(dict.get(null)).isNull();
    assertThat(dict.containsKey(null)).isTrue();
    assertThat(dict.getOrDefault(null, "default")).isNull();
  }

  @Test
  @DisplayName("the ConcurrentMap methods of a near-cached dict act on the cluster's current value, not the cached one")
  void compoundOperationsReadTheCluster() {
    String name = name();
    SharedDict<String, String> reader = client.dict(name);
    SharedDict<String, String> writer = member.dict(name);
    writer.put("k", "v1");
    assertThat(reader.get("k")).isEqualTo("v1");
    writer.put("k", "v2");
    assertThat(reader.merge("k", "+", String::concat)).isEqualTo("v2+");
    writer.remove("k");
    assertThat(reader.computeIfAbsent("k", k -> "computed")).isEqualTo("computed");
    assertThat(reader.compute("k", (k, v) -> v + "!")).isEqualTo("computed!");
  }

  @Test
  @DisplayName("a '*' pattern does not near-cache the lock map: fences keep growing across processes")
  void lockMapIsNeverNearCached() {
    assertThat(DictNamePatterns.MATCHER.matches(List.of("*"), MapSharedLock.LOCKS_MAP)).isNull();
    try (HazelcastSharedObjects everything = HazelcastSharedObjects.builder()
        .clusterName(CLUSTER).nearCache("*").client(member.address())) {
      String name = "lock-" + UUID.randomUUID();
      SharedLock here = everything.lock(name);
      SharedLock there = member.lock(name);
      long previous = 0;
      for (int i = 0; i < 5; i++) {
        for (SharedLock lock : List.of(here, there)) {
          try (SharedLock.Hold hold = lock.acquire()) {
            assertThat(hold.fence()).isGreaterThan(previous);
            previous = hold.fence();
          }
        }
      }
    }
  }

  @Test
  @DisplayName("patterns: one '*' at most, the rest a valid name; the longest match wins, ties go to the first")
  void patterns() {
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().nearCache("a*b*")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().nearCache("_x*")).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().nearCache((String) null)).isInstanceOf(RuntimeException.class);
    DictNamePatterns matcher = DictNamePatterns.MATCHER;
    assertThat(matcher.matches(List.of("orders*", "orders.eu*"), "orders.eu.1")).isEqualTo("orders.eu*");
    assertThat(matcher.matches(List.of("a*", "*b"), "ab")).isEqualTo("a*");
    assertThat(matcher.matches(List.of("prices"), "prices")).isEqualTo("prices");
    assertThat(matcher.matches(List.of("prices"), "prices2")).isNull();
    assertThat(matcher.matches(List.of("ab*ba"), "aba")).isNull();
  }

  private static void await(BooleanSupplier condition, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + bound);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
