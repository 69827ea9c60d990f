package io.sharedobjects.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import io.sharedobjects.NoQuorumException;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Guice application that sets every builder option from properties, read back from the instance and its
 * Hazelcast configuration: a member on 127.0.0.2 (its own loopback address, so the bind address is not the
 * default) and a client of it, both with a cluster name unique to this run; the cluster size and majority for
 * data on a member of its own, since alone it refuses locks.
 */
@Timeout(120)
class EveryOptionFromPropertiesTest {

  private static final String BIND_ADDRESS = "127.0.0.2";
  private static final String CLUSTER = "guice-options-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private static final String FAIL_ON_INDETERMINATE = "hazelcast.operation.fail.on.indeterminate.state";
  private static final String CLIENT_FAIL_ON_INDETERMINATE = "hazelcast.client.operation.fail.on.indeterminate.state";
  /** The split-brain protection the adapter gives members with a declared cluster size. */
  private static final String MAJORITY = "shared-objects-majority";

  private static int port;
  private static Injector memberApplication;
  private static HazelcastSharedObjects member;

  @BeforeAll
  static void startMember() throws IOException {
    port = freePort();
    memberApplication = Guice.createInjector(SharedObjectsModule.fromProperties(Map.ofEntries(
        Map.entry("shared-objects.mode", "embedded"),
        Map.entry("shared-objects.cluster-name", CLUSTER),
        Map.entry("shared-objects.port", Integer.toString(port)),
        Map.entry("shared-objects.bind-address", BIND_ADDRESS),
        Map.entry("shared-objects.members", BIND_ADDRESS + ":" + port),
        Map.entry("shared-objects.connect-timeout", "7s"),
        Map.entry("shared-objects.lock-backend", "map"),
        Map.entry("shared-objects.lock-lease", "2s"),
        Map.entry("shared-objects.owner-cleanup-timeout", "3s"),
        Map.entry("shared-objects.max-value-size", "64KB"),
        Map.entry("shared-objects.near-cache", "prices, config.*"),
        Map.entry("shared-objects.confirmed-writes", "true"),
        Map.entry("shared-objects.merge-policy", "smaller-side-wins"))));
    member = (HazelcastSharedObjects) memberApplication.getInstance(SharedObjects.class);
  }

  @AfterAll
  static void stopMember() {
    if (memberApplication != null) {
      memberApplication.getInstance(SharedObjectsLifecycle.class).close();
    }
    assertThat(Hazelcast.getAllHazelcastInstances()).noneMatch(i -> i.getConfig().getClusterName().equals(CLUSTER));
  }

  @Test
  @DisplayName("embedded: cluster name, port, bind address, members, lock backend, owner cleanup, size limit, near cache,"
      + " confirmed writes, merge policy")
  void memberOptions() {
    Config config = member.hazelcastInstance().getConfig();

    assertThat(member.isClient()).isFalse();
    assertThat(member.clusterName()).isEqualTo(CLUSTER);
    assertThat(config.getClusterName()).isEqualTo(CLUSTER);
    assertThat(member.address()).isEqualTo(BIND_ADDRESS + ":" + port);
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly(BIND_ADDRESS + ":" + port);
    assertThat(member.lockBackend()).isEqualTo(LockBackend.MAP);
    assertThat(config.getProperty("hazelcast.client.cleanup.timeout.millis")).isEqualTo("3000");
    assertThat(member.maxValueSize()).isEqualTo(64 * 1024);
    assertThatThrownBy(() -> member.dict("sizes").put("big", new byte[65 * 1024])).isInstanceOf(ValueTooLargeException.class);
    assertThat(config.getMapConfigs()).containsKeys("prices", "config.*");
    assertThat(config.getMapConfigs().get("prices").getNearCacheConfig()).isNotNull();
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

  @Test
  @DisplayName("cluster size, majority for data, merge policy: Hazelcast's configuration shows them, and a lone member"
      + " refuses locks and dicts")
  void partitionOptions() {
    String cluster = CLUSTER + "-partition";
    // A member of its own: with 5 members declared and 1 running, it refuses every lock, as it should, so
    // the lease is proved on the member without a declared size.
    Injector application = Guice.createInjector(SharedObjectsModule.fromProperties(Map.of(
        "shared-objects.cluster-name", cluster,
        "shared-objects.port", "0",
        "shared-objects.lock-backend", "map",
        "shared-objects.cluster-size", "5",
        "shared-objects.majority-for-data", "TRUE",
        "shared-objects.merge-policy", "Discard-Smaller-Side")));
    try {
      HazelcastSharedObjects lone = (HazelcastSharedObjects) application.getInstance(SharedObjects.class);
      Config config = lone.hazelcastInstance().getConfig();

      assertThat(config.getSplitBrainProtectionConfig(MAJORITY).getMinimumClusterSize()).isEqualTo(3);
      assertThat(config.getProperty(FAIL_ON_INDETERMINATE)).as("implied by the cluster size").isEqualTo("true");
      MapConfig orders = config.findMapConfig("orders");
      assertThat(orders.getBackupCount()).isEqualTo(2);
      assertThat(orders.getSplitBrainProtectionName()).as("majority-for-data").isEqualTo(MAJORITY);
      assertThat(orders.getMergePolicyConfig().getPolicy()).isEqualTo(MergePolicy.DISCARD_SMALLER_SIDE.hazelcastPolicy());
      assertThatThrownBy(() -> lone.lock("jobs").tryLock()).isInstanceOf(NoQuorumException.class)
          .hasMessageContaining("3 of 5 members");
      assertThatThrownBy(() -> lone.dict("orders").put("k", "v")).as("majority-for-data")
          .isInstanceOf(NoQuorumException.class);
    } finally {
      application.getInstance(SharedObjectsLifecycle.class).close();
    }
    assertThat(Hazelcast.getAllHazelcastInstances()).noneMatch(i -> i.getConfig().getClusterName().equals(cluster));
  }

  @Test
  @DisplayName("lock lease: a lock whose holder never unlocks is released after the lease, for another thread to take")
  void lockLease() throws Exception {
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

    assertThat(taken).isTrue();
  }

  @Test
  @DisplayName("client: mode, addresses, cluster name, connect timeout, lock backend, size limit, near cache, confirmed writes")
  void clientOptions() {
    Injector clientApplication = Guice.createInjector(SharedObjectsModule.fromProperties(Map.of(
        "shared-objects.mode", "client",
        "shared-objects.addresses", BIND_ADDRESS + ":" + port,
        "shared-objects.cluster-name", CLUSTER,
        "shared-objects.connect-timeout", "7s",
        "shared-objects.lock-backend", "map",
        "shared-objects.max-value-size", "32KB",
        "shared-objects.near-cache", "prices",
        "shared-objects.confirmed-writes", "True")));
    try {
      HazelcastSharedObjects client = (HazelcastSharedObjects) clientApplication.getInstance(SharedObjects.class);
      ClientConfig config = ((HazelcastClientProxy) client.hazelcastInstance()).getClientConfig();

      assertThat(client.isClient()).isTrue();
      assertThat(client.clusterName()).isEqualTo(CLUSTER);
      assertThat(config.getNetworkConfig().getAddresses()).containsExactly(BIND_ADDRESS + ":" + port);
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
    } finally {
      clientApplication.getInstance(SharedObjectsLifecycle.class).close();
    }
  }

  /** A port no process listens on at 127.0.0.2 now. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BIND_ADDRESS))) {
      return socket.getLocalPort();
    }
  }
}
