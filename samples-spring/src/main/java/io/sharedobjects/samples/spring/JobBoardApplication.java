package io.sharedobjects.samples.spring;

import com.hazelcast.cluster.Member;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.samples.jobboard.JobBoard;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The job board as a Spring Boot application: the same {@link JobBoard} as the Guice sample, a bean made
 * from the auto-configured {@code SharedObjects}.
 *
 * <pre>
 * JobBoardApplication
 *     this JVM is an embedded member: it posts the jobs, works on them, and waits until every job has a
 *     result before it exits
 * JobBoardApplication --shared-objects.mode=client --shared-objects.addresses=host:port
 *     this JVM is a client of that member: it works until the board is empty
 * </pre>
 *
 * <p>Settings are Spring Boot properties, from the command line, the environment or a file:
 * {@code shared-objects.*} (see the starter) and {@code job-board.jobs} (default 20 for a member, 0 for a
 * client), {@code job-board.worker} (default {@code worker-<pid>}).
 */
@SpringBootApplication
public class JobBoardApplication {

  /** How long the member waits for other workers to finish the jobs they took. */
  static final Duration RESULTS_TIMEOUT = Duration.ofMinutes(2);

  /** The service, over whichever {@code SharedObjects} the configuration chose. */
  @Bean
  JobBoard jobBoard(SharedObjects shared) {
    return new JobBoard(shared);
  }

  public static void main(String[] args) {
    boolean complete;
    try (ConfigurableApplicationContext context = SpringApplication.run(JobBoardApplication.class, args)) {
      SharedObjects shared = context.getBean(SharedObjects.class);
      boolean client = isClient(shared);
      if (shared instanceof HazelcastSharedObjects member && !client) {
        System.out.println("MEMBER " + member.address() + " cluster " + member.clusterName()
            + " (start more workers with: --shared-objects.mode=client --shared-objects.addresses=" + member.address() + ")");
      }
      Environment environment = context.getEnvironment();
      int jobs = environment.getProperty("job-board.jobs", Integer.class, client ? 0 : 20);
      String worker = environment.getProperty("job-board.worker", "worker-" + ProcessHandle.current().pid());
      // A member keeps the board: it waits for the jobs other workers took before it leaves with the data.
      complete = run(context.getBean(JobBoard.class), jobs, worker, !client, System.out);
    }
    if (!complete) {
      System.exit(1);
    }
  }

  /** Whether this process is a Hazelcast client (rather than a member, or in-memory). */
  static boolean isClient(SharedObjects shared) {
    return shared instanceof HazelcastSharedObjects hazelcast
        && !(hazelcast.hazelcastInstance().getLocalEndpoint() instanceof Member);
  }

  /**
   * Posts {@code jobs} jobs (if any), works until the board is empty, and, if {@code waitForAll}, waits for
   * every job's result and prints them by worker. Returns false if results were still missing at the end.
   */
  static boolean run(JobBoard board, int jobs, String worker, boolean waitForAll, PrintStream out) {
    out.println("READY " + worker);
    if (jobs > 0) {
      board.post(jobs);
      out.println("POSTED " + jobs);
    }
    List<String> done = board.work(worker, out::println);
    out.println("DONE " + worker + " " + done.size());
    if (!waitForAll) {
      return true;
    }
    boolean complete = board.awaitResults(RESULTS_TIMEOUT);
    Map<String, Integer> perWorker = new TreeMap<>();
    board.results().values().forEach(result -> perWorker.merge(result.substring(0, result.indexOf(':')), 1, Integer::sum));
    out.println("RESULTS " + board.results().size() + " of " + board.posted() + " jobs, by worker: " + perWorker);
    return complete;
  }
}
