package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedLatch;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shared latch between processes: three client JVMs ({@link LatchParty} counters) count a latch of 3
 * down, one after the other, and a waiter in a fourth client JVM is released by the last countDown, not
 * before.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LatchProcessTest {

  private static final int COUNT = 3;

  @Test
  @DisplayName("a latch of 3 counted down by three client JVMs releases a waiter in a fourth at the third countDown, not before")
  void threeJvmsReleaseAFourth() throws InterruptedException {
    String cluster = "latch-processes-" + UUID.randomUUID();
    String latchName = "ready-" + UUID.randomUUID();
    List<JavaProcess> children = new ArrayList<>();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      SharedLatch latch = member.latch(latchName, COUNT);
      List<JavaProcess.Builder> builders = new ArrayList<>();
      builders.add(party("waiter", cluster, member.address(), latchName));
      for (int i = 0; i < COUNT; i++) {
        builders.add(party("counter", cluster, member.address(), latchName));
      }
      children.addAll(Children.startAll(builders));
      JavaProcess waiter = children.get(0);
      List<JavaProcess> counters = children.subList(1, children.size());
      Children.await(waiter, "WAITING", Duration.ofSeconds(90));
      for (JavaProcess counter : counters) {
        Children.await(counter, "READY", Duration.ofSeconds(90));
      }

      long lastCountingAt = 0;
      for (int i = 0; i < COUNT; i++) {
        JavaProcess counter = counters.get(i);
        Children.tell(counter, "GO");
        lastCountingAt = Long.parseLong(Children.await(counter, "COUNTING", Duration.ofSeconds(30)));
        assertThat(Children.await(counter, "COUNTED", Duration.ofSeconds(30))).isEqualTo(Integer.toString(COUNT - 1 - i));
        if (i < COUNT - 1) {
          assertThat(latch.await(300, TimeUnit.MILLISECONDS)).as("released after %d countDowns", i + 1).isFalse();
          assertThat(Children.all(waiter, "RELEASED")).as("the waiter after %d countDowns", i + 1).isEmpty();
        }
      }

      long releasedAt = Long.parseLong(Children.await(waiter, "RELEASED", Duration.ofSeconds(10)));
      assertThat(releasedAt).as("released after the third countDown began").isGreaterThan(lastCountingAt);
      assertThat(latch.count()).isZero();
      for (JavaProcess child : children) {
        assertThat(child.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", child).isZero();
      }
      Measurements.record("latch of 3: third countDown (client JVM) to release of a waiter in a fourth client JVM",
          String.format("%.2f ms", (releasedAt - lastCountingAt) / 1e6));
    } finally {
      Children.closeAll(children);
    }
  }

  @Test
  @DisplayName("a latch has no owner: a counter JVM SIGKILLed after its countDown leaves it counted, a waiter JVM SIGKILLed while waiting changes nothing, and the other waiters are released at zero")
  void killedPartiesLeaveTheCount() throws InterruptedException {
    String cluster = "latch-killed-" + UUID.randomUUID();
    String latchName = "ready-" + UUID.randomUUID();
    List<JavaProcess> children = new ArrayList<>();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      SharedLatch latch = member.latch(latchName, COUNT);
      children.addAll(Children.startAll(List.of(
          party("waiter", cluster, member.address(), latchName),
          party("waiter", cluster, member.address(), latchName),
          party("counter", cluster, member.address(), latchName))));
      JavaProcess killedWaiter = children.get(0);
      JavaProcess waiter = children.get(1);
      JavaProcess counter = children.get(2);
      Children.await(killedWaiter, "WAITING", Duration.ofSeconds(90));
      Children.await(waiter, "WAITING", Duration.ofSeconds(90));
      Children.await(counter, "READY", Duration.ofSeconds(90));
      Children.tell(counter, "GO");
      assertThat(Children.await(counter, "COUNTED", Duration.ofSeconds(30))).isEqualTo(Integer.toString(COUNT - 1));

      counter.kill();
      killedWaiter.kill();

      assertThat(latch.count()).as("the killed counter's countDown stays counted").isEqualTo(COUNT - 1);
      assertThat(latch.await(300, TimeUnit.MILLISECONDS)).isFalse();
      for (int i = 1; i < COUNT; i++) {
        latch.countDown();
      }
      Children.await(waiter, "RELEASED", Duration.ofSeconds(10));
      assertThat(waiter.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", waiter).isZero();
      assertThat(latch.count()).isZero();
    } finally {
      Children.closeAll(children);
    }
  }

  private static JavaProcess.Builder party(String role, String cluster, String address, String latch) {
    return Children.jvm(LatchParty.class, "latch " + role).args(role, cluster, address, latch, Integer.toString(COUNT));
  }
}
