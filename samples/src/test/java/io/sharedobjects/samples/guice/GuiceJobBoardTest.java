package io.sharedobjects.samples.guice;

import io.sharedobjects.samples.jobboard.JobBoard;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.sharedobjects.guice.SharedObjectsModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The job board on the in-memory backend: the service as the application injects it, with no Hazelcast. */
@Timeout(60)
class GuiceJobBoardTest {

  private final Injector injector = Guice.createInjector(SharedObjectsModule.inMemory());

  @Test
  @DisplayName("three workers on threads do every job exactly once and record each result")
  void workersShareTheBoard() throws Exception {
    JobBoard board = injector.getInstance(JobBoard.class);
    List<String> posted = board.post(30);

    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<List<String>>> workers = new ArrayList<>();
    try {
      for (int i = 1; i <= 3; i++) {
        String worker = "worker-" + i;
        workers.add(pool.submit(() -> injector.getInstance(JobBoard.class).work(worker, line -> { })));
      }
      List<String> done = new ArrayList<>();
      for (Future<List<String>> worker : workers) {
        done.addAll(worker.get(30, TimeUnit.SECONDS));
      }
      assertThat(done).containsExactlyInAnyOrderElementsOf(posted);
    } finally {
      pool.shutdownNow();
    }
    assertThat(board.results()).containsOnlyKeys(posted);
    assertThat(board.results().get("job-7")).matches("worker-[123]: 7\\^2 = 49");
  }

  @Test
  @DisplayName("a second poster's jobs are numbered on, so no job name is posted twice")
  void postersNumberOn() {
    JobBoard board = injector.getInstance(JobBoard.class);

    assertThat(board.post(3)).containsExactly("job-1", "job-2", "job-3");
    assertThat(injector.getInstance(JobBoard.class).post(2)).containsExactly("job-4", "job-5");
    assertThat(board.posted()).isEqualTo(5);
  }

  @Test
  @DisplayName("a job recorded twice is refused")
  void recordTwiceFails() {
    JobBoard board = injector.getInstance(JobBoard.class);
    board.record("job-1", "a: 1");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> board.record("job-1", "b: 1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("job-1 was done twice");
  }

  @Test
  @DisplayName("run() alone posts, works and reports every result by worker")
  void runAlone() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    boolean complete = GuiceJobBoard.run(injector.getInstance(JobBoard.class), 5, "solo", true,
        new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(complete).isTrue();
    assertThat(output.toString(StandardCharsets.UTF_8).lines())
        .startsWith("READY solo", "POSTED 5")
        .contains("DONE solo 5")
        .endsWith("RESULTS 5 of 5 jobs, by worker: {solo=5}");
  }
}
