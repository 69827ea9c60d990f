package io.sharedobjects.spring;

import static io.sharedobjects.spring.TestHazelcast.uniqueClusterName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sharedobjects.NoQuorumException;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Micrometer meters with Micrometer and a {@link MeterRegistry} bean present: calls and failures by kind
 * and exception, lock and semaphore wait and hold times, queue sizes, and Micrometer's Hazelcast binder on
 * a member's dicts. Each context is an embedded member on a cluster of its own, port 0.
 */
@Timeout(120)
class SharedObjectsMetricsTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class,
          SharedObjectsMetricsAutoConfiguration.class))
      .withBean(SimpleMeterRegistry.class)
      .withPropertyValues("shared-objects.port=0");

  private ApplicationContextRunner member(String prefix) {
    return runner.withPropertyValues("shared-objects.cluster-name=" + uniqueClusterName(prefix));
  }

  @Test
  @DisplayName("shared.objects.calls: each call of an object, tagged with its kind, outcome and exception none")
  void calls() {
    member("metrics-calls").run(context -> {
      SharedObjects shared = context.getBean(SharedObjects.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      shared.<String, Integer>dict("prices").put("tea", 3);
      assertThat(shared.<String, Integer>dict("prices").get("tea")).isEqualTo(3);

      Timer dictCalls = registry.get("shared.objects.calls")
          .tags("kind", "dict", "outcome", "success", "exception", "none").timer();
      assertThat(dictCalls.count()).isGreaterThanOrEqualTo(2);
      assertThat(registry.find("shared.objects.calls").tag("outcome", "failure").timers()).isEmpty();
    });
  }

  @Test
  @DisplayName("a failed call is counted with outcome failure and its exception's simple name; its wait as not acquired")
  void failures() {
    member("metrics-failures").withPropertyValues("shared-objects.cluster-size=3").run(context -> {
      SharedLock lock = context.getBean(SharedObjects.class).lock("jobs");
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      assertThatThrownBy(lock::lock).isInstanceOf(NoQuorumException.class);

      assertThat(registry.get("shared.objects.calls")
          .tags("kind", "lock", "outcome", "failure", "exception", "NoQuorumException").timer().count()).isEqualTo(1);
      assertThat(registry.get("shared.objects.wait").tags("kind", "lock", "name", "jobs", "acquired", "false")
          .timer().count()).isEqualTo(1);
      assertThat(registry.find("shared.objects.hold").timers()).isEmpty();
    });
  }

  @Test
  @DisplayName("shared.objects.wait and .hold for a lock: one hold from the outermost lock to the last unlock")
  void lockTimes() {
    member("metrics-lock").run(context -> {
      SharedLock lock = context.getBean(SharedObjects.class).lock("jobs");
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      long before = System.nanoTime();
      lock.lock();
      lock.lock(); // reentrant: a second acquisition, the same hold
      lock.unlock();
      lock.unlock();
      long span = System.nanoTime() - before;

      Timer waits = registry.get("shared.objects.wait").tags("kind", "lock", "name", "jobs", "acquired", "true").timer();
      Timer holds = registry.get("shared.objects.hold").tags("kind", "lock", "name", "jobs").timer();
      assertThat(waits.count()).isEqualTo(2);
      assertThat(holds.count()).isEqualTo(1);
      assertThat(holds.totalTime(TimeUnit.NANOSECONDS)).isPositive().isLessThanOrEqualTo(span);

      // Another thread's try while the lock is held: waited, not acquired.
      try (SharedLock.Hold hold = lock.acquire()) {
        assertThat(CompletableFuture.supplyAsync(lock::tryLock).join()).isFalse();
      }
      assertThat(registry.get("shared.objects.wait").tags("kind", "lock", "name", "jobs", "acquired", "false")
          .timer().count()).isEqualTo(1);
      assertThat(holds.count()).isEqualTo(2);
    });
  }

  @Test
  @DisplayName("shared.objects.wait and .hold for a semaphore: each permit from its acquisition to a release")
  void semaphoreTimes() {
    member("metrics-semaphore").run(context -> {
      SharedSemaphore gpus = context.getBean(SharedObjects.class).semaphore("gpus", 1);
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      long before = System.nanoTime();
      gpus.acquire();
      assertThat(gpus.tryAcquire()).isFalse();
      gpus.release();
      long span = System.nanoTime() - before;

      assertThat(registry.get("shared.objects.wait").tags("kind", "semaphore", "name", "gpus", "acquired", "true")
          .timer().count()).isEqualTo(1);
      assertThat(registry.get("shared.objects.wait").tags("kind", "semaphore", "name", "gpus", "acquired", "false")
          .timer().count()).isEqualTo(1);
      Timer holds = registry.get("shared.objects.hold").tags("kind", "semaphore", "name", "gpus").timer();
      assertThat(holds.count()).isEqualTo(1);
      assertThat(holds.totalTime(TimeUnit.NANOSECONDS)).isPositive().isLessThanOrEqualTo(span);
    });
  }

  @Test
  @DisplayName("shared.objects.queue.size: a gauge per queue created through this instance")
  void queueSize() {
    member("metrics-queue").run(context -> {
      SharedQueue<String> jobs = context.getBean(SharedObjects.class).queue("jobs");
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      jobs.offer("a");
      jobs.offer("b");
      jobs.offer("c");
      assertThat(registry.get("shared.objects.queue.size").tag("name", "jobs").gauge().value()).isEqualTo(3.0);
      jobs.poll();
      assertThat(registry.get("shared.objects.queue.size").tag("name", "jobs").gauge().value()).isEqualTo(2.0);
    });
  }

  @Test
  @DisplayName("a member's dicts: Micrometer's HazelcastCacheMetrics, tagged cache=<dict name>")
  void dictCacheMetrics() {
    member("metrics-dict").run(context -> {
      SharedObjects shared = context.getBean(SharedObjects.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      shared.<String, Integer>dict("prices").put("tea", 3);

      FunctionCounter puts = registry.get("cache.puts").tag("cache", "prices").functionCounter();
      await().atMost(Duration.ofSeconds(10)).until(() -> puts.count() == 1.0);
      assertThat(registry.get("cache.size").tag("cache", "prices").gauge().value()).isEqualTo(1.0);
    });
  }

  @Test
  @DisplayName("no MeterRegistry bean, or the in-memory backend: no observer, objects handed out unwrapped")
  void noRegistry() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class,
            SharedObjectsMetricsAutoConfiguration.class))
        .withPropertyValues("shared-objects.port=0", "shared-objects.cluster-name=" + uniqueClusterName("metrics-none"))
        .run(context -> {
          assertThat(context).doesNotHaveBean(SharedObjectsMeters.class);
          assertThat(context.getBean(SharedObjects.class).lock("jobs").getClass().getSimpleName()).isEqualTo("MapSharedLock");
        });
    runner.withPropertyValues("shared-objects.backend=in-memory").run(context -> {
      assertThat(context.getBean(SharedObjects.class)).isInstanceOf(InMemorySharedObjects.class);
      context.getBean(SharedObjects.class).lock("jobs").lock();
      assertThat(context.getBean(MeterRegistry.class).find("shared.objects.wait").timers()).isEmpty();
    });
  }

  @Test
  @DisplayName("Micrometer absent from the classpath: no meters configured, the SharedObjects bean unchanged")
  void noMicrometer() {
    new ApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader("io.micrometer."))
        .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class,
            SharedObjectsMetricsAutoConfiguration.class))
        .withPropertyValues("shared-objects.port=0", "shared-objects.cluster-name=" + uniqueClusterName("metrics-absent"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(SharedObjects.class)
              .doesNotHaveBean(SharedObjectsMeters.class).doesNotHaveBean(SharedObjectsBuilderCustomizer.class);
          assertThat(context.getBean(SharedObjects.class).lock("jobs").getClass().getSimpleName()).isEqualTo("MapSharedLock");
        });
  }
}
