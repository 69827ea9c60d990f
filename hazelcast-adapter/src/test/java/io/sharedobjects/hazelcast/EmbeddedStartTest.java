package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.testing.JavaProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Embedded members skip Hazelcast's join wait only when they are certain to be alone. */
class EmbeddedStartTest {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @Test
  @DisplayName("a member whose ports are all free starts with an empty member list (no join wait)")
  void aloneMemberHasNoMemberList() {
    int port = freeRange();
    try (HazelcastSharedObjects alone = HazelcastSharedObjects.builder()
        .clusterName("alone-" + UUID.randomUUID()).port(port).embedded()) {
      assertThat(alone.hazelcastInstance().getConfig().getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
          .isEmpty();
      assertThat(alone.address()).isEqualTo("127.0.0.1:" + port);
    }
  }

  @Test
  @DisplayName("a bound port in the member's range means someone may be there: the member joins the usual way")
  void boundPortMeansJoin() throws IOException {
    int port = freeRange();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", port + 5));
      assertThat(EmbeddedStart.noPortBound("127.0.0.1", port)).isFalse();
    }
    assertThat(EmbeddedStart.noPortBound("127.0.0.1", port)).isTrue();
  }

  @Test
  @DisplayName("two processes starting embedded members with the same settings at the same moment form one cluster")
  void simultaneousStartsFormOneCluster() {
    int port = freeRange();
    String cluster = "simultaneous-" + UUID.randomUUID();
    try (JavaProcess other = JavaProcess.builder(OtherMember.class)
        .jvmOptions("-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk")
        .args(cluster, Integer.toString(port))
        .start()) {
      other.awaitOutputLine("STARTING"::equals, BOUND);
      try (HazelcastSharedObjects here = HazelcastSharedObjects.builder().clusterName(cluster).port(port).embedded()) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (here.hazelcastInstance().getCluster().getMembers().size() < 2 && System.nanoTime() < deadline) {
          LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(here.hazelcastInstance().getCluster().getMembers()).hasSize(2);
        other.awaitOutputLine("MEMBERS 2"::equals, BOUND);
      }
    }
  }

  /** The other process: starts a member as soon as it has said so, and reports the cluster size it sees. */
  public static final class OtherMember {
    public static void main(String[] args) {
      System.out.println("STARTING");
      System.out.flush();
      try (HazelcastSharedObjects member = HazelcastSharedObjects.builder()
          .clusterName(args[0]).port(Integer.parseInt(args[1])).embedded()) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (member.hazelcastInstance().getCluster().getMembers().size() < 2 && System.nanoTime() < deadline) {
          LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        System.out.println("MEMBERS " + member.hazelcastInstance().getCluster().getMembers().size());
        System.out.flush();
        // Stay until the test's member has seen this one too; the test kills this process when done.
        LockSupport.parkNanos(BOUND.toNanos());
      }
    }
  }

  /** A first port such that it and the next ones a member may use are free now. */
  private static int freeRange() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (EmbeddedStart.noPortBound("127.0.0.1", port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free range of ports found");
  }
}
