package io.sharedobjects.spring;

import static io.sharedobjects.spring.TestHazelcast.membersOf;
import static io.sharedobjects.spring.TestHazelcast.uniqueClusterName;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.LockBackend;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every condition of {@link SharedObjectsAutoConfiguration} with Hazelcast on the classpath. Each test that
 * starts Hazelcast uses a cluster name of its own and port 0 (the defaults, cluster "shared-objects" on port
 * 5701, would meet other programs on this machine).
 */
@Timeout(120)
class SharedObjectsAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class));

  /** A member the test itself starts, standing for the application's own instance or a remote cluster. */
  private static HazelcastSharedObjects testMember;

  @BeforeAll
  static void startMember() {
    testMember = HazelcastSharedObjects.builder().clusterName(uniqueClusterName("starter-test")).port(0).embedded();
  }

  @AfterAll
  static void stopMember() {
    if (testMember != null) {
      testMember.close();
    }
  }

  @AfterEach
  void onlyTheTestMemberRuns() {
    assertThat(Hazelcast.getAllHazelcastInstances()).containsExactly(testMember.hazelcastInstance());
  }

  @Test
  @DisplayName("by default: an embedded member, started with the context and shut down when it closes")
  void defaultEmbeddedMember() {
    String cluster = uniqueClusterName("starter-default");
    AtomicReference<HazelcastInstance> started = new AtomicReference<>();
    runner.withPropertyValues("shared-objects.cluster-name=" + cluster, "shared-objects.port=0").run(context -> {
      assertThat(context).hasSingleBean(SharedObjects.class).hasSingleBean(HazelcastSharedObjects.class);
      HazelcastSharedObjects shared = context.getBean(HazelcastSharedObjects.class);
      started.set(shared.hazelcastInstance());

      assertThat(shared.clusterName()).isEqualTo(cluster);
      assertThat(membersOf(cluster)).isEqualTo(1);
      assertThat(context.getBean(SharedObjectsProperties.class).getMode()).isEqualTo("embedded");
    });
    assertThat(started.get().getLifecycleService().isRunning()).isFalse();
    assertThat(membersOf(cluster)).isZero();
  }

  @Test
  @DisplayName("backend=in-memory: an InMemorySharedObjects and no Hazelcast member; closed with the context")
  void inMemory() {
    AtomicReference<SharedObjects> bean = new AtomicReference<>();
    runner.withPropertyValues("shared-objects.backend=in-memory").run(context -> {
      assertThat(context).hasSingleBean(InMemorySharedObjects.class).doesNotHaveBean(HazelcastSharedObjects.class);
      bean.set(context.getBean(SharedObjects.class));
      bean.get().dict("d").put("k", "v");
    });
    assertThat(bean.get()).hasToString("InMemorySharedObjects{closed}");
  }

  @Test
  @DisplayName("the backend is read with relaxed binding: IN_MEMORY works as in-memory does")
  void relaxedBackendName() {
    runner.withPropertyValues("shared-objects.backend=IN_MEMORY")
        .run(context -> assertThat(context).hasSingleBean(InMemorySharedObjects.class));
  }

  @Test
  @DisplayName("enabled=false: no SharedObjects bean")
  void disabled() {
    runner.withPropertyValues("shared-objects.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SharedObjects.class));
  }

  @Test
  @DisplayName("the application's own SharedObjects bean wins and nothing is started")
  void userBeanWins() {
    InMemorySharedObjects own = new InMemorySharedObjects();
    runner.withBean(SharedObjects.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(SharedObjects.class);
      assertThat(context.getBean(SharedObjects.class)).isSameAs(own);
    });
  }

  @Test
  @DisplayName("a single HazelcastInstance bean is reused, not joined by a second member, and left running")
  void existingInstanceReused() {
    HazelcastInstance own = testMember.hazelcastInstance();
    String cluster = testMember.clusterName();
    runner.withBean(HazelcastInstance.class, () -> own)
        .withPropertyValues("shared-objects.lock-backend=map")
        .run(context -> {
          HazelcastSharedObjects shared = context.getBean(HazelcastSharedObjects.class);
          assertThat(shared.hazelcastInstance()).isSameAs(own);
          assertThat(shared.lockBackend()).isEqualTo(LockBackend.MAP);
          assertThat(membersOf(cluster)).isEqualTo(1);
          shared.dict("reused").put("k", "v");
        });
    assertThat(own.getLifecycleService().isRunning()).isTrue();
    assertThat(testMember.<String, String>dict("reused").get("k")).isEqualTo("v");
  }

  @Test
  @DisplayName("of several HazelcastInstance beans the primary one is reused; without a primary it backs off")
  void severalInstances() {
    HazelcastInstance own = testMember.hazelcastInstance();
    runner.withBean("primary", HazelcastInstance.class, () -> own, definition -> definition.setPrimary(true))
        .withBean("other", HazelcastInstance.class, () -> own)
        .run(context -> assertThat(context.getBean(HazelcastSharedObjects.class).hazelcastInstance()).isSameAs(own));
    runner.withBean("one", HazelcastInstance.class, () -> own)
        .withBean("other", HazelcastInstance.class, () -> own)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SharedObjects.class));
    assertThat(own.getLifecycleService().isRunning()).isTrue();
  }

  @Test
  @DisplayName("runs after Spring Boot's Hazelcast auto-configuration and wraps the member it made")
  void afterBootHazelcastAutoConfiguration() {
    String cluster = uniqueClusterName("starter-boot");
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class, HazelcastAutoConfiguration.class))
        .withBean(Config.class, () -> TestHazelcast.memberConfig(cluster))
        .run(context -> {
          assertThat(context).hasSingleBean(HazelcastInstance.class).hasSingleBean(HazelcastSharedObjects.class);
          assertThat(context.getBean(HazelcastSharedObjects.class).hazelcastInstance())
              .isSameAs(context.getBean(HazelcastInstance.class));
          assertThat(membersOf(cluster)).isEqualTo(1);
        });
    // Boot shuts down the member it created; ours only wrapped it.
    assertThat(membersOf(cluster)).isZero();
  }

  @Test
  @DisplayName("mode=client connects to the given member; the client stops with the context, the member runs on")
  void clientMode() {
    AtomicReference<HazelcastInstance> client = new AtomicReference<>();
    runner.withPropertyValues(
            "shared-objects.mode=client",
            "shared-objects.cluster-name=" + testMember.clusterName(),
            "shared-objects.addresses=" + testMember.address(),
            "shared-objects.connect-timeout=20s")
        .run(context -> {
          HazelcastSharedObjects shared = context.getBean(HazelcastSharedObjects.class);
          client.set(shared.hazelcastInstance());
          assertThat(client.get()).isNotSameAs(testMember.hazelcastInstance());
          shared.dict("from-client").put("k", 1);
        });
    assertThat(client.get().getLifecycleService().isRunning()).isFalse();
    assertThat(testMember.<String, Integer>dict("from-client").get("k")).isEqualTo(1);
  }
}
