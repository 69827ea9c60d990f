package io.sharedobjects.hazelcast.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The backups' confirmations of a client's writes, on Hazelcast 5.4.0 members and client. The client collects
 * them itself (Hazelcast's default), and a member sends one only over the client's own connection to it,
 * dropping it otherwise. A smart client given one member's address connects to that member first and to the
 * others in the background, its first look a second later, so a write backed up on a member it has no
 * connection to yet waits out the 5 s backup timeout (hazelcast/hazelcast#17887), then is reported done, or
 * fails when unconfirmed writes must fail. With {@code confirmedWrites(true)} the library's client start waits
 * until every member can send it confirmations.
 */
@Tag("cp")
class ConfirmedWritesTest {

  /** Any write that lost a confirmation takes the whole 5 s backup timeout; half of it is a clear margin. */
  private static final Duration PROMPT = Duration.ofMillis(2500);

  private static CpCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new CpCluster();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("confirmedWrites(true): a new client's first puts and appends, backed up on members it has no"
      + " connection to yet, complete at once and are stored")
  void confirmedFirstWritesComplete() {
    for (int entry = 0; entry < CpCluster.MEMBERS; entry++) {
      String dictName = "confirmed-" + UUID.randomUUID();
      // Owned by the member the client is given, so backed up on another one.
      String key = nameOwnedBy(entry, "key");
      String listName = nameOwnedBy(entry, "list");
      try (HazelcastSharedObjects client = builder().confirmedWrites(true).client(cluster.address(entry))) {
        SharedDict<String, Integer> dict = client.dict(dictName);
        SharedList<Integer> list = client.list(listName);
        assertThat(dict.get(key)).as("a read first, to wait for the connection").isNull();

        assertThat(timed(() -> dict.put(key, 1))).as("the first put through member %d", entry).isLessThan(PROMPT);
        assertThat(timed(() -> list.add(1))).as("the first append through member %d", entry).isLessThan(PROMPT);

        try (HazelcastSharedObjects reader = HazelcastSharedObjects.wrap(cluster.member((entry + 1) % CpCluster.MEMBERS))) {
          assertThat(reader.<String, Integer>dict(dictName).get(key)).isEqualTo(1);
          assertThat(reader.<Integer>list(listName)).containsExactly(1);
        }
        list.destroy();
        dict.destroy();
      }
    }
  }

  @Test
  @DisplayName("for contrast, without confirmedWrites the start does not wait: a new client failing unconfirmed"
      + " writes (set by hand) waits out the 5 s backup timeout for such a first put, and fails it")
  void clientCollectedConfirmationIsLost() {
    String key = nameOwnedBy(0, "key");
    try (HazelcastSharedObjects client = builder()
        // What confirmedWrites(true) sets on a client, without the library knowing, so without its wait.
        .configureClient(config -> config.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true"))
        .client(cluster.address(0))) {
      SharedDict<String, Integer> dict = client.dict("unconfirmed-" + UUID.randomUUID());
      assertThat(dict.get(key)).as("a read first, to wait for the connection").isNull();

      long start = System.nanoTime();
      assertThatThrownBy(() -> dict.put(key, 1))
          .isInstanceOf(ClusterUnavailableException.class)
          .hasCauseInstanceOf(IndeterminateOperationStateException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time until the put failed")
          .isGreaterThanOrEqualTo(Duration.ofMillis(4500));
      dict.destroy();
    }
  }

  private static HazelcastSharedObjectsBuilder builder() {
    return HazelcastSharedObjects.builder().clusterName(cluster.member(0).getConfig().getClusterName());
  }

  /** A new name whose partition's primary is on member {@code index}: a key, or a list's name. */
  private static String nameOwnedBy(int index, String prefix) {
    HazelcastInstance member = cluster.member(index);
    while (true) {
      String name = prefix + "-" + UUID.randomUUID();
      if (member.getPartitionService().getPartition(name).getOwner().localMember()) {
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
