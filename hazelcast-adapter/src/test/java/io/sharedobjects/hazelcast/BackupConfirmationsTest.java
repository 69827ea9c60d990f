package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who collects the backups' confirmations of a confirmed-writes client's writes: the client itself
 * (Hazelcast's default), failing a write whose confirmation does not come within the 5 s backup timeout. A
 * member sends a confirmation to a client only over the client's own connection to it (and drops it without
 * one: hazelcast/hazelcast#17887), so the client's start waits until it can hear from every member.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BackupConfirmationsTest {

  /** A write that lost its confirmation takes the whole 5 s backup timeout; half of it is a clear margin. */
  private static final Duration PROMPT = Duration.ofMillis(2500);

  @Test
  @DisplayName("confirmedWrites(true): client(...) returns once every member can confirm backups to it, so a new"
      + " client's first puts and appends through each member, backed up on the others, complete at once")
  void firstWritesComplete() {
    String cluster = "acks-" + UUID.randomUUID();
    List<HazelcastSharedObjects> members = startMembers(cluster, 3);
    try {
      for (int entry = 0; entry < members.size(); entry++) {
        long start = System.nanoTime();
        try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster).confirmedWrites(true)
            .client(members.get(entry).address())) {
          Duration started = Duration.ofNanos(System.nanoTime() - start);
          HazelcastInstance instance = client.hazelcastInstance();
          assertThat(HazelcastInternals.membersConfirmingBackups(instance)).as("members confirming at start")
              .containsExactlyInAnyOrderElementsOf(uuids(instance.getCluster().getMembers()));
          System.out.printf("client given member %d: started in %d ms%n", entry, started.toMillis());
          String dictName = "confirmed-" + UUID.randomUUID();
          SharedDict<String, Integer> dict = client.dict(dictName);
          SharedList<Integer> list = client.list(nameOwnedBy(members.get(entry), "list"));
          // Primary on each member in turn, so backed up on the others.
          for (HazelcastSharedObjects owner : members) {
            String key = nameOwnedBy(owner, "key");
            Duration put = timed(() -> dict.put(key, 1));
            assertThat(put).as("first put owned by %s, client given member %d", owner.address(), entry).isLessThan(PROMPT);
            assertThat(members.get((entry + 1) % members.size()).<String, Integer>dict(dictName).get(key)).isEqualTo(1);
          }
          assertThat(timed(() -> list.add(1))).as("first append, client given member %d", entry).isLessThan(PROMPT);
          list.destroy();
          dict.destroy();
        }
      }
    } finally {
      members.forEach(HazelcastSharedObjects::close);
    }
  }

  @Test
  @DisplayName("for contrast, the same client started without that wait: a put backed up on a member it has not"
      + " connected to yet fails after the 5 s backup timeout, as ClusterUnavailableException, never reported done")
  void withoutTheWaitAFirstPutFails() {
    String cluster = "acks-" + UUID.randomUUID();
    List<HazelcastSharedObjects> members = startMembers(cluster, 3);
    Settings settings = HazelcastSharedObjects.builder().clusterName(cluster).confirmedWrites(true).settings();
    // The library's client configuration (asynchronous start, so the client connects to the other members in
    // the background, its first look a second after the start), started without ClientStart's wait.
    ConnectionState connection = new ConnectionState(false);
    com.hazelcast.client.config.ClientConfig config = HazelcastConfigs.client(settings, List.of(members.get(0).address()));
    config.addListenerConfig(new com.hazelcast.config.ListenerConfig(connection));
    long started = System.nanoTime();
    HazelcastInstance raw = HazelcastClient.newHazelcastClient(config);
    try {
      assertThat(connection.awaitConnected(System.nanoTime() + TimeUnit.SECONDS.toNanos(30))).isTrue();
      System.out.printf("client without the wait: connected in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      Set<UUID> confirming = HazelcastInternals.membersConfirmingBackups(raw);
      UUID first = members.get(0).hazelcastInstance().getCluster().getLocalMember().getUuid();
      assertThat(confirming).as("members confirming just after the first connection").containsExactly(first);
      IMap<String, Integer> map = raw.getMap("unconfirmed-" + UUID.randomUUID());
      // Owned by the member the client was given, so backed up on another, which it has not connected to yet.
      String key = nameOwnedBy(members.get(0), "key");
      long start = System.nanoTime();
      Throwable failure = null;
      try {
        map.put(key, 1);
      } catch (RuntimeException e) {
        failure = e;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("first put backed up elsewhere: " + took.toMillis() + " ms, " + failure);
      assertThat(failure).isInstanceOf(com.hazelcast.core.IndeterminateOperationStateException.class);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
    } finally {
      raw.shutdown();
      members.forEach(HazelcastSharedObjects::close);
    }
  }

  @Test
  @DisplayName("a member joins while a confirmed-writes client writes: every acknowledged put is stored; the writes"
      + " that failed while the client was not yet connected to the new member are counted")
  void memberJoinsDuringWrites() throws Exception {
    String cluster = "acks-" + UUID.randomUUID();
    List<HazelcastSharedObjects> members = startMembers(cluster, 2);
    try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster).confirmedWrites(true)
        .client(members.get(0).address())) {
      SharedDict<String, Integer> dict = client.dict("joins-" + UUID.randomUUID());
      Map<String, Long> acknowledged = new ConcurrentHashMap<>();
      List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Long> slow = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      long t0 = System.nanoTime();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        Thread thread = new Thread(() -> {
          for (int n = 0; !stop.get(); n++) {
            String key = "w" + writer + "-" + n;
            long start = System.nanoTime();
            try {
              dict.put(key, n);
              long took = System.nanoTime() - start;
              acknowledged.put(key, took);
              if (took > TimeUnit.SECONDS.toNanos(1)) {
                slow.add(TimeUnit.NANOSECONDS.toMillis(start - t0));
              }
            } catch (ClusterUnavailableException e) {
              failed.add(key + " at " + TimeUnit.NANOSECONDS.toMillis(start - t0) + " ms: " + e.getCause());
            }
          }
        });
        thread.start();
        writers.add(thread);
      }
      Thread.sleep(1000);
      long joinStart = System.nanoTime();
      HazelcastSharedObjects third = HazelcastSharedObjects.builder().clusterName(cluster).port(0)
          .members(members.get(0).address()).confirmedWrites(true).embedded();
      members.add(third);
      long joined = System.nanoTime();
      UUID newcomer = third.hazelcastInstance().getCluster().getLocalMember().getUuid();
      long confirmingAt = -1;
      while (System.nanoTime() - joined < TimeUnit.SECONDS.toNanos(20)) {
        if (HazelcastInternals.membersConfirmingBackups(client.hazelcastInstance()).contains(newcomer)) {
          confirmingAt = System.nanoTime();
          break;
        }
        Thread.sleep(5);
      }
      // Until the migrations to the new member are over, and a backup timeout more.
      while (!third.hazelcastInstance().getPartitionService().isClusterSafe()) {
        Thread.sleep(50);
      }
      long safe = System.nanoTime();
      Thread.sleep(6000);
      stop.set(true);
      for (Thread thread : writers) {
        thread.join();
      }
      System.out.printf("join: member start %d ms; client confirming from it %d ms after its start returned;"
              + " cluster safe %d ms after; %d acknowledged, %d failed, %d slower than 1 s%n",
          TimeUnit.NANOSECONDS.toMillis(joined - joinStart),
          confirmingAt < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(confirmingAt - joined),
          TimeUnit.NANOSECONDS.toMillis(safe - joined), acknowledged.size(), failed.size(), slow.size());
      System.out.println("join started at " + TimeUnit.NANOSECONDS.toMillis(joinStart - t0) + " ms; failed: " + failed
          + "; slow at " + slow);
      Map<String, Integer> stored = members.get(1).<String, Integer>dict(dict.name()).snapshot();
      assertThat(stored.keySet()).containsAll(acknowledged.keySet());
      assertThat(confirmingAt).as("the client connects to the new member").isPositive();
    } finally {
      members.forEach(HazelcastSharedObjects::close);
    }
  }

  private static List<HazelcastSharedObjects> startMembers(String cluster, int count) {
    List<HazelcastSharedObjects> members = new ArrayList<>();
    members.add(HazelcastSharedObjects.builder().clusterName(cluster).port(0).confirmedWrites(true).embedded());
    for (int i = 1; i < count; i++) {
      members.add(HazelcastSharedObjects.builder().clusterName(cluster).port(0).members(members.get(0).address())
          .confirmedWrites(true).embedded());
    }
    return members;
  }

  private static Set<UUID> uuids(Set<Member> members) {
    return members.stream().map(Member::getUuid).collect(Collectors.toSet());
  }

  /** A new name whose partition's primary copy is on {@code member}. */
  private static String nameOwnedBy(HazelcastSharedObjects member, String prefix) {
    HazelcastInstance instance = member.hazelcastInstance();
    while (true) {
      String name = prefix + "-" + UUID.randomUUID();
      if (instance.getPartitionService().getPartition(name).getOwner().localMember()) {
        return name;
      }
    }
  }

  private static Duration timed(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
