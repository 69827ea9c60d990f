package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.testing.StockHazelcastMember;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link HazelcastSharedQueue} relies on, checked in client mode against a stock member JVM (no class
 * of this library on it): a capacity enforced by the member through dynamic configuration, added before
 * the queue's first use by whichever process comes first, and Hazelcast's behaviours that shaped the
 * design (a late configuration is ignored, a conflicting one refused, an interrupted call's answer
 * dropped).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueueOnStockMemberTest {

  private static StockHazelcastMember member;
  private static HazelcastSharedObjects shared;
  /** A second client, used as plain Hazelcast: what the member itself enforces, not this library. */
  private static HazelcastSharedObjects other;

  @BeforeAll
  static void start() {
    member = StockHazelcastMember.builder().clusterName("queue-stock-" + UUID.randomUUID()).start();
    shared = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
    other = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {other, shared, member}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  private static String newName() {
    return "queue-" + UUID.randomUUID();
  }

  private static HazelcastInstance raw() {
    return other.hazelcastInstance();
  }

  @Test
  @DisplayName("the capacity is enforced by the member: a plain Hazelcast client cannot offer past it")
  void memberEnforcesCapacity() {
    SharedQueue<String> queue = shared.queue(newName(), 2);
    queue.offer("a");

    IQueue<String> plain = raw().getQueue(queue.name());
    assertThat(plain.offer("b")).isTrue();
    assertThat(plain.offer("c")).as("past the capacity").isFalse();
    assertThat(plain.remainingCapacity()).isZero();
  }

  @Test
  @DisplayName("a process that finds a capacity recorded but not configured (its creator died between the two) configures it before use")
  void laterProcessConfigures() {
    String name = newName();
    raw().getMap(HazelcastQueues.CAPACITIES_MAP).put(name, 1);

    SharedQueue<String> queue = shared.queue(name);

    assertThat(queue.capacity()).isEqualTo(1);
    assertThat(queue.offer("a")).isTrue();
    assertThat(raw().<String>getQueue(name).offer("b")).as("enforced by the member").isFalse();
  }

  @Test
  @DisplayName("Hazelcast ignores a queue configuration added after the queue's first use: why it is added first")
  void lateConfigurationIgnored() {
    String name = newName();
    IQueue<String> plain = raw().getQueue(name);
    plain.offer("a");

    raw().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(1));

    assertThat(plain.offer("b")).as("still unbounded").isTrue();
  }

  @Test
  @DisplayName("Hazelcast accepts an equal queue configuration again and refuses a different one; the library then fails with IllegalStateException naming the queue")
  void conflictingConfiguration() {
    String name = newName();
    raw().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(5));
    raw().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(5));
    assertThatThrownBy(() -> raw().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(6)))
        .isInstanceOf(InvalidConfigurationException.class);

    assertThatThrownBy(() -> shared.queue(name, 3)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(name).hasMessageContaining("capacity 3");
  }

  @Test
  @DisplayName("a call made with the interrupt flag set loses nothing: the element is returned and the flag kept")
  void pendingInterruptLosesNothing() {
    SharedQueue<String> queue = shared.queue(newName());
    queue.addAll(java.util.List.of("first", "second"));

    // Hazelcast's client drops the answer of a call made with the flag set (its IQueue.poll() then removes
    // an element and returns null); the library's calls run with the flag cleared and set it again after.
    Thread.currentThread().interrupt();
    String taken = queue.poll();
    boolean flagAfter = Thread.interrupted();

    assertThat(taken).as("the library's poll() with the flag set").isEqualTo("first");
    assertThat(flagAfter).as("the interrupt is kept for the caller").isTrue();
    assertThat(queue).as("nothing else was taken").containsExactly("second");
  }
}
