package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedSemaphore;
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
 * A semaphore of {@value #PERMITS} permits shared by {@value #WORKERS} client JVMs released together, each
 * taking a permit {@value #ROUNDS} times and holding it {@value #HOLD_MILLIS} ms (see {@link
 * SemaphoreWorker}). From the holds they report (times read inside each hold), no instant may have more
 * than {@value #PERMITS} holders; and the permits must have been contended at all, or the check proves
 * nothing. Against an embedded member in this JVM.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SemaphoreProcessTest {

  private static final int WORKERS = 5;
  private static final int ROUNDS = 20;
  private static final int PERMITS = 2;
  private static final int HOLD_MILLIS = 20;

  @Test
  @DisplayName("a semaphore of 2 shared by 5 client processes x 20 rounds never has more than 2 holders at once, by the holds they recorded")
  void neverMoreThanPermitsHolders() {
    String cluster = "semaphore-process-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      String name = "shared-" + UUID.randomUUID();
      SharedSemaphore semaphore = member.semaphore(name, PERMITS);
      List<JavaProcess.Builder> builders = new ArrayList<>();
      for (int worker = 0; worker < WORKERS; worker++) {
        builders.add(Children.jvm(SemaphoreWorker.class, "semaphore worker " + worker)
            .args(cluster, member.address(), name, Integer.toString(PERMITS), Integer.toString(ROUNDS),
                Integer.toString(HOLD_MILLIS)));
      }
      List<JavaProcess> workers = Children.startAll(builders);
      try {
        for (JavaProcess worker : workers) {
          Children.await(worker, "READY", Duration.ofSeconds(60));
        }
        long start = System.nanoTime();
        workers.forEach(worker -> Children.tell(worker, "GO"));
        for (JavaProcess worker : workers) {
          assertThat(Children.await(worker, "ROUNDS", Duration.ofSeconds(150))).isEqualTo("DONE");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        List<long[]> holds = new ArrayList<>();
        for (JavaProcess worker : workers) {
          for (String line : Children.all(worker, "HELD")) {
            String[] times = line.split(" ");
            holds.add(new long[] {Long.parseLong(times[0]), Long.parseLong(times[1])});
          }
        }
        assertThat(holds).as("holds reported").hasSize(WORKERS * ROUNDS);
        int most = mostAtOnce(holds);
        Measurements.record("semaphore of " + PERMITS + ": " + WORKERS + " client processes x " + ROUNDS
            + " rounds of " + HOLD_MILLIS + " ms holds", took);
        Measurements.record("semaphore of " + PERMITS + ": most holders at once, from recorded holds", Integer.toString(most));
        assertThat(most).as("most holders at once").isLessThanOrEqualTo(PERMITS);
        assertThat(most).as("the permits were contended (else this run proves nothing)").isEqualTo(PERMITS);
        assertThat(semaphore.availablePermits()).isEqualTo(PERMITS);
        for (JavaProcess worker : workers) {
          assertThat(worker.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", worker).isZero();
        }
      } finally {
        Children.closeAll(workers);
      }
    }
  }

  /** The most holds overlapping at any instant; a hold ending when another starts does not overlap it. */
  static int mostAtOnce(List<long[]> holds) {
    List<long[]> edges = new ArrayList<>();
    for (long[] hold : holds) {
      edges.add(new long[] {hold[0], +1});
      edges.add(new long[] {hold[1], -1});
    }
    // At equal times ends before starts, so that touching holds do not count as overlapping.
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int now = 0;
    int most = 0;
    for (long[] edge : edges) {
      now += (int) edge[1];
      most = Math.max(most, now);
    }
    return most;
  }
}
