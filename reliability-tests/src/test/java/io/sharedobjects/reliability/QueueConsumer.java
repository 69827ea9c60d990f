package io.sharedobjects.reliability;

import io.sharedobjects.SharedList;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process of {@link QueueProcessTest}: a client that, after GO, takes elements from a queue
 * ({@code poll} with a one-second wait) until it takes {@value #SENTINEL}, or until it is told STOP and
 * finds the queue empty. For each element it "works" {@code workMillis}, appends the element to a shared
 * list of finished work (if one is named), then calls {@code taskDone()}. Reports the elements it took
 * ({@code GOT e,e,...}, in the order taken) and at the end {@code RESULT <taken> <failedTakes>
 * <failedTaskDones>}, the exceptions seen ({@code ERRORS class=count ...}) and DONE. A take that throws
 * is counted as failed: it may have removed an element that is then lost.
 *
 * <p>Arguments: cluster name, comma-separated member addresses, queue name, consumer number, name of the
 * list of finished work ({@code -} for none), work per element in milliseconds.
 */
public final class QueueConsumer {

  /** The element that tells a consumer to stop, as Python programs put None for each worker. */
  static final String SENTINEL = "STOP";

  private static volatile boolean stop;

  private QueueConsumer() {}

  public static void main(String[] args) throws Exception {
    long workMillis = Long.parseLong(args[5]);
    // Confirmed writes: a put or take whose backup did not confirm it fails instead of being reported done,
    // so an acknowledged element is never lost nor handed out twice when the queue's member dies.
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(args[0]).connectTimeout(Duration.ofSeconds(10)).confirmedWrites(true).client(args[1].split(","))) {
      SharedQueue<String> queue = shared.queue(args[2]);
      SharedList<String> finished = args[4].equals("-") ? null : shared.list(args[4]);
      Children.say("READY");
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"GO".equals(stdin.readLine())) {
        throw new IllegalStateException("expected GO on stdin");
      }
      onStop(stdin, () -> stop = true);

      List<String> got = new ArrayList<>();
      int taken = 0;
      int failedTakes = 0;
      int failedDones = 0;
      Map<String, Integer> errors = new TreeMap<>();
      while (true) {
        boolean stopping = stop;
        String element;
        try {
          element = queue.poll(1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
          failedTakes++;
          errors.merge("take " + e.getClass().getSimpleName(), 1, Integer::sum);
          continue;
        }
        if (element == null) {
          if (stopping) {
            break;
          }
          continue;
        }
        if (!element.equals(SENTINEL)) {
          taken++;
          got.add(element);
          if (got.size() == 200) {
            Children.say("GOT " + String.join(",", got));
            got.clear();
          }
          if (workMillis > 0) {
            Thread.sleep(workMillis); // the work an element stands for
          }
        }
        try {
          if (finished != null && !element.equals(SENTINEL)) {
            finished.add(element);
          }
          queue.taskDone();
        } catch (RuntimeException e) {
          failedDones++;
          errors.merge("taskDone " + e.getClass().getSimpleName(), 1, Integer::sum);
        }
        if (element.equals(SENTINEL)) {
          break;
        }
      }
      if (!got.isEmpty()) {
        Children.say("GOT " + String.join(",", got));
      }
      Children.say("RESULT " + taken + " " + failedTakes + " " + failedDones);
      Children.say("ERRORS " + describe(errors));
      Children.say("DONE");
    }
  }

  /** Starts a daemon thread that runs {@code onStop} when STOP (or the end of stdin) arrives. */
  static void onStop(BufferedReader stdin, Runnable onStop) {
    Thread stopper = new Thread(() -> {
      try {
        String line;
        while ((line = stdin.readLine()) != null && !line.equals("STOP")) {
          // wait for STOP
        }
      } catch (Exception e) {
        // stdin closed: the test is gone; stop too
      }
      onStop.run();
    }, "stdin");
    stopper.setDaemon(true);
    stopper.start();
  }

  static String describe(Map<String, Integer> errors) {
    StringBuilder seen = new StringBuilder();
    errors.forEach((type, count) -> seen.append(type.replace(' ', ':')).append('=').append(count).append(' '));
    return seen.toString().trim();
  }
}
