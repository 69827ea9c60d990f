package io.sharedobjects.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Today's library, with Hazelcast's default merge policy: a 1 | 2 split during which both sides write, then
 * the heal, and what each write has become once the sides have merged.
 */
@ExtendWith(IptablesRestored.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HealAndMergePartitionTest {

  private static final int KEYS_BEFORE_CUT = 10;

  @Test
  @DisplayName("after the heal the three members see one another again; a key written on both sides keeps the majority's value and a list the majority's elements (the minority's writes dropped silently); a key only the minority wrote is kept")
  void healAndMerge() {
    String dict = "merged-" + UUID.randomUUID();
    String list = "appended-" + UUID.randomUUID();
    try (PartitionCluster cluster = PartitionCluster.start("heal-merge");
        IptablesPartition partition = IptablesPartition.create()) {
      MemberProcess a = cluster.member(0);
      MemberProcess b = cluster.member(1);
      List<MemberProcess> majority = List.of(b, cluster.member(2));
      for (int i = 0; i < KEYS_BEFORE_CUT; i++) {
        b.ask("put " + dict + " before-" + i + " " + i);
      }
      b.ask("append " + list + " before");

      long cutAt = System.nanoTime();
      partition.cut(List.of(a.host()), majority.stream().map(MemberProcess::host).toList());
      cluster.awaitViews("A sees only itself, B and C see only each other", cluster.split(List.of(a), majority),
          Duration.ofSeconds(45));
      Measurements.record("heal-merge: 1 | 2 cut seen in every member's own view after",
          Duration.ofNanos(System.nanoTime() - cutAt));

      // Each side reads what was written before the cut: the majority had a copy of every partition.
      Map<String, Integer> seenBeforeCutKeys = new LinkedHashMap<>();
      for (MemberProcess member : cluster.members()) {
        seenBeforeCutKeys.put(member.host(), presentKeys(member, dict, "before-"));
      }
      Measurements.record("heal-merge: keys written before the cut, seen by each member during the split (of "
          + KEYS_BEFORE_CUT + ")", seenBeforeCutKeys.toString());

      a.ask("put " + dict + " both minority");
      b.ask("put " + dict + " both majority");
      a.ask("put " + dict + " minority-only written-on-A");
      b.ask("put " + dict + " majority-only written-on-B");
      a.ask("append " + list + " minority");
      b.ask("append " + list + " majority");
      Measurements.record("heal-merge: list during the split, on A / on B",
          a.ask("list " + list) + " / " + b.ask("list " + list));

      long healAt = System.nanoTime();
      partition.heal();
      Duration together = cluster.awaitViews("every member sees all three again", cluster.allSeeing(cluster.members()),
          Duration.ofSeconds(60));
      Measurements.record("heal-merge: all three see three, after the heal", together);
      // The smaller side merges into the larger; its member reports MERGED once its data has been merged.
      Await.until("A reports that it merged", Duration.ofSeconds(60), () -> a.ask("lifecycle").contains("MERGED@"));
      String lifecycle = a.ask("lifecycle");
      Measurements.record("heal-merge: A's lifecycle events, ms after the heal", sinceHeal(lifecycle, healAt));

      Map<String, String> values = new LinkedHashMap<>();
      for (MemberProcess member : cluster.members()) {
        values.put(member.host(), "both=" + member.ask("get " + dict + " both")
            + " minority-only=" + member.ask("get " + dict + " minority-only")
            + " majority-only=" + member.ask("get " + dict + " majority-only")
            + " before-keys=" + presentKeys(member, dict, "before-")
            + " list=" + member.ask("list " + list));
      }
      Measurements.record("heal-merge: after the merge, as each member reads it", values.toString());

      assertThat(seenBeforeCutKeys.get(b.host())).as("keys from before the cut that B sees during the split")
          .isEqualTo(KEYS_BEFORE_CUT);
      assertThat(seenBeforeCutKeys.get(cluster.member(2).host()))
          .as("keys from before the cut that C sees during the split").isEqualTo(KEYS_BEFORE_CUT);
      assertThat(values.values()).as("what each member reads after the merge").containsOnly(values.get(b.host()));
      for (MemberProcess member : cluster.members()) {
        assertThat(member.ask("get " + dict + " both")).as("the key written on both sides, read on %s", member)
            .isEqualTo("majority");
        assertThat(member.ask("get " + dict + " majority-only")).isEqualTo("written-on-B");
        // PutIfAbsentMergePolicy, Hazelcast's default: what the larger side lacks is added...
        assertThat(member.ask("get " + dict + " minority-only")).as("the key written on A only, read on %s", member)
            .isEqualTo("written-on-A");
        // ...while a list is one entry: the larger side's list stays whole, and the minority's appends are gone.
        assertThat(member.ask("list " + list)).as("the list appended on both sides, read on %s", member)
            .isEqualTo("before,majority");
        assertThat(presentKeys(member, dict, "before-")).isEqualTo(KEYS_BEFORE_CUT);
      }
    }
  }

  /** How many of the keys {@code prefix0 ... prefix9} the member reads with their value. */
  private static int presentKeys(MemberProcess member, String dict, String prefix) {
    int present = 0;
    for (int i = 0; i < KEYS_BEFORE_CUT; i++) {
      present += member.ask("get " + dict + " " + prefix + i).equals(Integer.toString(i)) ? 1 : 0;
    }
    return present;
  }

  /** The events of a {@code lifecycle} reply with their times as milliseconds after {@code healAt}. */
  private static String sinceHeal(String lifecycle, long healAt) {
    List<String> events = new ArrayList<>();
    for (String event : lifecycle.split(",")) {
      String[] parts = event.split("@");
      long at = Long.parseLong(parts[1]);
      events.add(parts[0] + " " + (at < healAt ? "before the heal" : TimeUnit.NANOSECONDS.toMillis(at - healAt) + " ms"));
    }
    return String.join(", ", events);
  }
}
