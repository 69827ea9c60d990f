package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryYamlConfig;
import io.sharedobjects.testing.StockHazelcastMember;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The member properties of {@link MemberProperties} are the ones every member gets: embedded members, and
 * the test support's stock members and member containers (whose YAML comes from one renderer).
 */
class MemberPropertiesTest {

  @Test
  @DisplayName("MemberProperties holds the five owner-death timings, each a positive number, and cannot be changed")
  void theFiveTimings() {
    assertThat(MemberProperties.ALL).containsOnlyKeys(
        MemberProperties.CLIENT_CLEANUP_TIMEOUT,
        MemberProperties.CLIENT_CLEANUP_PERIOD,
        MemberProperties.CLIENT_MAX_NO_HEARTBEAT,
        MemberProperties.MAX_NO_HEARTBEAT,
        MemberProperties.HEARTBEAT_INTERVAL);
    assertThat(MemberProperties.ALL.values()).allSatisfy(value -> assertThat(Long.parseLong(value)).isPositive());
    assertThat(Long.parseLong(MemberProperties.ALL.get(MemberProperties.HEARTBEAT_INTERVAL)))
        .isLessThan(Long.parseLong(MemberProperties.ALL.get(MemberProperties.MAX_NO_HEARTBEAT)));
    assertThatThrownBy(() -> MemberProperties.ALL.put("hazelcast.heartbeat.interval.seconds", "5"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("an embedded member's configuration holds every MemberProperties entry; the cleanup timeout follows the builder")
  void embeddedMember() {
    Config defaults = HazelcastConfigs.member(HazelcastSharedObjects.builder().settings());
    assertThat(timings(defaults)).isEqualTo(MemberProperties.ALL);
    assertThat(HazelcastSharedObjects.builder().settings().ownerCleanupTimeout().toMillis())
        .isEqualTo(Long.parseLong(MemberProperties.ALL.get(MemberProperties.CLIENT_CLEANUP_TIMEOUT)));

    Config sevenSeconds = HazelcastConfigs.member(
        HazelcastSharedObjects.builder().ownerCleanupTimeout(Duration.ofSeconds(7)).settings());
    Map<String, String> expected = new TreeMap<>(MemberProperties.ALL);
    expected.put(MemberProperties.CLIENT_CLEANUP_TIMEOUT, "7000");
    assertThat(timings(sevenSeconds)).isEqualTo(expected);
  }

  @Test
  @DisplayName("a stock member's YAML (as for member containers) holds exactly MemberProperties' timings")
  void stockMember() {
    try (StockHazelcastMember member =
        StockHazelcastMember.builder().clusterName("member-properties-" + UUID.randomUUID()).start()) {
      assertThat(timings(new InMemoryYamlConfig(member.config()))).isEqualTo(MemberProperties.ALL);
    }
  }

  /**
   * The owner-death timings a configuration sets: its properties about heartbeats and client cleanup, so
   * one set to a value of its own, or one more of that family, shows up as a difference.
   */
  private static Map<String, String> timings(Config config) {
    Map<String, String> timings = new TreeMap<>();
    config.getProperties().stringPropertyNames().stream()
        .filter(name -> name.contains("heartbeat") || name.startsWith("hazelcast.client.cleanup."))
        .forEach(name -> timings.put(name, config.getProperty(name)));
    return timings;
  }
}
