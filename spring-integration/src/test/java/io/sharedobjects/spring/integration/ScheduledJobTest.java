package io.sharedobjects.spring.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import io.sharedobjects.spring.SharedObjectsAutoConfiguration;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The common use, as docs/injection.md shows it: a {@code @Scheduled} job in two instances of an application
 * (two application contexts over two peers of one backend), which only one instance runs at a time; the
 * other skips that turn.
 */
class ScheduledJobTest {

  /** Bound of the whole run; long only to survive a loaded machine. */
  private static final long BOUND_SECONDS = 60;
  private static final int RUNS = 20;

  /** What both instances report to: shared by the two contexts, as a test probe. */
  static final class Probe {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger mostInside = new AtomicInteger();
    final AtomicInteger runsA = new AtomicInteger();
    final AtomicInteger runsB = new AtomicInteger();
    final CountDownLatch runs = new CountDownLatch(RUNS);
    final CountDownLatch skipped = new CountDownLatch(1);
  }

  /** The job as an application writes it: the lock, then the work; a turn whose lock is taken is skipped. */
  static final class ReportJob {
    private final LockRegistry<?> locks;
    private final Probe probe;
    private final String instance;

    ReportJob(LockRegistry<?> locks, Probe probe, String instance) {
      this.locks = locks;
      this.probe = probe;
      this.instance = instance;
    }

    @Scheduled(fixedDelay = 10)
    void report() throws InterruptedException {
      try {
        locks.executeLocked("report", Duration.ZERO, this::build);
      } catch (TimeoutException anotherInstanceRunsIt) {
        probe.skipped.countDown();
      }
    }

    private void build() throws InterruptedException {
      probe.mostInside.accumulateAndGet(probe.inside.incrementAndGet(), Math::max);
      try {
        Thread.sleep(30); // the work: long enough that the other instance's turn comes while it runs
      } finally {
        probe.inside.decrementAndGet();
      }
      (instance.equals("a") ? probe.runsA : probe.runsB).incrementAndGet();
      probe.runs.countDown();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  static class Application {
    @Bean
    ReportJob reportJob(LockRegistry<?> locks, Probe probe, @Value("${app.instance}") String instance) {
      return new ReportJob(locks, probe, instance);
    }
  }

  private static ApplicationContextRunner instance(String name, Probe probe) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            SharedObjectsAutoConfiguration.class, SharedObjectsLockRegistryAutoConfiguration.class))
        .withUserConfiguration(Application.class)
        .withBean(Probe.class, () -> probe)
        .withPropertyValues("app.instance=" + name);
  }

  private static void assertOneAtATime(Probe probe) throws InterruptedException {
    assertThat(probe.runs.await(BOUND_SECONDS, TimeUnit.SECONDS)).as("%d runs", RUNS).isTrue();
    assertThat(probe.mostInside.get()).as("instances running the job at once").isEqualTo(1);
    // The turns did meet: one instance found the job running and skipped (without the lock, none would).
    assertThat(probe.skipped.await(BOUND_SECONDS, TimeUnit.SECONDS)).as("a turn skipped").isTrue();
    System.out.printf("scheduled job: runs by a %d, by b %d, at most %d at once%n",
        probe.runsA.get(), probe.runsB.get(), probe.mostInside.get());
  }

  @Test
  @DisplayName("in memory: two application instances over two peers never run the scheduled job at the same time")
  void inMemoryPeers() {
    Probe probe = new Probe();
    try (InMemorySharedObjects first = new InMemorySharedObjects(); InMemorySharedObjects second = first.peer()) {
      instance("a", probe).withBean(SharedObjects.class, () -> first).run(a ->
          instance("b", probe).withBean(SharedObjects.class, () -> second).run(b -> {
            assertThat(a).hasNotFailed();
            assertThat(b).hasNotFailed();
            assertOneAtATime(probe);
          }));
    }
  }

  @Test
  @DisplayName("on Hazelcast: two application instances, each an embedded member of one cluster, never run the scheduled job at the same time")
  void embeddedPair() {
    Probe probe = new Probe();
    String cluster = "scheduled-job-" + UUID.randomUUID();
    instance("a", probe).withPropertyValues("shared-objects.cluster-name=" + cluster, "shared-objects.port=0")
        .run(a -> {
          assertThat(a).hasNotFailed();
          String address = ((HazelcastSharedObjects) a.getBean(SharedObjects.class)).address();
          instance("b", probe).withPropertyValues("shared-objects.cluster-name=" + cluster, "shared-objects.port=0",
              "shared-objects.addresses=" + address).run(b -> {
                assertThat(b).hasNotFailed();
                assertThat(((HazelcastSharedObjects) b.getBean(SharedObjects.class)).hazelcastInstance()
                    .getCluster().getMembers()).hasSize(2);
                assertOneAtATime(probe);
              });
        });
  }
}
