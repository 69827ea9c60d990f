package io.sharedobjects.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The module's Hazelcast factories against real members on 127.0.0.1: each test's members and clients use a
 * cluster name unique to this run and system-picked ports, and are shut down by the test.
 */
@Timeout(120)
class SharedObjectsModuleHazelcastTest {

  private static final String CLUSTER = "guice-module-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  /** A member the application started itself, as with {@link SharedObjectsModule#using}. */
  private static HazelcastSharedObjects applicationMember;

  @BeforeAll
  static void startMember() {
    applicationMember = HazelcastSharedObjects.builder().clusterName(CLUSTER).port(0).embedded();
  }

  @AfterAll
  static void stopMember() {
    if (applicationMember != null) {
      applicationMember.close();
    }
    assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
  }

  @Test
  @DisplayName("using(hz) injects SharedObjects over the application's member and never shuts it down")
  void usingLeavesTheInstanceRunning() {
    HazelcastInstance hazelcast = applicationMember.hazelcastInstance();
    Injector injector = Guice.createInjector(SharedObjectsModule.using(hazelcast));

    injector.getInstance(VisitCounter.class).visit("using");
    injector.getInstance(SharedObjectsLifecycle.class).close();

    assertThat(hazelcast.getLifecycleService().isRunning()).isTrue();
    assertThat(applicationMember.<String, Integer>dict("visits").get("using")).isEqualTo(1);
  }

  @Test
  @DisplayName("fromProperties in client mode connects to the member; closing the lifecycle shuts the client down")
  void clientFromSettings() {
    Injector injector = Guice.createInjector(SharedObjectsModule.fromProperties(Map.of(
        "shared-objects.mode", "client",
        "shared-objects.cluster-name", CLUSTER,
        "shared-objects.addresses", applicationMember.address(),
        "shared-objects.connect-timeout", "20s")));
    applicationMember.<String, Integer>dict("visits").put("client", 41);

    VisitCounter counter = injector.getInstance(VisitCounter.class);
    HazelcastInstance client = ((HazelcastSharedObjects) counter.sharedObjects()).hazelcastInstance();

    assertThat(counter.visit("client")).isEqualTo(42);
    injector.getInstance(SharedObjectsLifecycle.class).close();
    assertThat(client.getLifecycleService().isRunning()).isFalse();
    assertThat(applicationMember.hazelcastInstance().getLifecycleService().isRunning()).isTrue();
  }

  @Test
  @DisplayName("two injectors in one JVM, each with its own embedded member, share objects through one cluster")
  void twoInjectorsOneCluster() {
    String cluster = CLUSTER + "-pair";
    Injector first = Guice.createInjector(SharedObjectsModule.hazelcast(
        () -> HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()));
    HazelcastSharedObjects firstShared = (HazelcastSharedObjects) first.getInstance(SharedObjects.class);
    Injector second = Guice.createInjector(SharedObjectsModule.hazelcast(
        () -> HazelcastSharedObjects.builder().clusterName(cluster).port(0).members(firstShared.address()).embedded()));
    try {
      HazelcastSharedObjects secondShared = (HazelcastSharedObjects) second.getInstance(SharedObjects.class);
      awaitTrue(() -> firstShared.hazelcastInstance().getCluster().getMembers().size() == 2, "both members in one cluster");

      first.getInstance(VisitCounter.class).visit("pair");
      assertThat(second.getInstance(VisitCounter.class).visit("pair")).isEqualTo(2);
      assertThat(secondShared.hazelcastInstance()).isNotSameAs(firstShared.hazelcastInstance());
    } finally {
      second.getInstance(SharedObjectsLifecycle.class).close();
      first.getInstance(SharedObjectsLifecycle.class).close();
    }
    assertThat(Hazelcast.getAllHazelcastInstances()).extracting(i -> i.getConfig().getClusterName()).doesNotContain(cluster);
  }

  @Test
  @DisplayName("in Stage.PRODUCTION the embedded member starts with the injector and stops with the lifecycle")
  void eagerEmbeddedMember() {
    String cluster = CLUSTER + "-eager";
    Injector injector = Guice.createInjector(Stage.PRODUCTION, SharedObjectsModule.fromProperties(Map.of(
        "shared-objects.cluster-name", cluster,
        "shared-objects.port", "0",
        "shared-objects.lock-backend", "map")));

    assertThat(membersOf(cluster)).isEqualTo(1);
    HazelcastSharedObjects shared = (HazelcastSharedObjects) injector.getInstance(SharedObjects.class);
    assertThat(shared.clusterName()).isEqualTo(cluster);
    assertThat(shared.lockBackend()).hasToString("MAP");

    injector.getInstance(SharedObjectsLifecycle.class).close();
    assertThat(membersOf(cluster)).isZero();
  }

  @Test
  @DisplayName("customize(...) runs on the builder after the settings, in order, before the member starts")
  void customizeFromProperties() {
    String cluster = CLUSTER + "-customized";
    Injector injector = Guice.createInjector(SharedObjectsModule.fromProperties(Map.of(
            "shared-objects.cluster-name", CLUSTER + "-from-properties",
            "shared-objects.port", "0"))
        .customize(builder -> builder.clusterName(cluster))
        .customize(builder -> builder.configureMember(config -> config.setProperty("test.customized", config.getClusterName()))));
    try {
      HazelcastSharedObjects shared = (HazelcastSharedObjects) injector.getInstance(SharedObjects.class);

      assertThat(shared.clusterName()).isEqualTo(cluster);
      // The member customizer ran after the builder filled in the configuration, the first customizer's name included.
      assertThat(shared.hazelcastInstance().getConfig().getProperty("test.customized")).isEqualTo(cluster);
    } finally {
      injector.getInstance(SharedObjectsLifecycle.class).close();
    }
    assertThat(membersOf(cluster)).isZero();
  }

  @Test
  @DisplayName("customize(...) on using(hz) sets the options that apply to a wrapped instance")
  void customizeWrapped() {
    Injector injector = Guice.createInjector(
        SharedObjectsModule.using(applicationMember.hazelcastInstance()).customize(builder -> builder.maxValueSize(1234)));

    HazelcastSharedObjects shared = (HazelcastSharedObjects) injector.getInstance(SharedObjects.class);

    assertThat(shared.maxValueSize()).isEqualTo(1234);
    assertThat(applicationMember.maxValueSize()).isNotEqualTo(1234);
    injector.getInstance(SharedObjectsLifecycle.class).close();
    assertThat(applicationMember.hazelcastInstance().getLifecycleService().isRunning()).isTrue();
  }

  private static long membersOf(String cluster) {
    return Hazelcast.getAllHazelcastInstances().stream()
        .filter(instance -> instance.getConfig().getClusterName().equals(cluster))
        .count();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
