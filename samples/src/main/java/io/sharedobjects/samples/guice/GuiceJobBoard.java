package io.sharedobjects.samples.guice;

import io.sharedobjects.samples.jobboard.JobBoard;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.hazelcast.cluster.Member;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.guice.SharedObjectsLifecycle;
import io.sharedobjects.guice.SharedObjectsModule;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job board as a Guice application: {@link JobBoard} gets {@code SharedObjects} by injection, and the
 * backend comes from {@link SharedObjectsModule#fromEnvironment()}.
 *
 * <pre>
 * GuiceJobBoard                 this JVM is an embedded member: it posts the jobs, works on them, and waits
 *                               until every job has a result before it exits
 * GuiceJobBoard host:port       this JVM is a client of that member: it works until the board is empty
 * </pre>
 *
 * <p>Settings: {@code -Dshared-objects.*} or {@code SHARED_OBJECTS_*} (see {@link SharedObjectsModule#fromEnvironment()},
 * e.g. {@code -Dshared-objects.cluster-name=demo} or {@code SHARED_OBJECTS_BACKEND=in-memory}), and
 * {@code -Djob-board.jobs=N} / {@code JOB_BOARD_JOBS} (default 20 for a member, 0 for a client),
 * {@code -Djob-board.worker=NAME} / {@code JOB_BOARD_WORKER} (default {@code worker-<pid>}).
 */
public final class GuiceJobBoard {

  /** How long the member waits for other workers to finish the jobs they took. */
  static final Duration RESULTS_TIMEOUT = Duration.ofMinutes(2);

  /** Hazelcast logs each step at INFO; the sample's output is the work. Held so the levels stay set. */
  private static final List<Logger> QUIET_LOGGERS =
      List.of(Logger.getLogger("com.hazelcast"), Logger.getLogger("io.sharedobjects"));

  private GuiceJobBoard() {}

  public static void main(String[] args) {
    if (args.length > 1) {
      System.err.println("Usage: GuiceJobBoard [member address host:port]");
      System.exit(2);
    }
    QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
    if (args.length == 1) {
      // The address argument is a shortcut for these two settings; fromEnvironment() reads them.
      System.setProperty("shared-objects.mode", "client");
      System.setProperty("shared-objects.addresses", args[0]);
    }
    Injector injector = Guice.createInjector(SharedObjectsModule.fromEnvironment());
    try {
      SharedObjects shared = injector.getInstance(SharedObjects.class);
      boolean client = isClient(shared);
      if (shared instanceof HazelcastSharedObjects member && !client) {
        System.out.println("MEMBER " + member.address() + " cluster " + member.clusterName()
            + " (start more workers with: GuiceJobBoard " + member.address() + ")");
      }
      int jobs = Integer.parseInt(setting("job-board.jobs", client ? "0" : "20"));
      String worker = setting("job-board.worker", "worker-" + ProcessHandle.current().pid());
      // A member keeps the board: it waits for the jobs other workers took before it leaves with the data.
      boolean complete = run(injector.getInstance(JobBoard.class), jobs, worker, !client, System.out);
      if (!complete) {
        System.exit(1);
      }
    } finally {
      injector.getInstance(SharedObjectsLifecycle.class).close();
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

  /** A system property, else the environment variable of the same name in upper case with underscores. */
  private static String setting(String name, String otherwise) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
    }
    return value == null || value.isBlank() ? otherwise : value.trim();
  }
}
