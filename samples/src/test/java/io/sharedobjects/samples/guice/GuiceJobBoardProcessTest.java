package io.sharedobjects.samples.guice;

import io.sharedobjects.samples.jobboard.JobBoard;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.sharedobjects.guice.SharedObjectsModule;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The job board across JVMs: this test hosts an embedded member and posts the jobs; two JVMs running
 * {@link GuiceJobBoard} as clients do them.
 */
@Timeout(180)
class GuiceJobBoardProcessTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WORK_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> JVM_OPTIONS = Stream.concat(
      Stream.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), JavaProcess.HAZELCAST_MODULE_OPTIONS.stream()).toList();

  private static HazelcastSharedObjects member;

  @BeforeAll
  static void startMember() {
    member = HazelcastSharedObjects.builder()
        .clusterName("guice-job-board-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
        .port(0)
        .embedded();
  }

  @AfterAll
  static void stopMember() {
    if (member != null) {
      member.close();
    }
  }

  @Test
  @DisplayName("two client JVMs do every posted job exactly once")
  void twoWorkerJvms() {
    // The test's side of the board, injected over its own member as an application would with using(hz).
    JobBoard board = Guice.createInjector(SharedObjectsModule.using(member.hazelcastInstance())).getInstance(JobBoard.class);
    List<JavaProcess> workers = new ArrayList<>();
    try {
      for (String name : List.of("alice", "bob")) {
        workers.add(JavaProcess.builder(GuiceJobBoard.class)
            .jvmOptions(JVM_OPTIONS.toArray(String[]::new))
            .systemProperty("hazelcast.phone.home.enabled", "false")
            .systemProperty("hazelcast.logging.type", "jdk")
            .systemProperty("shared-objects.cluster-name", member.clusterName())
            .systemProperty("shared-objects.connect-timeout", "30s")
            .systemProperty("job-board.worker", name)
            .withoutEnvironment("SHARED_OBJECTS_")
            .withoutEnvironment("JOB_BOARD_")
            .withoutEnvironment("HZ_")
            .redirectErrorStream(true)
            .description("worker " + name)
            .args(member.address())
            .start());
      }
      for (JavaProcess worker : workers) {
        worker.awaitOutputLine(line -> line.startsWith("READY"), START_TIMEOUT);
      }

      List<String> posted = board.post(120);

      List<String> taken = new ArrayList<>();
      for (JavaProcess worker : workers) {
        assertThat(worker.awaitExit(WORK_TIMEOUT)).as(worker + "\n" + worker.stdout()).isZero();
        List<String> took = worker.stdoutLines().stream().filter(l -> l.startsWith("TOOK ")).map(l -> l.substring(5)).toList();
        // Which worker wins which job is the scheduler's business, not a guarantee: one JVM may do them all.
        System.out.println(worker + " did " + took.size() + " jobs");
        taken.addAll(took);
      }
      assertThat(taken).containsExactlyInAnyOrderElementsOf(posted);
      assertThat(board.results()).containsOnlyKeys(posted);
      assertThat(board.results().values()).allMatch(result -> result.startsWith("alice: ") || result.startsWith("bob: "));
    } finally {
      workers.forEach(JavaProcess::close);
    }
  }
}
