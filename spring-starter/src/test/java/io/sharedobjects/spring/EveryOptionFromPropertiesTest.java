package io.sharedobjects.spring;

import static io.sharedobjects.spring.TestHazelcast.membersOf;
import static io.sharedobjects.spring.TestHazelcast.uniqueClusterName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import io.sharedobjects.NoQuorumException;
import io.sharedobjects.SharedLock;
import io.sharedobjects.ValueTooLargeException;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.LockBackend;
import io.sharedobjects.hazelcast.MergePolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A Spring application that sets every builder option from {@code shared-objects.*} properties, read back
 * from the bean and its Hazelcast configuration: a member on 127.0.0.2 (its own loopback address, so the bind
 * address is not the default) and a client of it, with a cluster name of their own; the cluster size and
 * majority for data on a member of its own, since alone it refuses locks.
 */
@Timeout(120)
class EveryOptionFromPropertiesTest {

  private static final String BIND_ADDRESS = "127.0.0.2";
  private static final String FAIL_ON_INDETERMINATE = "hazelcast.operation.fail.on.indeterminate.state";
  private static final String CLIENT_FAIL_ON_INDETERMINATE = "hazelcast.client.operation.fail.on.indeterminate.state";
  /** The split-brain protection the adapter gives members with a declared cluster size. */
  private static final String MAJORITY = "shared-objects-majority";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class));

  @Test
  @DisplayName("a member and a client of it, each with every option that applies to it set from properties")
  void everyOption() throws Exception {
    String cluster = uniqueClusterName("spring-options");
    int port = freePort();
    String address = BIND_ADDRESS + ":" + port;
    runner.withPropertyValues(
            "shared-objects.mode=embedded",
            "shared-objects.cluster-name=" + cluster,
            "shared-objects.port=" + port,
            "shared-objects.bind-address=" + BIND_ADDRESS,
            "shared-objects.members=" + address,
            "shared-objects.connect-timeout=7s",
            "shared-objects.lock-backend=map",
            "shared-objects.lock-lease=2s",
            "shared-objects.owner-cleanup-timeout=3s",
            "shared-objects.max-value-size=64KB",
            "shared-objects.near-cache=prices, config.*",
            "shared-objects.confirmed-writes=true",
            "shared-objects.merge-policy=smaller-side-wins")
        .run(memberContext -> {
          HazelcastSharedObjects member = memberContext.getBean(HazelcastSharedObjects.class);
          assertMemberOptions(member, cluster, address);
          assertLockLease(member);

          runner.withPropertyValues(
                  "shared-objects.mode=client",
                  "shared-objects.addresses=" + address,
                  "shared-objects.cluster-name=" + cluster,
                  "shared-objects.connect-timeout=7s",
                  "shared-objects.lock-backend=map",
                  "shared-objects.max-value-size=32KB",
                  "shared-objects.near-cache[0]=prices",
                  "shared-objects.confirmed-writes=TRUE")
              .run(clientContext -> assertClientOptions(clientContext.getBean(HazelcastSharedObjects.class), member, cluster, address));
        });
    assertThat(membersOf(cluster)).isZero();
  }

  @Test
  @DisplayName("a member with a cluster size, majority for data and a merge policy: Hazelcast's configuration shows"
      + " them, and alone it refuses locks and dicts")
  void partitionOptions() {
    String cluster = uniqueClusterName("spring-partition");
    // A member of its own: with 5 members declared and 1 running, it refuses every lock, as it should, so
    // the lease above is proved on a member without a declared size.
    runner.withPropertyValues(
            "shared-objects.cluster-name=" + cluster,
            "shared-objects.port=0",
            "shared-objects.lock-backend=map",
            "shared-objects.cluster-size=5",
            "shared-objects.majority-for-data=true",
            "shared-objects.merge-policy=DISCARD-SMALLER-SIDE")
        .run(context -> assertPartitionOptions(context.getBean(HazelcastSharedObjects.class)));
    assertThat(membersOf(cluster)).isZero();
  }

  @Test
  @DisplayName("the environment variables SHARED_OBJECTS_* set the same options as the properties")
  void environmentVariables() {
    String cluster = uniqueClusterName("spring-environment");
    runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "SHARED_OBJECTS_CLUSTER_NAME", cluster,
                "SHARED_OBJECTS_PORT", "0",
                "SHARED_OBJECTS_MAX_VALUE_SIZE", "2KB",
                "SHARED_OBJECTS_OWNER_CLEANUP_TIMEOUT", "1s",
                "SHARED_OBJECTS_NEAR_CACHE", "prices"))))
        .run(context -> {
          HazelcastSharedObjects shared = context.getBean(HazelcastSharedObjects.class);
          Config config = shared.hazelcastInstance().getConfig();
          assertThat(shared.clusterName()).isEqualTo(cluster);
          assertThat(shared.maxValueSize()).isEqualTo(2048);
          assertThat(config.getProperty("hazelcast.client.cleanup.timeout.millis")).isEqualTo("1000");
          assertThat(config.getMapConfigs()).containsKey("prices");
        });
  }

  private static void assertMemberOptions(HazelcastSharedObjects member, String cluster, String address) {
    Config config = member.hazelcastInstance().getConfig();

    assertThat(member.isClient()).isFalse();
    assertThat(member.clusterName()).isEqualTo(cluster);
    assertThat(config.getClusterName()).isEqualTo(cluster);
    assertThat(member.address()).isEqualTo(address);
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly(address);
    assertThat(member.lockBackend()).isEqualTo(LockBackend.MAP);
    assertThat(config.getProperty("hazelcast.client.cleanup.timeout.millis")).isEqualTo("3000");
    assertThat(member.maxValueSize()).isEqualTo(64 * 1024);
    assertThatThrownBy(() -> member.dict("sizes").put("big", new byte[65 * 1024])).isInstanceOf(ValueTooLargeException.class);
    assertThat(config.getMapConfigs()).containsKeys("prices", "config.*");
    member.dict("prices").put("tea", 3);
    member.dict("config.db").put("url", "x");
    member.dict("stock").put("tea", 10);
    assertThat(member.hazelcastInstance().getMap("prices").getLocalMapStats().getNearCacheStats()).isNotNull();
    assertThat(member.hazelcastInstance().getMap("config.db").getLocalMapStats().getNearCacheStats()).isNotNull();
    assertThat(member.hazelcastInstance().getMap("stock").getLocalMapStats().getNearCacheStats()).isNull();
    // confirmed-writes and merge-policy; no cluster size, so no split-brain protection.
    assertThat(config.getProperty(FAIL_ON_INDETERMINATE)).isEqualTo("true");
    assertThat(config.findMapConfig("stock").getMergePolicyConfig().getPolicy())
        .isEqualTo(MergePolicy.SMALLER_SIDE_WINS.hazelcastPolicy());
    assertThat(config.findMapConfig("prices").getMergePolicyConfig().getPolicy())
        .isEqualTo(MergePolicy.SMALLER_SIDE_WINS.hazelcastPolicy());
    assertThat(config.findListConfig("tasks").getMergePolicyConfig().getPolicy())
        .isEqualTo(MergePolicy.SMALLER_SIDE_WINS.hazelcastPolicy());
    assertThat(config.getSplitBrainProtectionConfigs()).isEmpty();
  }

  /** Cluster size 5: a majority of 3 guards the members' maps, 2 backups, and this lone member refuses locks. */
  private static void assertPartitionOptions(HazelcastSharedObjects member) {
    Config config = member.hazelcastInstance().getConfig();

    assertThat(config.getSplitBrainProtectionConfig(MAJORITY).getMinimumClusterSize()).isEqualTo(3);
    assertThat(config.getProperty(FAIL_ON_INDETERMINATE)).as("implied by the cluster size").isEqualTo("true");
    MapConfig orders = config.findMapConfig("orders");
    assertThat(orders.getBackupCount()).isEqualTo(2);
    assertThat(orders.getSplitBrainProtectionName()).as("majority-for-data").isEqualTo(MAJORITY);
    assertThat(orders.getMergePolicyConfig().getPolicy()).isEqualTo(MergePolicy.DISCARD_SMALLER_SIDE.hazelcastPolicy());
    assertThatThrownBy(() -> member.lock("jobs").tryLock()).isInstanceOf(NoQuorumException.class)
        .hasMessageContaining("3 of 5 members");
    assertThatThrownBy(() -> member.dict("orders").put("k", "v")).as("majority-for-data")
        .isInstanceOf(NoQuorumException.class);
  }

  /** A lock whose holder never unlocks is released after the lease, for another thread to take. */
  private static void assertLockLease(HazelcastSharedObjects member) throws Exception {
    SharedLock lock = member.lock("leased-" + System.nanoTime());
    lock.lock();
    boolean taken = CompletableFuture.supplyAsync(() -> {
      try {
        boolean got = lock.tryLock(30, TimeUnit.SECONDS);
        if (got) {
          lock.unlock();
        }
        return got;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }).get(40, TimeUnit.SECONDS);
    assertThat(taken).as("taken by another thread after the 2 s lease").isTrue();
  }

  private static void assertClientOptions(HazelcastSharedObjects client, HazelcastSharedObjects member, String cluster,
      String address) {
    ClientConfig config = ((HazelcastClientProxy) client.hazelcastInstance()).getClientConfig();

    assertThat(client.isClient()).isTrue();
    assertThat(client.clusterName()).isEqualTo(cluster);
    assertThat(config.getNetworkConfig().getAddresses()).containsExactly(address);
    assertThat(config.getProperty("hazelcast.client.invocation.timeout.seconds")).isEqualTo("7");
    assertThat(client.lockBackend()).isEqualTo(LockBackend.MAP);
    assertThat(client.maxValueSize()).isEqualTo(32 * 1024);
    assertThat(config.getNearCacheConfigMap()).containsOnlyKeys("prices");
    client.dict("prices").put("coffee", 4);
    assertThat(client.<String, Integer>dict("prices").get("coffee")).isEqualTo(4);
    assertThat(client.hazelcastInstance().getMap("prices").getLocalMapStats().getNearCacheStats()).isNotNull();
    assertThat(member.<String, Integer>dict("prices").get("coffee")).isEqualTo(4);
    // confirmed-writes: the client collects the backups' confirmations (as by default) and fails an unconfirmed write.
    assertThat(config.getProperty(CLIENT_FAIL_ON_INDETERMINATE)).isEqualTo("true");
    assertThat(config.isBackupAckToClientEnabled()).isTrue();
  }

  /** A port no process listens on at 127.0.0.2 now. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BIND_ADDRESS))) {
      return socket.getLocalPort();
    }
  }
}
