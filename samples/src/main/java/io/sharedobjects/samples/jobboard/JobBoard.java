package io.sharedobjects.samples.jobboard;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import jakarta.inject.Inject;

/**
 * A job board shared by every process of the cluster: a poster puts jobs on a shared list, workers in any
 * number of JVMs take them one at a time under a shared lock and record each result in a shared dict.
 *
 * <p>Framework-free, so the Guice and the Spring samples share it: Guice injects the {@code jakarta.inject}
 * constructor, Spring builds it from a {@code @Bean} method.
 *
 * <p>Thread-safe: any number of threads and processes may post, take and work at once; each job is taken by
 * exactly one worker.
 */
public final class JobBoard {

  static final String JOBS = "job-board:jobs";
  static final String RESULTS = "job-board:results";
  static final String STATE = "job-board:state";
  static final String POSTED = "posted";
  static final String NUMBERED = "numbered";

  /** How long a worker waits before looking again while no job is posted yet. */
  private static final Duration IDLE_POLL = Duration.ofMillis(50);

  /** The simulated work per job, so that several workers share a board rather than one emptying it at once. */
  private static final Duration WORK = Duration.ofMillis(25);

  private final SharedList<String> jobs;
  private final SharedLock jobsLock;
  private final SharedDict<String, String> results;
  private final SharedDict<String, Integer> state;

  @Inject
  public JobBoard(SharedObjects shared) {
    this.jobs = shared.list(JOBS);
    this.jobsLock = shared.lock(JOBS);
    this.results = shared.dict(RESULTS);
    this.state = shared.dict(STATE);
  }

  /**
   * Posts {@code count} jobs named {@code job-<n>}, numbered on from those posted before (by any process), and
   * marks the board as posted: workers stop once it is empty. Returns the names.
   */
  public List<String> post(int count) {
    // Reserve the numbers first, so two posters never post the same name; count the jobs as posted only once
    // they are on the list, so no worker sees "posted" and an empty list before they are.
    int last = state.merge(NUMBERED, count, Integer::sum);
    List<String> posted = IntStream.rangeClosed(last - count + 1, last).mapToObj(i -> "job-" + i).toList();
    jobs.addAll(posted);
    state.merge(POSTED, count, Integer::sum);
    return posted;
  }

  /**
   * Takes the next job, if one is waiting. "Is there one? Then remove it" must be one step for all workers:
   * without the lock, two workers could both see the last job and both try to remove it.
   */
  public Optional<String> take() {
    jobsLock.lock();
    try {
      return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.remove(0));
    } finally {
      jobsLock.unlock();
    }
  }

  /**
   * Records a job's result.
   *
   * @throws IllegalStateException if the job has a result already: two workers did it
   */
  public void record(String job, String result) {
    String earlier = results.putIfAbsent(job, result);
    if (earlier != null) {
      throw new IllegalStateException(job + " was done twice: '" + earlier + "' and '" + result + "'");
    }
  }

  /**
   * Takes and does jobs until jobs have been posted and none is left; returns the jobs this worker did.
   * {@code log} hears {@code "TOOK <job>"} for each.
   */
  public List<String> work(String worker, Consumer<String> log) {
    List<String> done = new ArrayList<>();
    while (true) {
      Optional<String> job = take();
      if (job.isPresent()) {
        record(job.get(), worker + ": " + compute(job.get()));
        done.add(job.get());
        log.accept("TOOK " + job.get());
      } else if (state.containsKey(POSTED)) {
        return done;
      } else {
        // Nothing posted yet: look again shortly (the poster may still be starting).
        LockSupport.parkNanos(IDLE_POLL.toNanos());
      }
    }
  }

  /** How many jobs have been posted so far. */
  public int posted() {
    return state.getOrDefault(POSTED, 0);
  }

  /**
   * Waits until every posted job has a result (other workers may still be finishing theirs), at most
   * {@code timeout}; returns whether they all have.
   */
  public boolean awaitResults(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (results.size() < posted()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(IDLE_POLL.toNanos());
    }
    return true;
  }

  /** A copy of the results: job to {@code "<worker>: <result>"}. */
  public Map<String, String> results() {
    return results.snapshot();
  }

  /** The work itself: the square of the job's number, after a short pause standing for real work. */
  static String compute(String job) {
    long n = Long.parseLong(job.substring(job.lastIndexOf('-') + 1));
    LockSupport.parkNanos(WORK.toNanos());
    return n + "^2 = " + n * n;
  }
}
