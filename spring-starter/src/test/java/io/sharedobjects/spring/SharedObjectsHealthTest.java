package io.sharedobjects.spring;

import static io.sharedobjects.spring.TestHazelcast.uniqueClusterName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code sharedObjects} health indicator with Spring Boot's health support on the classpath: what it
 * reports for each backend and mode, when it is DOWN, that it never waits, and how it is turned off.
 */
@Timeout(120)
class SharedObjectsHealthTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class,
          SharedObjectsHealthAutoConfiguration.class));

  private static Health health(org.springframework.context.ApplicationContext context) {
    return context.getBean("sharedObjectsHealthIndicator", HealthIndicator.class).health();
  }

  @Test
  @DisplayName("in-memory backend: UP, backend in-memory")
  void inMemory() {
    runner.withPropertyValues("shared-objects.backend=in-memory").run(context -> {
      Health health = health(context);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsExactly(Map.entry("backend", "in-memory"));
    });
  }

  @Test
  @DisplayName("embedded member: UP with backend, mode, cluster name, members seen and the lock backend once chosen")
  void embeddedMember() {
    String cluster = uniqueClusterName("health-member");
    runner.withPropertyValues("shared-objects.cluster-name=" + cluster, "shared-objects.port=0").run(context -> {
      Health health = health(context);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("backend", "hazelcast").containsEntry("mode", "member")
          .containsEntry("wrapped", false).containsEntry("clusterName", cluster).containsEntry("membersSeen", 1)
          .containsEntry("lockBackend", "auto (not chosen yet)").doesNotContainKeys("clusterSize", "reason");

      context.getBean(SharedObjects.class).lock("jobs"); // probes the backend: open source has no CP Subsystem
      assertThat(health(context).getDetails()).containsEntry("lockBackend", "map");
    });
  }

  @Test
  @DisplayName("members seen below clusterSize / 2 + 1: DOWN, naming members seen, cluster size and majority")
  void noQuorum() {
    runner.withPropertyValues("shared-objects.cluster-name=" + uniqueClusterName("health-quorum"),
        "shared-objects.port=0", "shared-objects.cluster-size=3").run(context -> {
          Health health = health(context);
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsEntry("membersSeen", 1).containsEntry("clusterSize", 3)
              .containsEntry("majority", 2);
          assertThat((String) health.getDetails().get("reason")).startsWith("no quorum: sees 1 of 3 members, needs 2");
        });
  }

  @Test
  @DisplayName("a declared cluster of one: a majority is the member itself, UP")
  void clusterOfOne() {
    runner.withPropertyValues("shared-objects.cluster-name=" + uniqueClusterName("health-one"),
        "shared-objects.port=0", "shared-objects.cluster-size=1").run(context -> {
          assertThat(health(context).getStatus()).isEqualTo(Status.UP);
          assertThat(health(context).getDetails()).containsEntry("clusterSize", 1).containsEntry("majority", 1);
        });
  }

  @Test
  @DisplayName("a client: UP while connected; DOWN once its cluster is gone, and the check still answers at once")
  void clientLosesCluster() {
    String cluster = uniqueClusterName("health-client");
    HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
    try {
      runner.withPropertyValues("shared-objects.mode=client", "shared-objects.cluster-name=" + cluster,
          "shared-objects.addresses=" + member.address(), "shared-objects.connect-timeout=10s").run(context -> {
            Health up = health(context);
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("mode", "client").containsEntry("membersSeen", 1);

            member.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> health(context).getStatus().equals(Status.DOWN));

            long start = System.nanoTime();
            Health down = health(context);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) down.getDetails().get("reason")).startsWith("not connected to the cluster");
            assertThat(millis).as("a health check of a disconnected client waits for nothing (10 s timeout)")
                .isLessThan(1_000);
          });
    } finally {
      member.close();
    }
  }

  @Test
  @DisplayName("a closed SharedObjects is DOWN")
  void closed() {
    runner.withPropertyValues("shared-objects.cluster-name=" + uniqueClusterName("health-closed"),
        "shared-objects.port=0").run(context -> {
          context.getBean(SharedObjects.class).close();
          assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
        });
  }

  @Test
  @DisplayName("management.health.shared-objects.enabled=false: no indicator")
  void disabled() {
    runner.withPropertyValues("shared-objects.backend=in-memory", "management.health.shared-objects.enabled=false")
        .run(context -> assertThat(context).hasSingleBean(SharedObjects.class)
            .doesNotHaveBean("sharedObjectsHealthIndicator"));
  }

  @Test
  @DisplayName("an indicator of the application's own named sharedObjectsHealthIndicator replaces ours")
  void ownIndicatorWins() {
    HealthIndicator own = () -> Health.outOfService().build();
    runner.withPropertyValues("shared-objects.backend=in-memory")
        .withBean("sharedObjectsHealthIndicator", HealthIndicator.class, () -> own)
        .run(context -> assertThat(health(context).getStatus()).isEqualTo(Status.OUT_OF_SERVICE));
  }

  @Test
  @DisplayName("the application's own SharedObjects bean gets the indicator too; no SharedObjects bean, none")
  void followsTheSharedObjectsBean() {
    runner.withBean(SharedObjects.class, InMemorySharedObjects::new)
        .run(context -> assertThat(health(context).getDetails()).containsEntry("backend", "in-memory"));
    runner.withPropertyValues("shared-objects.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("sharedObjectsHealthIndicator"));
  }
}
