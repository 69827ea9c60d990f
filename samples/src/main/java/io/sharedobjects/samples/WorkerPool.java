package io.sharedobjects.samples;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.SharedProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker pool across JVMs (samples/README.md): three worker JVMs start together at a barrier, then do
 * their jobs with at most two at work at any moment, capped by a semaphore of two permits, as Python's
 * {@code manager.Barrier(3)} and {@code manager.BoundedSemaphore(2)} would.
 */
public final class WorkerPool {
  static final int WORKERS = 3;
  static final int SLOTS = 2;
  static final int JOBS_EACH = 4;

  /** A worker: waits for the others, then does its jobs, each holding one of the pool's permits. */
  static void work(SharedObjects shared, String pool, SharedList<String> log) throws Exception {
    SharedBarrier start = shared.barrier(pool, WORKERS);
    SharedSemaphore slots = shared.semaphore(pool, SLOTS);
    SharedCounter atWork = shared.counter(pool);
    String me = "worker " + ProcessHandle.current().pid();
    int arrival = start.await(1, TimeUnit.MINUTES); // all start together; a dead worker breaks it for all
    log.add(me + " started, arrival " + arrival);
    for (int job = 1; job <= JOBS_EACH; job++) {
      slots.acquire();
      try {
        long now = atWork.incrementAndGet();
        log.add(me + " job " + job + " with " + now + " at work");
        Thread.sleep(50); // the work
        atWork.decrementAndGet();
      } finally {
        slots.release();
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    try (HazelcastSharedObjects manager = HazelcastSharedObjects.embedded()) {
      run(manager, "pool-" + ProcessHandle.current().pid(), System.out);
    }
  }

  /** Starts the workers, waits for them and prints what they did; the test runs it too. */
  static void run(HazelcastSharedObjects manager, String pool, PrintStream out) throws InterruptedException {
    SharedList<String> log = manager.list();
    List<SharedProcess> workers = new ArrayList<>();
    try {
      for (int i = 0; i < WORKERS; i++) {
        workers.add(SharedProcess.start(manager, WorkerPool::work, manager, pool, log));
      }
      for (SharedProcess worker : workers) {
        worker.awaitSuccess(Duration.ofMinutes(2));
      }
      List<String> lines = new ArrayList<>(log.snapshot());
      Collections.sort(lines);
      lines.forEach(out::println);
      long most = lines.stream().filter(l -> l.contains(" at work"))
          .mapToLong(l -> Long.parseLong(l.replaceAll(".* with (\\d+) at work", "$1"))).max().orElse(0);
      out.println(WORKERS + " workers did " + (lines.size() - WORKERS) + " jobs, at most " + most + " at once");
    } finally {
      workers.forEach(SharedProcess::close);
      log.destroy();
      manager.semaphore(pool, SLOTS).destroy(); // shared objects outlive the program unless destroyed
      manager.barrier(pool, WORKERS).destroy();
      manager.counter(pool).destroy();
    }
  }
}
