package io.sharedobjects.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class StockHazelcastMemberTest {

  private static final String CLUSTER = "stock-member-test-" + ProcessHandle.current().pid();

  static HazelcastInstance client(String clusterName, String... addresses) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.getNetworkConfig().addAddress(addresses);
    config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
    return HazelcastClient.newHazelcastClient(config);
  }

  @Test
  @DisplayName("a stock member on a free port serves a plain client and exits on stop")
  void serveAClientAndStop() {
    StockHazelcastMember member = StockHazelcastMember.builder().clusterName(CLUSTER).start();
    try {
      assertThat(member.address()).isEqualTo("127.0.0.1:" + member.port());
      assertThat(member.clusterName()).isEqualTo(CLUSTER);
      assertThat(member.isRunning()).isTrue();
      assertThat(member.config()).contains(
          "cluster-name: \"" + CLUSTER + "\"",
          "\"hazelcast.phone.home.enabled\": \"false\"",
          "\"hazelcast.local.localAddress\": \"127.0.0.1\"",
          "\"hazelcast.socket.bind.any\": \"false\"",
          "\"hazelcast.client.cleanup.timeout.millis\": \"5000\"",
          "\"hazelcast.client.cleanup.period.millis\": \"1000\"",
          "\"hazelcast.client.max.no.heartbeat.seconds\": \"15\"",
          "\"hazelcast.max.no.heartbeat.seconds\": \"10\"",
          "auto-increment: false",
          "- 127.0.0.1\n",
          "- \"127.0.0.1:" + member.port() + "\"");
      if (ListeningSockets.isSupported()) {
        // The kernel's view, not the configuration's: nothing listens on 0.0.0.0 or ::.
        assertThat(ListeningSockets.on(member.port()))
            .isNotEmpty()
            .allSatisfy(address -> assertThat(address.getHostAddress()).isEqualTo("127.0.0.1"));
      }
      assertThat(member.config()).containsSubsequence("auto-detection:", "enabled: false",
          "multicast:", "enabled: false", "tcp-ip:", "enabled: true");
      // Nothing of shared-objects on the member's classpath: only the Hazelcast jar.
      assertThat(member.processHandle().info().arguments()).hasValueSatisfying(args -> assertThat(args)
          .containsSequence("-cp", StockHazelcastMember.hazelcastJar().toString(), StockHazelcastMember.MAIN_CLASS));
      System.out.println("Stock member started in " + member.startupTime().toMillis() + " ms");

      HazelcastInstance client = client(CLUSTER, member.address());
      try {
        IMap<String, String> map = client.getMap("stock-member-test");
        map.put("key", "value");
        assertThat(map.get("key")).isEqualTo("value");
        assertThat(client.getCluster().getMembers()).hasSize(1);
      } finally {
        client.shutdown();
      }
    } finally {
      member.stop();
    }
    assertThat(member.isRunning()).isFalse();
    assertThat(member.processHandle().isAlive()).isFalse();
  }

  @Test
  @DisplayName("two stock members form one cluster; killing one leaves the other serving")
  void twoMembersAndAKill() throws Exception {
    int portA = StockHazelcastMember.freePort();
    int portB = StockHazelcastMember.freePort();
    String cluster = CLUSTER + "-pair";
    try (StockHazelcastMember a = StockHazelcastMember.builder()
            .clusterName(cluster).port(portA).members("127.0.0.1:" + portB).start();
         StockHazelcastMember b = StockHazelcastMember.builder()
            .clusterName(cluster).port(portB).members("127.0.0.1:" + portA).start()) {
      assertThat(b.output()).contains("Members {size:2");

      AtomicInteger members = new AtomicInteger();
      CompletableFuture<Void> sawTwo = new CompletableFuture<>();
      CompletableFuture<Void> sawOne = new CompletableFuture<>();
      HazelcastInstance client = client(cluster, a.address());
      try {
        client.getCluster().addMembershipListener(new InitialMembershipListener() {
          @Override
          public void init(InitialMembershipEvent event) {
            update(event.getMembers().size());
          }

          @Override
          public void memberAdded(MembershipEvent event) {
            update(event.getMembers().size());
          }

          @Override
          public void memberRemoved(MembershipEvent event) {
            update(event.getMembers().size());
          }

          private void update(int size) {
            members.set(size);
            if (size == 2) {
              sawTwo.complete(null);
            } else if (size == 1 && sawTwo.isDone()) {
              sawOne.complete(null);
            }
          }
        });
        sawTwo.get(60, TimeUnit.SECONDS);
        IMap<Integer, Integer> map = client.getMap("pair");
        map.put(1, 1);

        b.kill();
        assertThat(b.isRunning()).isFalse();
        sawOne.get(60, TimeUnit.SECONDS);
        assertThat(members).hasValue(1);
        // The map had a backup on the surviving member.
        assertThat(map.get(1)).isEqualTo(1);
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  @DisplayName("a member whose port is taken fails to start with a clear error and leaves no process")
  void portTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> StockHazelcastMember.builder()
              .clusterName(CLUSTER + "-taken").port(taken.getLocalPort())
              .startupTimeout(Duration.ofSeconds(60)).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("--- output of");
    }
  }
}
