package io.sharedobjects.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.HazelcastMemberContainer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HazelcastMemberContainer} on the member image in use: the start mechanisms the official image
 * documents work (configuration file through {@code JAVA_OPTS}, {@code HZ_*} environment overrides), and a
 * graceful stop ends the member through its own shutdown handling.
 */
@ContainerTest
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemberContainerTest {

  @Test
  @DisplayName("the member honours HZ_* environment overrides on top of the generated configuration, as the official image does")
  void environmentOverrides() {
    String overridden = "env-override-" + UUID.randomUUID();
    try (HazelcastMemberContainer member = Members.container("from-yaml-" + UUID.randomUUID(), HazelcastMemberContainer.freePort())
        .withEnv("HZ_CLUSTERNAME", overridden)) {
      member.start();
      assertThat(member.getLogs()).contains("Loading configuration '/opt/hazelcast/config_ext/");
      try (HazelcastSharedObjects client = HazelcastSharedObjects.builder()
          .clusterName(overridden)
          .connectTimeout(Duration.ofSeconds(20))
          .client(member.address())) {
        client.dict("d").put("k", "v");
        assertThat(client.dict("d").get("k")).isEqualTo("v");
      }
    }
  }

  @Test
  @DisplayName("stopGracefully() ends the member through its SIGTERM handling (exit code 143), not by the kill after the timeout")
  void gracefulStop() {
    try (HazelcastMemberContainer member = Members.container("graceful-" + UUID.randomUUID(), HazelcastMemberContainer.freePort())) {
      member.start();
      long start = System.nanoTime();
      member.stopGracefully(Duration.ofSeconds(40));
      Duration took = Measurements.since(start);
      assertThat(member.isRunning()).isFalse();
      // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks, Hazelcast's graceful one among them. (The
      // member's own log of it is unreliable: JDK logging closes its handlers in a shutdown hook of its own.)
      Long exitCode = member.getDockerClient().inspectContainerCmd(member.getContainerId()).exec().getState().getExitCodeLong();
      assertThat(exitCode).isEqualTo(143L);
      assertThat(took).isLessThan(Duration.ofSeconds(40));
      Measurements.record("MemberContainerTest", "graceful stop of a one-member cluster took " + Measurements.millis(took));
    }
  }
}
