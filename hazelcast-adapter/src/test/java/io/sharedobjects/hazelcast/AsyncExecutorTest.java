package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * On a JVM whose common pool has a parallelism of 1 (the default with 2 CPUs or fewer), Hazelcast would start a
 * thread per completed asynchronous call; the library gives it a pool of 2 threads instead. Each case runs in a
 * JVM of its own with that parallelism, since the executor is JVM-wide.
 */
class AsyncExecutorTest {

  private static final Duration BOUND = Duration.ofSeconds(90);

  @Test
  @DisplayName("with a common pool of parallelism 1, 300 asynchronous calls complete on at most 2 pool threads")
  void completionsRunOnThePool() {
    List<String> threads = completionThreads();
    assertThat(threads).isNotEmpty().hasSizeLessThanOrEqualTo(2)
        .allSatisfy(name -> assertThat(name).startsWith("shared-objects-async-"));
  }

  @Test
  @DisplayName("-Dshared-objects.async-executor=hazelcast keeps Hazelcast's default: a thread per completion")
  void optOutKeepsHazelcastDefault() {
    List<String> threads = completionThreads("-D" + AsyncExecutor.PROPERTY + "=hazelcast");
    assertThat(threads).hasSizeGreaterThan(20).noneMatch(name -> name.startsWith("shared-objects-async-"));
  }

  @Test
  @DisplayName("an executor already set by someone else, or the common pool, is not replaced")
  void otherExecutorsAreLeftAlone() {
    assertThat(HazelcastInternals.startsThreadPerTask(ForkJoinPool.commonPool())).isFalse();
    assertThat(HazelcastInternals.startsThreadPerTask(Runnable::run)).isFalse();
    assertThat(HazelcastInternals.startsThreadPerTask(com.hazelcast.internal.util.ConcurrencyUtil.CALLER_RUNS)).isFalse();
  }

  private static List<String> completionThreads(String... extraOptions) {
    List<String> options = new ArrayList<>(List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1",
        "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk"));
    options.addAll(List.of(extraOptions));
    try (JavaProcess child = JavaProcess.builder(AsyncCalls.class)
        .jvmOptions(options.toArray(String[]::new))
        .args("async-" + UUID.randomUUID())
        .start()) {
      String line = child.awaitOutputLine(l -> l.startsWith("THREADS "), BOUND);
      String names = line.substring("THREADS ".length()).trim();
      return names.isEmpty() ? List.of() : List.of(names.split(","));
    }
  }

  /**
   * The child: 300 reads in flight on an embedded member; prints the distinct threads, other than the calling
   * one, that completed them.
   */
  public static final class AsyncCalls {
    public static void main(String[] args) {
      try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder().clusterName(args[0]).port(0).embedded()) {
        SharedDict<Integer, String> dict = shared.dict("async");
        dict.put(1, "one");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Thread caller = Thread.currentThread();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          // A call already answered when thenRun is attached runs it on this thread; the rest are completions.
          calls.add(dict.getAsync(1).thenRun(() -> {
            if (Thread.currentThread() != caller) {
              threads.add(Thread.currentThread().getName());
            }
          }).toCompletableFuture());
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        System.out.println("THREADS " + String.join(",", threads));
        System.out.flush();
      }
    }
  }
}
