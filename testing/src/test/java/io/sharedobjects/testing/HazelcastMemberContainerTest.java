package io.sharedobjects.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryYamlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/**
 * What {@link HazelcastMemberContainer} tells a member, checked without Docker: the generated configuration
 * parses as Hazelcast YAML and keeps the member on 127.0.0.1 with every network probe off. The container
 * tests (module container-tests) start real members with it.
 */
class HazelcastMemberContainerTest {

  @Test
  @DisplayName("the member configuration is valid Hazelcast YAML: loopback only, TCP-IP join, no multicast, auto-detection or phone-home")
  void memberConfigurationIsSafe() {
    HazelcastMemberContainer container = new HazelcastMemberContainer(DockerImageName.parse("example/member:1"), 15701)
        .withClusterName("orders \"test\"")
        .withMembers("127.0.0.1:15702")
        .withProperty("hazelcast.client.cleanup.timeout.millis", "7000");

    Config config = new InMemoryYamlConfig(container.memberConfig());

    assertThat(config.getClusterName()).isEqualTo("orders \"test\"");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("127.0.0.1");
    assertThat(config.getProperty("hazelcast.client.cleanup.timeout.millis")).isEqualTo("7000");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
    assertThat(config.getJetConfig().isEnabled()).isFalse();
    NetworkConfig network = config.getNetworkConfig();
    assertThat(network.getPort()).isEqualTo(15701);
    assertThat(network.isPortAutoIncrement()).isFalse();
    assertThat(network.getInterfaces().isEnabled()).isTrue();
    assertThat(network.getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    JoinConfig join = network.getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:15701", "127.0.0.1:15702");
  }

  @Test
  @DisplayName("address(), port() and clusterName() are known before the start; the default port is a free one")
  void addressBeforeStart() {
    HazelcastMemberContainer fixed = new HazelcastMemberContainer(DockerImageName.parse("example/member:1"), 15701);
    assertThat(fixed.address()).isEqualTo("127.0.0.1:15701");
    assertThat(fixed.port()).isEqualTo(15701);
    assertThat(fixed.clusterName()).isEqualTo(HazelcastMemberContainer.DEFAULT_CLUSTER_NAME);
    assertThat(HazelcastMemberContainer.freePort()).isBetween(1, 65_535);
    assertThatThrownBy(() -> new HazelcastMemberContainer(DockerImageName.parse("example/member:1"), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fixed.withClusterName(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the image comes from the system property, else the environment variable, else the official image")
  void imageSetting() {
    String before = System.getProperty(HazelcastMemberContainer.IMAGE_PROPERTY);
    try {
      System.setProperty(HazelcastMemberContainer.IMAGE_PROPERTY, "shared-objects/hazelcast-member:5.7.0");
      DockerImageName configured = HazelcastMemberContainer.configuredImage();
      assertThat(configured.asCanonicalNameString()).isEqualTo("shared-objects/hazelcast-member:5.7.0");
      assertThat(configured.isCompatibleWith(DockerImageName.parse("hazelcast/hazelcast"))).isTrue();

      System.clearProperty(HazelcastMemberContainer.IMAGE_PROPERTY);
      assumeTrue(System.getenv(HazelcastMemberContainer.IMAGE_ENV) == null,
          HazelcastMemberContainer.IMAGE_ENV + " is set here, so the default is not in use");
      assertThat(HazelcastMemberContainer.configuredImage().asCanonicalNameString())
          .isEqualTo(HazelcastMemberContainer.DEFAULT_IMAGE);
    } finally {
      if (before == null) {
        System.clearProperty(HazelcastMemberContainer.IMAGE_PROPERTY);
      } else {
        System.setProperty(HazelcastMemberContainer.IMAGE_PROPERTY, before);
      }
    }
  }
}
