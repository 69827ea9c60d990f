package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A barrier shared by real JVMs ({@link BarrierParty}), generation after generation: every party of a
 * generation passes it, with distinct arrival indexes, and none before every party of that generation has
 * arrived (each counts its arrival on a shared counter before it awaits, and reads the counter after it
 * passed: it must have seen every arrival of its generation).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BarrierProcessTest {

  private static final int PARTIES = 3;
  private static final int GENERATIONS = 10;
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);

  @Test
  @DisplayName("a barrier of 3 JVMs (2 clients and an embedded member) over 10 generations: every generation all three pass, with indexes 0, 1 and 2, after all three arrived")
  void threeProcessesTenGenerations() {
    String cluster = "barrier-process-" + UUID.randomUUID();
    String name = "generations-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      List<JavaProcess.Builder> builders = new ArrayList<>();
      for (String mode : List.of("client", "client", "member")) {
        builders.add(Children.jvm(BarrierParty.class, "barrier party (" + mode + ")")
            .args(mode, cluster, member.address(), name, Integer.toString(PARTIES), "rounds",
                Integer.toString(GENERATIONS)));
      }
      List<JavaProcess> parties = Children.startAll(builders);
      try {
        for (JavaProcess party : parties) {
          Children.await(party, "READY", Duration.ofSeconds(90));
        }
        long start = System.nanoTime();
        parties.forEach(party -> Children.tell(party, "GO"));
        for (JavaProcess party : parties) {
          Children.await(party, "DONE", RUN_TIMEOUT);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Measurements.record("barrier: 3 processes (2 clients, 1 member) x " + GENERATIONS + " generations", took);

        Map<Integer, Set<Integer>> indexes = new HashMap<>();
        for (JavaProcess party : parties) {
          List<String> passed = Children.all(party, "PASSED");
          assertThat(passed).as("generations %s passed", party).hasSize(GENERATIONS);
          for (String line : passed) {
            String[] fields = line.split(" ");
            int generation = Integer.parseInt(fields[0]);
            indexes.computeIfAbsent(generation, g -> new HashSet<>()).add(Integer.parseInt(fields[1]));
            assertThat(Long.parseLong(fields[2]))
                .as("arrivals counted by %s when it passed generation %d", party, generation)
                .isGreaterThanOrEqualTo((long) PARTIES * (generation + 1));
          }
        }
        for (int generation = 0; generation < GENERATIONS; generation++) {
          assertThat(indexes.get(generation)).as("arrival indexes of generation %d", generation)
              .containsExactlyInAnyOrder(0, 1, 2);
        }
        assertThat(member.barrier(name, PARTIES).isBroken()).isFalse();
        for (JavaProcess party : parties) {
          assertThat(party.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", party).isZero();
        }
      } finally {
        Children.closeAll(parties);
      }
    }
  }
}
