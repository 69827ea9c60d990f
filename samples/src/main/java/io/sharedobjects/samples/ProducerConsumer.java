package io.sharedobjects.samples;

import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.SharedProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Producer and consumers across JVMs (samples/README.md), as Python's JoinableQueue example: the parent puts
 * jobs on a shared queue, two consumer JVMs square them, and the parent waits until every job is done.
 */
public final class ProducerConsumer {
  static final int JOBS = 20;
  private static final int STOP = -1;

  /** A consumer: takes jobs until STOP, adds each job's square to the sum and notes who did the job. */
  static void consume(SharedQueue<Integer> jobs, SharedDict<Integer, String> doneBy, SharedCounter sumOfSquares)
      throws InterruptedException {
    String me = "consumer " + ProcessHandle.current().pid();
    while (true) {
      int job = jobs.take();
      if (job != STOP) {
        Thread.sleep(20); // the work, long enough that both consumers get some
        sumOfSquares.addAndGet((long) job * job);
        doneBy.put(job, me);
      }
      jobs.taskDone(); // STOP too, as Python's task_done() for a sentinel: the count ends at 0
      if (job == STOP) {
        return;
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    try (HazelcastSharedObjects manager = HazelcastSharedObjects.embedded()) {
      SharedQueue<Integer> jobs = manager.queue();
      SharedDict<Integer, String> doneBy = manager.dict();
      SharedCounter sum = manager.counter();
      run(manager, jobs, doneBy, sum, System.out);
      jobs.destroy(); // shared objects outlive the program unless destroyed
      doneBy.destroy();
      sum.destroy();
    }
  }

  /** Starts two consumers, puts the jobs, waits until all are done and prints who did what; the test runs it. */
  static void run(HazelcastSharedObjects manager, SharedQueue<Integer> jobs, SharedDict<Integer, String> doneBy,
      SharedCounter sum, PrintStream out) throws InterruptedException {
    try (SharedProcess a = SharedProcess.start(manager, ProducerConsumer::consume, jobs, doneBy, sum);
        SharedProcess b = SharedProcess.start(manager, ProducerConsumer::consume, jobs, doneBy, sum)) {
      for (int job = 1; job <= JOBS; job++) {
        jobs.put(job);
      }
      if (!jobs.awaitAllDone(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("jobs not done in 2 minutes: " + jobs.unfinishedTasks() + " left");
      }
      jobs.put(STOP); // one per consumer, so each leaves its loop
      jobs.put(STOP);
      a.awaitSuccess(Duration.ofMinutes(1));
      b.awaitSuccess(Duration.ofMinutes(1));
    }
    Map<String, List<Integer>> byConsumer = new TreeMap<>();
    doneBy.snapshot().forEach((job, who) -> byConsumer.computeIfAbsent(who, k -> new ArrayList<>()).add(job));
    byConsumer.forEach((who, done) ->
        out.println(who + " did " + done.size() + " jobs: " + done.stream().sorted().toList()));
    out.println(doneBy.size() + " jobs done, sum of squares " + sum.get());
  }
}
