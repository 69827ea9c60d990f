package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientNetworkConfig;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SSLConfig;
import com.hazelcast.core.Hazelcast;
import io.sharedobjects.SharedDict;
import io.sharedobjects.UnreadableValueException;
import io.sharedobjects.testing.ListeningSockets;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The closed door: what an embedded member and a client started by this library expose, checked in the
 * effective configuration and, for the listening socket, in the kernel's own table.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClosedByDefaultTest {

  private static final String CLUSTER = "closed-door-" + UUID.randomUUID();
  private static HazelcastSharedObjects member;

  @BeforeAll
  static void startMember() {
    member = HazelcastSharedObjects.builder().clusterName(CLUSTER).port(0).embedded();
  }

  @AfterAll
  static void stopMember() {
    if (member != null) {
      member.close();
    }
  }

  @Test
  @DisplayName("an embedded member listens on 127.0.0.1 only, as the kernel reports it: not on 0.0.0.0 or ::")
  void listensOnLoopbackOnly() {
    assumeTrue(ListeningSockets.isSupported(), "needs /proc/net/tcp (Linux)");
    List<InetAddress> listening = ListeningSockets.on(port(member));

    assertThat(listening).isNotEmpty();
    assertThat(listening).allSatisfy(address -> assertThat(address.getHostAddress()).isEqualTo("127.0.0.1"));
  }

  @Test
  @DisplayName("the member's effective configuration: one loopback interface, TCP-IP join only, every discovery, multicast, phone-home and memcache off")
  void memberConfiguration() {
    Config config = member.hazelcastInstance().getConfig();
    NetworkConfig network = config.getNetworkConfig();
    JoinConfig join = network.getJoin();

    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(network.getInterfaces().isEnabled()).isTrue();
    assertThat(network.getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    // Empty when the member started alone, without Hazelcast's join wait (see EmbeddedStart).
    assertThat(join.getTcpIpConfig().getMembers()).isSubsetOf("127.0.0.1");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getAwsConfig().isEnabled()).isFalse();
    assertThat(join.getGcpConfig().isEnabled()).isFalse();
    assertThat(join.getAzureConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getEurekaConfig().isEnabled()).isFalse();
    assertThat(join.getDiscoveryConfig().getDiscoveryStrategyConfigs()).isEmpty();
    assertThat(network.getMemcacheProtocolConfig().isEnabled()).isFalse();
    assertThat(HazelcastConfigs.openings(config)).isEmpty();
  }

  @Test
  @DisplayName("a client's effective configuration: the given addresses only, auto-detection, cloud and discovery off, phone-home off")
  void clientConfiguration() {
    try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(CLUSTER).client(member.address())) {
      ClientConfig config = ((HazelcastClientProxy) client.hazelcastInstance()).getClientConfig();
      ClientNetworkConfig network = config.getNetworkConfig();

      assertThat(network.getAddresses()).containsExactly(member.address());
      assertThat(network.getAutoDetectionConfig().isEnabled()).isFalse();
      assertThat(network.getCloudConfig().isEnabled()).isFalse();
      assertThat(network.getAwsConfig().isEnabled()).isFalse();
      assertThat(network.getGcpConfig().isEnabled()).isFalse();
      assertThat(network.getAzureConfig().isEnabled()).isFalse();
      assertThat(network.getKubernetesConfig().isEnabled()).isFalse();
      assertThat(network.getEurekaConfig().isEnabled()).isFalse();
      assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
      assertThat(config.getClusterName()).isEqualTo(CLUSTER);
    }
  }

  @Test
  @DisplayName("a member bound to another loopback address (127.0.0.2) listens there only and logs no warning")
  void otherLoopbackAddress() {
    assumeTrue(canBind("127.0.0.2"), "this machine cannot bind 127.0.0.2");
    List<LogRecord> warnings = captureWarnings(() -> {
      try (HazelcastSharedObjects onTwo = HazelcastSharedObjects.builder()
          .clusterName("closed-door-two-" + UUID.randomUUID()).bindAddress("127.0.0.2").port(0).embedded()) {
        assertThat(onTwo.address()).startsWith("127.0.0.2:");
        if (ListeningSockets.isSupported()) {
          assertThat(ListeningSockets.on(port(onTwo)))
              .isNotEmpty()
              .allSatisfy(address -> assertThat(address.getHostAddress()).isEqualTo("127.0.0.2"));
        }
        onTwo.dict("d").put("k", "v");
        assertThat(onTwo.dict("d")).containsEntry("k", "v");
      }
      return null;
    });

    assertThat(warnings).isEmpty();
  }

  @Test
  @DisplayName("without an authKey, a member bound beyond loopback or a client of members beyond it fails at start, saying how to set a key or opt out; nothing is started or contacted")
  void acrossMachinesNeedsAKey() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): documentation only, never an address of a real machine.
    List<LogRecord> warnings = captureWarnings(() -> {
      for (org.assertj.core.api.ThrowableAssert.ThrowingCallable start : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
          () -> HazelcastSharedObjects.builder().clusterName("no-key-" + UUID.randomUUID()).bindAddress("192.0.2.1")
              .port(0).embedded(),
          () -> HazelcastSharedObjects.builder().clusterName("no-key-" + UUID.randomUUID()).client("192.0.2.1:5701"),
          () -> HazelcastSharedObjects.builder().clusterName("no-key-" + UUID.randomUUID())
              .client("127.0.0.1:5701", "192.0.2.1"))) {
        assertThatThrownBy(start).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("192.0.2.1").hasMessageContaining("authKey(...)")
            .hasMessageContaining("SHARED_OBJECTS_AUTH_KEY").hasMessageContaining("unauthenticated()");
      }
      return null;
    });
    assertThat(warnings).as("nothing started, so nothing warned").isEmpty();
    assertThat(ClientStart.host("[::1]:5701")).isEqualTo("::1");
    assertThat(ClientStart.host("::1")).isEqualTo("::1");
    assertThat(ClientStart.host("localhost:5701")).isEqualTo("localhost");
  }

  @Test
  @DisplayName("with an authKey, a member bound beyond loopback warns that sealing does not stop deletes, locks or seeing sizes")
  void acrossMachinesWithAKeyWarns() {
    List<LogRecord> warnings = captureWarnings(() -> {
      assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterName("key-" + UUID.randomUUID())
              .authKey("a key for this test").bindAddress("192.0.2.1").port(0).embedded())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an address of this machine");
      return null;
    });
    assertThat(warnings).singleElement().satisfies(record -> assertThat(record.getMessage())
        .contains("192.0.2.1").contains("sealed with the authKey").contains("delete data").contains("firewall"));
  }

  @Test
  @DisplayName("unauthenticated(): a non-loopback bind address logs a warning that names it and says there is no authentication; one this machine lacks then fails with IllegalArgumentException")
  void nonLoopbackAddressWarns() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): documentation only, never an address of a real machine, so
    // nothing can listen on it and no traffic leaves this machine.
    List<LogRecord> warnings = captureWarnings(() -> {
      assertThatThrownBy(() -> HazelcastSharedObjects.builder().unauthenticated()
              .clusterName("closed-door-open-" + UUID.randomUUID()).bindAddress("192.0.2.1").port(0).embedded())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("192.0.2.1")
          .hasMessageContaining("not an address of this machine");
      return null;
    });

    assertThat(warnings).singleElement().satisfies(record -> {
      assertThat(record.getLevel()).isEqualTo(Level.WARNING);
      assertThat(record.getMessage())
          .contains("192.0.2.1")
          .contains("no authentication or TLS")
          .contains("firewall");
    });
  }

  @Test
  @DisplayName("openings() reports each setting that opens a member beyond this machine, one by one")
  void openingsNamesEachOpening() {
    Settings defaults = HazelcastSharedObjects.builder().settings();
    assertThat(HazelcastConfigs.openings(HazelcastConfigs.member(defaults))).isEmpty();

    Config multicast = HazelcastConfigs.member(defaults);
    multicast.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(true);
    assertThat(HazelcastConfigs.openings(multicast)).singleElement().asString().contains("multicast");

    Config autoDetection = HazelcastConfigs.member(defaults);
    autoDetection.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(true);
    assertThat(HazelcastConfigs.openings(autoDetection)).singleElement().asString().contains("auto-detection");

    Config bindAny = HazelcastConfigs.member(defaults);
    bindAny.setProperty("hazelcast.socket.bind.any", "true");
    assertThat(HazelcastConfigs.openings(bindAny)).singleElement().asString().contains("all network interfaces");

    Config phoneHome = HazelcastConfigs.member(defaults);
    phoneHome.setProperty("hazelcast.phone.home.enabled", "true");
    assertThat(HazelcastConfigs.openings(phoneHome)).singleElement().asString().contains("phone-home");

    Config otherInterface = HazelcastConfigs.member(defaults);
    otherInterface.getNetworkConfig().getInterfaces().addInterface("10.0.0.5");
    assertThat(HazelcastConfigs.openings(otherInterface)).singleElement().asString().contains("10.0.0.5");

    Config stock = new Config(); // Hazelcast's own defaults: open in several ways
    assertThat(HazelcastConfigs.openings(stock)).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  @DisplayName("configureMember changes the member configuration after the builder's settings, before the member starts")
  void memberCustomizer() {
    try (HazelcastSharedObjects customized = HazelcastSharedObjects.builder()
        .clusterName("closed-door-custom-" + UUID.randomUUID()).port(0)
        .configureMember(config -> {
          assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
          config.getMapConfig("audit-*").setBackupCount(2);
          config.setProperty("hazelcast.partition.count", "71");
        })
        .embedded()) {
      Config effective = customized.hazelcastInstance().getConfig();
      assertThat(effective.getMapConfig("audit-log").getBackupCount()).isEqualTo(2);
      assertThat(customized.hazelcastInstance().getPartitionService().getPartitions()).hasSize(71);
      assertThat(HazelcastConfigs.openings(effective)).isEmpty();
    }
  }

  @Test
  @DisplayName("configureClient changes the client configuration after the builder's settings, before the client starts")
  void clientCustomizer() {
    try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(CLUSTER)
        .configureClient(config -> {
          assertThat(config.getClusterName()).isEqualTo(CLUSTER);
          config.setInstanceName("customized-client-" + UUID.randomUUID());
          config.getNetworkConfig().setRedoOperation(false);
        })
        .client(member.address())) {
      assertThat(client.hazelcastInstance().getName()).startsWith("customized-client-");
      client.dict("d").put("k", "v");
    }
  }

  @Test
  @DisplayName("TLS or security passed through configureMember fails clearly on open-source Hazelcast (they are Enterprise features), and no member is left running")
  void enterpriseFeaturesFailClearlyOnOpenSource() {
    int before = Hazelcast.getAllHazelcastInstances().size();
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterName("closed-door-tls-" + UUID.randomUUID()).port(0)
            .configureMember(config -> config.getNetworkConfig().setSSLConfig(new SSLConfig().setEnabled(true)))
            .embedded())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Enterprise");
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterName("closed-door-security-" + UUID.randomUUID()).port(0)
            .configureMember(config -> config.getSecurityConfig().setEnabled(true))
            .embedded())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Enterprise");
    assertThat(Hazelcast.getAllHazelcastInstances()).hasSize(before);
  }

  /** A Serializable class outside the packages the filter below allows. */
  record Untrusted(String payload) implements Serializable {}

  @Test
  @DisplayName("a Java deserialization filter set with configureMember refuses classes outside the allowed packages with UnreadableValueException naming the filter; allowed values, nulls and shared objects read")
  void deserializationFilter() {
    try (HazelcastSharedObjects filtered = HazelcastSharedObjects.builder()
        .clusterName("closed-door-filter-" + UUID.randomUUID()).port(0)
        .configureMember(config -> config.getSerializationConfig().setJavaSerializationFilterConfig(
            // Only the JDK: the library lets its own null marker and references through by itself.
            new JavaSerializationFilterConfig().setWhitelist(new ClassFilter().addPrefixes("java."))))
        .embedded()) {
      SharedDict<String, Object> dict = filtered.dict("filtered");
      dict.put("list", new ArrayList<>(List.of(1, 2)));
      dict.put("null", null);
      SharedDict<String, Object> inner = filtered.dict("filtered-inner");
      dict.put("inner", inner);
      dict.put("untrusted", new Untrusted("would run code if it were a gadget"));

      assertThat(dict.get("list")).isEqualTo(List.of(1, 2));
      assertThat(dict.containsKey("null")).isTrue();
      assertThat(dict.get("null")).isNull();
      assertThat(dict.get("inner")).isSameAs(inner);
      assertThatThrownBy(() -> dict.get("untrusted"))
          .isInstanceOf(UnreadableValueException.class)
          .hasMessageContaining(Untrusted.class.getName())
          .hasMessageContaining("deserialization filter");
    }
  }

  private static int port(HazelcastSharedObjects instance) {
    String address = instance.address();
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  private static boolean canBind(String address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code action} and returns the warnings this library's entry class logged meanwhile (JDK logging). */
  private static List<LogRecord> captureWarnings(Supplier<Void> action) {
    Logger logger = Logger.getLogger(HazelcastSharedObjects.class.getName());
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          records.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      action.get();
    } finally {
      logger.removeHandler(handler);
    }
    return records;
  }
}
