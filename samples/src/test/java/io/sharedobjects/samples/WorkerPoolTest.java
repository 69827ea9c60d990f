package io.sharedobjects.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(240)
class WorkerPoolTest {

  private static final Pattern STARTED = Pattern.compile("worker (\\d+) started, arrival (\\d+)");
  private static final Pattern JOB = Pattern.compile("worker (\\d+) job (\\d+) with (\\d+) at work");

  @Test
  @DisplayName("three worker JVMs pass the start barrier together and do every job, never more than two at once")
  void workersAcrossFourJvms() throws InterruptedException {
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName("worker-pool-test-" + ProcessHandle.current().pid())
        .port(0)
        .embedded()) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();

      WorkerPool.run(shared, "pool", new PrintStream(printed, true, StandardCharsets.UTF_8));

      List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
      List<String> started = lines.stream().filter(l -> STARTED.matcher(l).matches()).toList();
      List<String> jobs = lines.stream().filter(l -> JOB.matcher(l).matches()).toList();
      assertThat(started).hasSize(WorkerPool.WORKERS);
      assertThat(started.stream().map(l -> group(STARTED, l, 2)).sorted().toList())
          .as("arrival indexes").containsExactly("0", "1", "2");
      assertThat(started.stream().map(l -> group(STARTED, l, 1)).distinct()).hasSize(WorkerPool.WORKERS);
      assertThat(jobs).hasSize(WorkerPool.WORKERS * WorkerPool.JOBS_EACH);
      assertThat(jobs.stream().mapToInt(l -> Integer.parseInt(group(JOB, l, 3))).max().orElseThrow())
          .as("workers at work at once").isBetween(1, WorkerPool.SLOTS);
      assertThat(lines).last().asString().matches(WorkerPool.WORKERS + " workers did "
          + WorkerPool.WORKERS * WorkerPool.JOBS_EACH + " jobs, at most [12] at once");
    }
  }

  private static String group(Pattern pattern, String line, int group) {
    Matcher m = pattern.matcher(line);
    assertThat(m.matches()).isTrue();
    return m.group(group);
  }
}
