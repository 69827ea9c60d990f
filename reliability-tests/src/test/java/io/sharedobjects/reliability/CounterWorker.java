package io.sharedobjects.reliability;

import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedValue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A child process of {@link CounterProcessTest}: connects as a client and says READY; on {@code COUNT} it
 * calls {@code incrementAndGet} on the run's counter {@code n} times and reports every value returned
 * ({@code COUNTED v1 v2 ...}, then {@code COUNTS DONE}); on {@code UPDATE} it calls
 * {@code updateAndGet(x -> x + 1)} on the run's value {@code m} times and reports likewise ({@code UPDATED},
 * {@code UPDATES DONE}).
 *
 * <p>Arguments: cluster name, comma-separated member addresses, run name, increments, updates.
 */
public final class CounterWorker {

  private CounterWorker() {}

  public static void main(String[] args) throws Exception {
    String cluster = args[0];
    String[] addresses = args[1].split(",");
    String run = args[2];
    int increments = Integer.parseInt(args[3]);
    int updates = Integer.parseInt(args[4]);

    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(cluster).connectTimeout(Duration.ofSeconds(30)).client(addresses)) {
      SharedCounter counter = shared.counter(run + "-counter");
      SharedValue<Integer> value = shared.value(run + "-value");
      Children.say("READY");
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

      expect(stdin, "COUNT");
      Report counted = new Report("COUNTED");
      for (int i = 0; i < increments; i++) {
        counted.add(counter.incrementAndGet());
      }
      counted.flush();
      Children.say("COUNTS DONE");

      expect(stdin, "UPDATE");
      Report updated = new Report("UPDATED");
      for (int i = 0; i < updates; i++) {
        updated.add(value.updateAndGet(x -> x == null ? 1 : x + 1));
      }
      updated.flush();
      Children.say("UPDATES DONE");
    }
  }

  private static void expect(BufferedReader stdin, String command) throws IOException {
    String line = stdin.readLine();
    if (!command.equals(line)) {
      throw new IllegalStateException("expected " + command + " on stdin, got " + line);
    }
  }

  /** Protocol lines of values returned, a few hundred characters each. */
  private static final class Report {
    private final String word;
    private final StringBuilder values = new StringBuilder();

    Report(String word) {
      this.word = word;
    }

    void add(long value) {
      values.append(value).append(' ');
      if (values.length() > 2000) {
        flush();
      }
    }

    void flush() {
      if (values.length() > 0) {
        Children.say(word + " " + values.toString().trim());
        values.setLength(0);
      }
    }
  }
}
