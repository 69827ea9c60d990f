package io.sharedobjects.benchmarks;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second JVM of {@link SyncLatencyBenchmark}: joins the parent's cluster as an embedded member or as a
 * client, then waits on the objects the parent wakes, one command at a time. Commands come on stdin, answers
 * go to stdout as protocol lines ({@value SyncLatencyBenchmark#PROTOCOL}...) carrying {@link System#nanoTime()}
 * stamps, which on Linux read the same clock (CLOCK_MONOTONIC) in both JVMs.
 *
 * <p>Arguments: {@code member} or {@code client}, cluster name, the parent's address, and the names of the
 * event, the lock (whose default condition is used), the round counter and the barrier.
 *
 * <p>Commands:
 *
 * <ul>
 *   <li>{@code EVENT i}: await the event; answers {@code WOKE i <entered> <woke>}.
 *   <li>{@code CONDITION n}: take the lock, answer {@code HOLDING}, then for each round r from 1 to n await the
 *       condition until the round counter reaches r (a spurious wake-up awaits again) and answer
 *       {@code SIGNALLED r <entered> <woke>}, the stamps of the last await; unlock and answer {@code CONDITION-DONE}.
 *   <li>{@code BARRIER n}: await the barrier n times; answer {@code BARRIER-DONE}.
 *   <li>{@code QUIT}: close and exit.
 * </ul>
 */
public final class SyncLatencyChild {

  /** No wait of this harness may take longer: a stalled object fails the run rather than hanging it. */
  static final long WAIT_SECONDS = 30;

  /** Hazelcast logs every step at INFO; held so the level stays set. */
  private static final Logger QUIET = Logger.getLogger("com.hazelcast");

  private SyncLatencyChild() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      throw new IllegalArgumentException(
          "Arguments: member|client cluster address event lock counter barrier, not " + String.join(" ", args));
    }
    QUIET.setLevel(Level.WARNING);
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder().clusterName(args[1]);
    HazelcastSharedObjects shared = switch (args[0]) {
      case "member" -> builder.port(0).members(args[2]).embedded();
      case "client" -> builder.client(args[2]);
      default -> throw new IllegalArgumentException("member or client, not " + args[0]);
    };
    try (shared) {
      SharedEvent event = null;
      SharedBarrier barrier = null;
      say("READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
      String line;
      while ((line = in.readLine()) != null) {
        String[] command = line.trim().split(" ");
        switch (command[0]) {
          // Each object is made on its first command, so a run of some figures needs only their types.
          case "EVENT" -> {
            if (event == null) {
              event = shared.event(args[3]);
            }
            awaitEvent(event, command[1]);
          }
          case "CONDITION" -> awaitCondition(shared.lock(args[4]), shared.counter(args[5]), Integer.parseInt(command[1]));
          case "BARRIER" -> {
            if (barrier == null) {
              barrier = shared.barrier(args[6], 2);
            }
            for (int i = 0; i < Integer.parseInt(command[1]); i++) {
              barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            say("BARRIER-DONE");
          }
          case "QUIT" -> {
            return;
          }
          default -> throw new IllegalArgumentException("Unknown command: " + line);
        }
      }
    }
  }

  private static void awaitEvent(SharedEvent event, String round) throws InterruptedException {
    long entered = System.nanoTime();
    if (!event.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("event not set within " + WAIT_SECONDS + " s in round " + round);
    }
    long woke = System.nanoTime();
    say("WOKE " + round + " " + entered + " " + woke);
  }

  private static void awaitCondition(SharedLock lock, SharedCounter round, int rounds) throws InterruptedException {
    Condition condition = lock.newCondition();
    lock.lock();
    try {
      say("HOLDING");
      for (int r = 1; r <= rounds; r++) {
        long entered = 0;
        long woke = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        // The counter is read after the stamp, so a round's figure holds only the wake-up, not this read.
        while (round.get() < r) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no signal within " + WAIT_SECONDS + " s in round " + r);
          }
          entered = System.nanoTime();
          condition.await(WAIT_SECONDS, TimeUnit.SECONDS);
          woke = System.nanoTime();
        }
        if (woke == 0) {
          throw new IllegalStateException("round " + r + " was signalled before this process awaited it");
        }
        say("SIGNALLED " + r + " " + entered + " " + woke);
      }
    } finally {
      lock.unlock();
    }
    say("CONDITION-DONE");
  }

  static void say(String line) {
    System.out.println(SyncLatencyBenchmark.PROTOCOL + line);
    System.out.flush();
  }
}
