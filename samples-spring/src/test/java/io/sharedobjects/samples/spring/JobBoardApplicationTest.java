package io.sharedobjects.samples.spring;

import io.sharedobjects.samples.jobboard.JobBoard;
import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The application with {@code shared-objects.backend=in-memory}: the same service, no Hazelcast member. */
@SpringBootTest(properties = "shared-objects.backend=in-memory")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // a fresh board for each test
@Timeout(60)
class JobBoardApplicationTest {

  @Autowired
  JobBoard board;

  @Autowired
  SharedObjects shared;

  @Test
  @DisplayName("three workers on threads do every job exactly once and record each result")
  void workersShareTheBoard() throws Exception {
    assertThat(shared).isInstanceOf(InMemorySharedObjects.class);
    List<String> posted = board.post(30);

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<String>>> workers = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        String worker = "worker-" + i;
        workers.add(pool.submit(() -> board.work(worker, line -> { })));
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
  @DisplayName("run() alone posts, works and reports every result by worker")
  void runAlone() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    boolean complete = JobBoardApplication.run(board, 5, "solo", true, new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(complete).isTrue();
    assertThat(JobBoardApplication.isClient(shared)).isFalse();
    assertThat(output.toString(StandardCharsets.UTF_8).lines())
        .startsWith("READY solo", "POSTED 5")
        .contains("DONE solo 5")
        .endsWith("RESULTS 5 of 5 jobs, by worker: {solo=5}");
  }
}
