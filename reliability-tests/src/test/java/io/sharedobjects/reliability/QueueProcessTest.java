package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Member;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import io.sharedobjects.testing.StockHazelcastMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shared queue between processes: producer and consumer client JVMs ({@link QueueProducer}, {@link
 * QueueConsumer}) pass elements exactly once and in each producer's order, {@code awaitAllDone} returns
 * only when every element is done, a member holding the queue dies while they run, and the only member
 * dies under waiting calls.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class QueueProcessTest {

  private static final int PRODUCERS = 2;
  private static final int CONSUMERS = 2;
  private static final Duration WORK_TIMEOUT = Duration.ofSeconds(150);

  @Test
  @DisplayName("2 producer and 2 consumer client processes pass 4,000 elements through a queue of capacity 100: each taken exactly once, each producer's in order, and awaitAllDone returns only when all 4,000 are done")
  void exactlyOnceAndAllDone() throws InterruptedException {
    int perProducer = 2000;
    String cluster = "queue-processes-" + UUID.randomUUID();
    String queueName = "jobs-" + UUID.randomUUID();
    String finishedName = "finished-" + UUID.randomUUID();
    List<JavaProcess> producers = new ArrayList<>();
    List<JavaProcess> consumers = new ArrayList<>();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      SharedQueue<String> queue = member.queue(queueName, 100);
      String[] addresses = {member.address()};
      producers.addAll(startProducers(cluster, addresses, queueName, perProducer));
      // 1 ms of work per element: enough that elements are still waiting or being worked on when the last
      // is added, so awaitAllDone has to wait for them.
      consumers.addAll(startConsumers(cluster, addresses, queueName, finishedName, 1));
      long start = System.nanoTime();
      go(producers, consumers);

      for (JavaProcess producer : producers) {
        Children.await(producer, "DONE", WORK_TIMEOUT);
        assertThat(Children.await(producer, "RESULT", Duration.ofSeconds(1))).isEqualTo(perProducer + " " + perProducer);
      }
      long unfinishedWhenAllAdded = queue.unfinishedTasks();
      long awaitStart = System.nanoTime();
      boolean allDone = queue.awaitAllDone(WORK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Duration awaited = Duration.ofNanos(System.nanoTime() - awaitStart);
      int finishedWhenReturned = member.list(finishedName).size();

      assertThat(unfinishedWhenAllAdded).as("tasks unfinished when the last element was added").isPositive();
      assertThat(allDone).as("awaitAllDone").isTrue();
      assertThat(finishedWhenReturned).as("elements finished when awaitAllDone returned").isEqualTo(PRODUCERS * perProducer);
      Measurements.record("queue: 2 producers x " + perProducer + " through 2 consumers (capacity 100, 1 ms of work each)",
          Duration.ofNanos(System.nanoTime() - start));
      Measurements.record("queue: awaitAllDone waited for the last " + unfinishedWhenAllAdded + " unfinished tasks", awaited);

      for (int i = 0; i < CONSUMERS; i++) {
        queue.put(QueueConsumer.SENTINEL);
      }
      Map<Integer, List<String>> takenBy = new HashMap<>();
      for (int i = 0; i < CONSUMERS; i++) {
        JavaProcess consumer = consumers.get(i);
        Children.await(consumer, "DONE", Duration.ofSeconds(60));
        assertThat(consumer.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", consumer).isZero();
        assertThat(Children.await(consumer, "RESULT", Duration.ofSeconds(1))).as("taken, failed takes, failed taskDones")
            .endsWith(" 0 0");
        takenBy.put(i, got(consumer));
      }

      List<String> taken = new ArrayList<>();
      takenBy.values().forEach(taken::addAll);
      assertThat(taken).as("elements taken").hasSize(PRODUCERS * perProducer).doesNotHaveDuplicates();
      assertThat(new HashSet<>(taken)).isEqualTo(expected(perProducer));
      takenBy.forEach((consumer, elements) -> {
        for (int producer = 0; producer < PRODUCERS; producer++) {
          String prefix = "p" + producer + "-";
          assertThat(elements.stream().filter(e -> e.startsWith(prefix)).map(QueueProcessTest::number).toList())
              .as("producer %d's elements as consumer %d took them", producer, consumer).isSorted();
        }
      });
      assertThat(queue.isEmpty()).isTrue();
      assertThat(queue.unfinishedTasks()).as("the sentinels were marked done too").isZero();
    } finally {
      Children.closeAll(producers);
      Children.closeAll(consumers);
    }
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("the member holding the queue, one of three, is SIGKILLed while 2 producer and 2 consumer processes run: no element taken twice, every acknowledged element taken except at most one per failed take")
  void memberLoss() {
    String cluster = "queue-member-loss-" + UUID.randomUUID();
    String queueName = "jobs-" + UUID.randomUUID();
    List<JavaProcess> producers = new ArrayList<>();
    List<JavaProcess> consumers = new ArrayList<>();
    try (StockCluster members = StockCluster.start(cluster, 3);
        HazelcastSharedObjects observer = HazelcastSharedObjects.builder()
            .clusterName(cluster).connectTimeout(Duration.ofSeconds(30)).client(members.addresses())) {
      Await.until("the observer sees three members", Duration.ofSeconds(60),
          () -> observer.hazelcastInstance().getCluster().getMembers().size() == 3);
      SharedQueue<String> queue = observer.queue(queueName, 500);
      producers.addAll(startProducers(cluster, members.addresses(), queueName, -1));
      consumers.addAll(startConsumers(cluster, members.addresses(), queueName, "-", 0));
      go(producers, consumers);
      for (JavaProcess producer : producers) {
        awaitProgress(producer, 1000);
      }

      // The queue lives in the partition of its name: kill the member that owns it, so only its backup can
      // save the elements in it and the calls under way.
      Member owner = observer.hazelcastInstance().getPartitionService().getPartition(queueName).getOwner();
      StockHazelcastMember victim = members.members().stream()
          .filter(m -> m.port() == owner.getAddress().getPort()).findFirst().orElseThrow();
      int inQueue = queue.size();
      long killedAt = System.nanoTime();
      victim.kill();
      Await.until("the observer sees two members", Duration.ofSeconds(60),
          () -> observer.hazelcastInstance().getCluster().getMembers().size() == 2);
      Measurements.record("queue member loss: the queue's member SIGKILLed with " + inQueue
          + " elements in the queue; removed from the cluster after", Duration.ofNanos(System.nanoTime() - killedAt));

      for (JavaProcess producer : producers) {
        awaitProgress(producer, lastProgress(producer) + 1000);
      }
      producers.forEach(producer -> Children.tell(producer, "STOP"));
      Set<String> acknowledged = new HashSet<>();
      Set<String> failedPuts = new HashSet<>();
      int written = 0;
      for (int i = 0; i < PRODUCERS; i++) {
        JavaProcess producer = producers.get(i);
        Children.await(producer, "DONE", Duration.ofSeconds(60));
        String[] result = Children.await(producer, "RESULT", Duration.ofSeconds(1)).split(" ");
        int producerWritten = Integer.parseInt(result[0]);
        Set<Integer> failed = new HashSet<>();
        for (String line : Children.all(producer, "FAILED")) {
          for (String n : line.split(",")) {
            failed.add(Integer.parseInt(n));
          }
        }
        for (int n = 0; n < producerWritten; n++) {
          (failed.contains(n) ? failedPuts : acknowledged).add("p" + i + "-" + n);
        }
        assertThat(Integer.parseInt(result[1]) + failed.size()).as("acknowledged plus failed puts").isEqualTo(producerWritten);
        written += producerWritten;
        Measurements.record("queue member loss, producer " + i, producerWritten + " put, " + result[1] + " acknowledged, "
            + failed.size() + " failed (" + Children.await(producer, "ERRORS", Duration.ofSeconds(1)) + ")");
      }

      Await.until("the consumers empty the queue", Duration.ofSeconds(60), () -> queue.isEmpty());
      consumers.forEach(consumer -> Children.tell(consumer, "STOP"));
      List<String> taken = new ArrayList<>();
      int failedTakes = 0;
      for (int i = 0; i < CONSUMERS; i++) {
        JavaProcess consumer = consumers.get(i);
        Children.await(consumer, "DONE", Duration.ofSeconds(60));
        assertThat(consumer.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", consumer).isZero();
        String[] result = Children.await(consumer, "RESULT", Duration.ofSeconds(1)).split(" ");
        failedTakes += Integer.parseInt(result[1]);
        taken.addAll(got(consumer));
        Measurements.record("queue member loss, consumer " + i, result[0] + " taken, " + result[1] + " failed takes, "
            + result[2] + " failed taskDones (" + Children.await(consumer, "ERRORS", Duration.ofSeconds(1)) + ")");
      }

      Set<String> takenOnce = new HashSet<>();
      List<String> takenTwice = taken.stream().filter(e -> !takenOnce.add(e)).toList();
      List<String> lost = acknowledged.stream().filter(e -> !takenOnce.contains(e)).sorted().toList();
      long failedButAdded = failedPuts.stream().filter(takenOnce::contains).count();
      Measurements.record("queue member loss: acknowledged elements lost", lost.size() + " of " + acknowledged.size()
          + " (" + failedTakes + " failed takes; " + failedPuts.size() + " failed puts, of which " + failedButAdded
          + " were added; " + takenTwice.size() + " taken twice)");
      assertThat(takenOnce).as("every element taken was put").isSubsetOf(union(acknowledged, failedPuts));
      // The children confirm their writes: with Hazelcast's default acknowledgement a put or take whose backup
      // did not confirm within 5 s is reported done all the same, and when the primary then dies the element
      // is lost or handed out again (guarantees.md; seen in CI: 1 of 12,378 taken twice, 1 of 10,045 lost).
      assertThat(takenTwice).as("elements taken twice").isEmpty();
      assertThat(lost.size()).as("acknowledged elements never taken: %s", lost).isLessThanOrEqualTo(failedTakes);
      assertThat(acknowledged.size()).isGreaterThanOrEqualTo(PRODUCERS * 2000);
      assertThat(written).isEqualTo(acknowledged.size() + failedPuts.size());
    } finally {
      Children.closeAll(producers);
      Children.closeAll(consumers);
    }
  }

  @Test
  @DisplayName("a consumer process SIGKILLed after taking an element and before taskDone: the element is gone and its task stays unfinished, so awaitAllDone returns false at its timeout, as Python's join would wait")
  void consumerDiesBeforeTaskDone() throws InterruptedException {
    String cluster = "queue-dead-consumer-" + UUID.randomUUID();
    String queueName = "jobs-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
        JavaProcess consumer = Children.jvm(QueueConsumer.class, "consumer that dies at work")
            .args(cluster, member.address(), queueName, "0", "-", "600000").start()) {
      SharedQueue<String> queue = member.queue(queueName);
      queue.put("job");
      Children.await(consumer, "READY", Duration.ofSeconds(60));
      Children.tell(consumer, "GO");
      Await.until("the consumer took the element", Duration.ofSeconds(30), queue::isEmpty);

      consumer.kill();

      long start = System.nanoTime();
      assertThat(queue.awaitAllDone(2, TimeUnit.SECONDS)).as("awaitAllDone").isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(queue.unfinishedTasks()).isEqualTo(1);
      assertThat(queue.isEmpty()).as("the element is not given back").isTrue();
    }
  }

  @Test
  @DisplayName("the only member is SIGKILLed under a waiting take and a waiting put: both fail with ClusterUnavailableException within the connect timeout (3 s) plus margin, and so does a take started afterwards")
  void waitingCallsFailWhenTheClusterGoes() throws Exception {
    Duration connectTimeout = Duration.ofSeconds(3);
    Duration margin = Duration.ofSeconds(3);
    String cluster = "queue-unreachable-" + UUID.randomUUID();
    try (StockHazelcastMember member = StockHazelcastMember.builder().clusterName(cluster).start();
        HazelcastSharedObjects client = HazelcastSharedObjects.builder()
            .clusterName(cluster).connectTimeout(connectTimeout).client(member.address())) {
      SharedQueue<String> empty = client.queue("empty-" + UUID.randomUUID());
      SharedQueue<String> full = client.queue("full-" + UUID.randomUUID(), 1);
      full.put("only");
      AtomicReference<Thread> taker = new AtomicReference<>();
      AtomicReference<Thread> putter = new AtomicReference<>();
      CompletableFuture<Long> take = failureTime(taker, () -> empty.take());
      CompletableFuture<Long> put = failureTime(putter, () -> full.put("more"));
      Await.until("both calls wait", Duration.ofSeconds(10), () -> waiting(taker) && waiting(putter));

      long killedAt = System.nanoTime();
      member.kill();
      long takeFailed = take.get(30, TimeUnit.SECONDS) - killedAt;
      long putFailed = put.get(30, TimeUnit.SECONDS) - killedAt;
      long start = System.nanoTime();
      assertThatThrownBy(() -> empty.poll(1, TimeUnit.MINUTES)).isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining(cluster);
      long laterFailed = System.nanoTime() - start;

      for (long nanos : new long[] {takeFailed, putFailed, laterFailed}) {
        assertThat(Duration.ofNanos(nanos)).isLessThanOrEqualTo(connectTimeout.plus(margin));
      }
      Measurements.record("queue, only member killed (connect timeout 3000 ms): waiting take, waiting put,"
          + " take started afterwards failed after", TimeUnit.NANOSECONDS.toMillis(takeFailed) + " ms, "
          + TimeUnit.NANOSECONDS.toMillis(putFailed) + " ms, " + TimeUnit.NANOSECONDS.toMillis(laterFailed) + " ms");
    }
  }

  /**
   * A blocking call on a thread of its own (set in {@code thread}): completes with the {@link
   * System#nanoTime()} at which it failed as expected.
   */
  private static CompletableFuture<Long> failureTime(AtomicReference<Thread> thread, Blocking call) {
    CompletableFuture<Long> failed = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        call.run();
        failed.completeExceptionally(new AssertionError("the call returned normally"));
      } catch (ClusterUnavailableException expected) {
        failed.complete(System.nanoTime());
      } catch (Throwable e) {
        failed.completeExceptionally(e);
      }
    }, "waiting call");
    caller.setDaemon(true);
    thread.set(caller);
    caller.start();
    return failed;
  }

  private static boolean waiting(AtomicReference<Thread> thread) {
    Thread.State state = thread.get().getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @FunctionalInterface
  private interface Blocking {
    void run() throws InterruptedException;
  }

  private static List<JavaProcess> startProducers(String cluster, String[] addresses, String queue, int count) {
    List<JavaProcess.Builder> builders = new ArrayList<>();
    for (int i = 0; i < PRODUCERS; i++) {
      builders.add(Children.jvm(QueueProducer.class, "queue producer " + i)
          .args(cluster, String.join(",", addresses), queue, Integer.toString(i), Integer.toString(count)));
    }
    return Children.startAll(builders);
  }

  private static List<JavaProcess> startConsumers(String cluster, String[] addresses, String queue, String finished,
      int workMillis) {
    List<JavaProcess.Builder> builders = new ArrayList<>();
    for (int i = 0; i < CONSUMERS; i++) {
      builders.add(Children.jvm(QueueConsumer.class, "queue consumer " + i)
          .args(cluster, String.join(",", addresses), queue, Integer.toString(i), finished, Integer.toString(workMillis)));
    }
    return Children.startAll(builders);
  }

  private static void go(List<JavaProcess> producers, List<JavaProcess> consumers) {
    List<JavaProcess> all = new ArrayList<>(consumers);
    all.addAll(producers);
    for (JavaProcess child : all) {
      Children.await(child, "READY", Duration.ofSeconds(60));
    }
    all.forEach(child -> Children.tell(child, "GO"));
  }

  private static List<String> got(JavaProcess consumer) {
    List<String> elements = new ArrayList<>();
    for (String line : Children.all(consumer, "GOT")) {
      elements.addAll(List.of(line.split(",")));
    }
    return elements;
  }

  private static Set<String> expected(int perProducer) {
    Set<String> all = new HashSet<>();
    for (int producer = 0; producer < PRODUCERS; producer++) {
      for (int n = 0; n < perProducer; n++) {
        all.add("p" + producer + "-" + n);
      }
    }
    return all;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static int number(String element) {
    return Integer.parseInt(element.substring(element.indexOf('-') + 1));
  }

  private static void awaitProgress(JavaProcess producer, int acknowledged) {
    producer.awaitOutputLine(line -> line.startsWith(Children.PROTOCOL + "PROGRESS ")
        && Integer.parseInt(line.substring((Children.PROTOCOL + "PROGRESS ").length())) >= acknowledged,
        Duration.ofSeconds(90));
  }

  private static int lastProgress(JavaProcess producer) {
    List<String> progress = Children.all(producer, "PROGRESS");
    return Integer.parseInt(progress.get(progress.size() - 1));
  }
}
