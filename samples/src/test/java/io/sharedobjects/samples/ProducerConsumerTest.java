package io.sharedobjects.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(240)
class ProducerConsumerTest {

  private static final Pattern CONSUMER_LINE = Pattern.compile("consumer (\\d+) did (\\d+) jobs: \\[(.*)]");

  @Test
  @DisplayName("two consumer JVMs do every job exactly once and the parent prints what each did")
  void jobsAcrossThreeJvms() throws InterruptedException {
    // Port 0 and a cluster name of its own: this member joins no other member on the machine.
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName("producer-consumer-test-" + ProcessHandle.current().pid())
        .port(0)
        .embedded()) {
      SharedQueue<Integer> jobs = shared.queue();
      SharedDict<Integer, String> doneBy = shared.dict();
      SharedCounter sum = shared.counter();
      ByteArrayOutputStream printed = new ByteArrayOutputStream();

      ProducerConsumer.run(shared, jobs, doneBy, sum, new PrintStream(printed, true, StandardCharsets.UTF_8));

      int n = ProducerConsumer.JOBS;
      long expectedSum = IntStream.rangeClosed(1, n).mapToLong(i -> (long) i * i).sum();
      assertThat(sum.get()).isEqualTo(expectedSum);
      assertThat(jobs.unfinishedTasks()).isZero();
      assertThat(jobs).isEmpty();
      Map<Integer, String> done = doneBy.snapshot();
      assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, n).boxed().toList());

      List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).last().isEqualTo(n + " jobs done, sum of squares " + expectedSum);
      List<String> consumerLines = lines.subList(0, lines.size() - 1);
      assertThat(consumerLines).hasSizeBetween(1, 2).allMatch(line -> CONSUMER_LINE.matcher(line).matches());
      List<Integer> printedJobs = new ArrayList<>();
      for (String line : consumerLines) {
        Matcher m = CONSUMER_LINE.matcher(line);
        assertThat(m.matches()).isTrue();
        String consumer = "consumer " + m.group(1);
        List<Integer> its = List.of(m.group(3).split(", ")).stream().map(Integer::valueOf).toList();
        assertThat(its).hasSize(Integer.parseInt(m.group(2)));
        // Each job printed for a consumer is one the dict says it did, and the consumer is a child, not us.
        its.forEach(job -> assertThat(done.get(job)).isEqualTo(consumer));
        assertThat(Long.parseLong(m.group(1))).isNotEqualTo(ProcessHandle.current().pid());
        printedJobs.addAll(its);
      }
      assertThat(printedJobs).containsExactlyInAnyOrderElementsOf(done.keySet());
      jobs.destroy();
      doneBy.destroy();
      sum.destroy();
    }
  }
}
