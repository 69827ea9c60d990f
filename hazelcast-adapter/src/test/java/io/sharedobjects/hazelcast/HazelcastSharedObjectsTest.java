package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedObjectsClosedException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What is particular to the Hazelcast backend: start-up defaults, ownership on close, bounded failures. */
class HazelcastSharedObjectsTest {

  private static final String CLUSTER = "adapter-test-" + UUID.randomUUID();
  private static HazelcastSharedObjects member;

  @BeforeAll
  static void startMember() {
    member = HazelcastSharedObjects.builder().clusterName(CLUSTER).port(0).embedded();
  }

  @AfterAll
  static void stopMember() {
    member.close();
  }

  @Test
  @DisplayName("an embedded member starts closed to the network: 127.0.0.1, TCP-IP only, no multicast, auto-detection or phone-home")
  void embeddedDefaultsAreSafe() {
    Config config = member.hazelcastInstance().getConfig();
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(member.address()).startsWith("127.0.0.1:");
    assertThat(member.hazelcastInstance().getCluster().getLocalMember().getAddress().getHost())
        .isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("an embedded member detects dead owners in seconds: cleanup every 1 s after a 5 s timeout, clients silent 15 s and members silent 10 s are dropped")
  void embeddedFailureTimings() {
    Config config = member.hazelcastInstance().getConfig();
    assertThat(config.getProperty("hazelcast.client.cleanup.timeout.millis")).isEqualTo("5000");
    assertThat(config.getProperty("hazelcast.client.cleanup.period.millis")).isEqualTo("1000");
    assertThat(config.getProperty("hazelcast.client.max.no.heartbeat.seconds")).isEqualTo("15");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
    assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
  }

  @Test
  @DisplayName("two embedded members with the default port settings find each other on 127.0.0.1 and form one cluster")
  void defaultPortsJoin() {
    String cluster = "default-ports-" + UUID.randomUUID();
    try (HazelcastSharedObjects one = HazelcastSharedObjects.builder().clusterName(cluster).embedded();
        HazelcastSharedObjects two = HazelcastSharedObjects.builder().clusterName(cluster).embedded()) {
      assertThat(two.hazelcastInstance().getCluster().getMembers()).hasSize(2);
      one.dict("joined").put("k", "v");
      assertThat(two.dict("joined")).containsEntry("k", "v");
    }
  }

  @Test
  @DisplayName("the default cluster name is shared by embedded() and client(), and is not Hazelcast's 'dev'")
  void defaultClusterName() {
    assertThat(HazelcastSharedObjects.builder()).isNotNull();
    assertThat(HazelcastSharedObjects.builder().settings().clusterName()).isEqualTo("shared-objects").isNotEqualTo("dev");
    assertThat(HazelcastConfigs.member(HazelcastSharedObjects.builder().settings()).getClusterName())
        .isEqualTo(HazelcastConfigs.client(HazelcastSharedObjects.builder().settings(), java.util.List.of("127.0.0.1")).getClusterName());
  }

  @Test
  @DisplayName("without a CP Subsystem (open source 5.5+), AUTO picks map locks")
  void autoPicksMapLocksOnOpenSource() {
    assertThat(member.lockBackend()).isEqualTo(LockBackend.MAP);
  }

  @Test
  @DisplayName("closing a wrapped instance leaves the Hazelcast instance running; closing an owned one shuts it down")
  void closeShutsDownOnlyWhatItStarted() {
    HazelcastInstance underlying = member.hazelcastInstance();
    HazelcastSharedObjects wrapped = HazelcastSharedObjects.wrap(underlying);
    wrapped.dict("kept").put("k", "v");
    wrapped.close();
    assertThat(underlying.getLifecycleService().isRunning()).isTrue();
    assertThat(member.dict("kept")).containsEntry("k", "v");

    HazelcastSharedObjects own = HazelcastSharedObjects.builder().clusterName("own-" + UUID.randomUUID()).port(0).embedded();
    HazelcastInstance ownInstance = own.hazelcastInstance();
    own.close();
    assertThat(ownInstance.getLifecycleService().isRunning()).isFalse();
    assertThatThrownBy(() -> own.dict("x")).isInstanceOf(SharedObjectsClosedException.class);
  }

  @Test
  @DisplayName("a client connects to an embedded member by its address() and sees the same objects")
  void clientSeesMemberObjects() {
    SharedDict<Object, Object> dict = member.dict();
    dict.put(1, "one");
    try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(CLUSTER).client(member.address())) {
      assertThat(client.<Object, Object>dict(dict.name())).containsExactlyEntriesOf(Map.of(1, "one"));
      assertThat(client.address()).isEqualTo(member.address());
    }
  }

  @Test
  @DisplayName("a client pointed at an address where nothing listens fails with ClusterUnavailableException within its connect timeout")
  void clientToNowhereFailsInTime() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + freePort;
    assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        assertThatThrownBy(() -> HazelcastSharedObjects.builder()
                .clusterName(CLUSTER).connectTimeout(Duration.ofSeconds(2)).client(nowhere))
            .isInstanceOf(ClusterUnavailableException.class)
            .hasMessageContaining(nowhere)
            .hasMessageContaining("2000 ms"));
  }

  @Test
  @DisplayName("a client with the wrong cluster name fails with ClusterUnavailableException that names the cluster")
  void wrongClusterNameFailsInTime() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        assertThatThrownBy(() -> HazelcastSharedObjects.builder()
                .clusterName("no-such-cluster").connectTimeout(Duration.ofSeconds(2)).client(member.address()))
            .isInstanceOf(ClusterUnavailableException.class)
            .hasMessageContaining("no-such-cluster"));
  }

  @Test
  @DisplayName("a value Hazelcast cannot serialize fails with NotStorableException naming its class, and the entry keeps its old value")
  void notStorableNamesTheClass() {
    SharedDict<String, Object> dict = member.dict();
    dict.put("k", "old");
    assertThatThrownBy(() -> dict.put("k", new Object()))
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> dict.put("k", new Thread()))
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining("java.lang.Thread");
    assertThat(dict).containsExactlyEntriesOf(Map.of("k", "old"));
  }

  @Test
  @DisplayName("nulls are stored as a marker that the raw IMap shows, never as a Hazelcast null")
  void nullsAreMarkers() {
    SharedDict<Object, Object> dict = member.dict();
    dict.put(null, null);
    Map<Object, Object> raw = member.hazelcastInstance().getMap(dict.name());
    assertThat(raw).containsEntry(NullMarker.INSTANCE, NullMarker.INSTANCE);
    assertThat(dict.containsKey(null)).isTrue();
    assertThat(dict.get(null)).isNull();
  }
}
