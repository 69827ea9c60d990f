package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Member;
import com.hazelcast.partition.PartitionService;
import io.sharedobjects.SharedDict;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member of a three-member cluster (one synchronous backup per partition, Hazelcast's default) is killed
 * abruptly while two client processes write: every write acknowledged to a writer must still be there
 * afterwards. A write that failed has an unknown outcome and is only counted. The writers use
 * {@code confirmedWrites(true)} and the members fail a write whose backup did not confirm it: with
 * Hazelcast's default, a put whose backup's confirmation has not come within 5 s (its member being killed)
 * is reported done anyway, and is lost if its primary dies next.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MemberLossTest {

  private static final int WRITERS = 2;
  private static final int ACKS_BEFORE_KILL = 1000;
  private static final int ACKS_AFTER_REMOVAL = 1000;

  /** The member property that makes a member fail, rather than report done, a write its backup did not confirm. */
  private static final String FAIL_ON_INDETERMINATE = "hazelcast.operation.fail.on.indeterminate.state";

  @Test
  @DisplayName("a member of three is SIGKILLed while 2 client processes write with confirmed writes: every acknowledged write is present afterwards, none lost")
  void noAcknowledgedWriteLost() {
    String cluster = "member-loss-" + UUID.randomUUID();
    String dictName = "writes-" + UUID.randomUUID();
    List<JavaProcess> writers = new ArrayList<>();
    try (StockCluster members = StockCluster.start(cluster, 3, member -> member.property(FAIL_ON_INDETERMINATE, "true"));
        HazelcastSharedObjects observer = HazelcastSharedObjects.builder()
            .clusterName(cluster).connectTimeout(Duration.ofSeconds(30)).client(members.addresses())) {
      members.members().forEach(member -> assertThat(member.config()).as("configuration of %s", member)
          .contains("\"" + FAIL_ON_INDETERMINATE + "\": \"true\""));
      Await.until("the observer sees three members", Duration.ofSeconds(60),
          () -> observer.hazelcastInstance().getCluster().getMembers().size() == 3);
      List<JavaProcess.Builder> builders = new ArrayList<>();
      for (int writer = 0; writer < WRITERS; writer++) {
        builders.add(Children.jvm(Writer.class, "writer " + writer)
            .args(cluster, String.join(",", members.addresses()), dictName, Integer.toString(writer), "true"));
      }
      writers.addAll(Children.startAll(builders));
      for (JavaProcess writer : writers) {
        Children.await(writer, "READY", Duration.ofSeconds(60));
      }
      writers.forEach(writer -> Children.tell(writer, "GO"));
      List<Integer> before = new ArrayList<>();
      for (JavaProcess writer : writers) {
        awaitProgress(writer, ACKS_BEFORE_KILL);
        before.add(lastProgress(writer));
      }

      // The keys already acknowledged whose primary copy is on the member about to die: only their backups
      // can save them, so the test means something only if there are some.
      int victimPort = members.member(2).port();
      PartitionService partitions = observer.hazelcastInstance().getPartitionService();
      int onVictim = 0;
      for (int i = 0; i < WRITERS; i++) {
        for (int n = 0; n < before.get(i); n++) {
          Member owner = partitions.getPartition("w" + i + "-" + n).getOwner();
          onVictim += owner != null && owner.getAddress().getPort() == victimPort ? 1 : 0;
        }
      }
      Measurements.record("member loss: acknowledged writes whose primary was on the killed member", Integer.toString(onVictim));
      assertThat(onVictim).as("acknowledged keys owned by the member to be killed").isGreaterThan(100);

      long killedAt = System.nanoTime();
      members.member(2).kill();
      Await.until("the observer sees two members", Duration.ofSeconds(60),
          () -> observer.hazelcastInstance().getCluster().getMembers().size() == 2);
      Measurements.record("member SIGKILLed: removed from the cluster after", Duration.ofNanos(System.nanoTime() - killedAt));

      for (int i = 0; i < WRITERS; i++) {
        awaitProgress(writers.get(i), before.get(i) + ACKS_AFTER_REMOVAL);
      }
      writers.forEach(writer -> Children.tell(writer, "STOP"));

      int acknowledgedTotal = 0;
      int failedTotal = 0;
      int failedButApplied = 0;
      List<String> lost = new ArrayList<>();
      SharedDict<String, Integer> dict = observer.dict(dictName);
      for (int i = 0; i < WRITERS; i++) {
        JavaProcess writer = writers.get(i);
        Children.await(writer, "DONE", Duration.ofSeconds(60));
        assertThat(writer.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", writer).isZero();
        String[] result = Children.await(writer, "RESULT", Duration.ofSeconds(1)).split(" ");
        int written = Integer.parseInt(result[0]);
        int acknowledged = Integer.parseInt(result[1]);
        Set<Integer> failed = new HashSet<>();
        for (String line : Children.all(writer, "FAILED")) {
          for (String n : line.split(",")) {
            failed.add(Integer.parseInt(n));
          }
        }
        assertThat(acknowledged + failed.size()).as("acknowledged plus failed writes of writer %d", i).isEqualTo(written);
        String[] slow = Children.await(writer, "SLOW", Duration.ofSeconds(1)).split(" ");
        Measurements.record("member loss, writer " + i, written + " written, " + acknowledged + " acknowledged, "
            + failed.size() + " failed (" + Children.await(writer, "ERRORS", Duration.ofSeconds(1)) + "), "
            + slow[0] + " acknowledged after 5 s or more, longest put " + slow[1] + " ms");

        for (int from = 0; from < written; from += 1000) {
          List<String> keys = new ArrayList<>();
          for (int n = from; n < Math.min(written, from + 1000); n++) {
            keys.add("w" + i + "-" + n);
          }
          Map<String, Integer> found = dict.getAll(keys);
          for (int n = from; n < Math.min(written, from + 1000); n++) {
            String key = "w" + i + "-" + n;
            if (failed.contains(n)) {
              failedButApplied += found.containsKey(key) ? 1 : 0;
            } else if (!Integer.valueOf(n).equals(found.get(key))) {
              lost.add(key + "=" + found.get(key));
            }
          }
        }
        acknowledgedTotal += acknowledged;
        failedTotal += failed.size();
      }
      Measurements.record("member loss: acknowledged writes lost", lost.size() + " of " + acknowledgedTotal
          + " (" + failedTotal + " failed writes, of which " + failedButApplied + " were applied)");
      assertThat(acknowledgedTotal).isGreaterThanOrEqualTo(WRITERS * (ACKS_BEFORE_KILL + ACKS_AFTER_REMOVAL));
      assertThat(lost).as("acknowledged writes missing or changed after the member's death").isEmpty();
    } finally {
      Children.closeAll(writers);
    }
  }

  private static void awaitProgress(JavaProcess writer, int acknowledged) {
    writer.awaitOutputLine(line -> line.startsWith(Children.PROTOCOL + "PROGRESS ")
        && Integer.parseInt(line.substring((Children.PROTOCOL + "PROGRESS ").length())) >= acknowledged,
        Duration.ofSeconds(90));
  }

  private static int lastProgress(JavaProcess writer) {
    List<String> progress = Children.all(writer, "PROGRESS");
    return Integer.parseInt(progress.get(progress.size() - 1));
  }
}
