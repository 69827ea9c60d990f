package io.sharedobjects.spring.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.spring.SharedObjectsAutoConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

/** When the lock registry is auto-configured, and when it backs off. */
class SharedObjectsLockRegistryAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          SharedObjectsLockRegistryAutoConfiguration.class, SharedObjectsAutoConfiguration.class))
      .withPropertyValues("shared-objects.backend=in-memory");

  @Test
  @DisplayName("with a SharedObjects bean, the context has one LockRegistry: a SharedObjectsLockRegistry over that bean, prefix lock-registry")
  void configuredOverSharedObjects() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(LockRegistry.class);
      SharedObjectsLockRegistry registry = context.getBean(SharedObjectsLockRegistry.class);
      assertThat(registry.prefix()).isEqualTo("lock-registry");
      SharedObjects shared = context.getBean(SharedObjects.class);
      registry.obtain("job").lock();
      try {
        assertThat(shared.lock("lock-registry/job").isHeldByCurrentThread()).isTrue();
      } finally {
        registry.obtain("job").unlock();
      }
    });
  }

  @Test
  @DisplayName("a LockRegistry bean of the application's own wins: the auto-configuration backs off")
  void backsOffForOwnRegistry() {
    runner.withBean("myRegistry", LockRegistry.class, DefaultLockRegistry::new).run(context -> {
      assertThat(context).hasSingleBean(LockRegistry.class);
      assertThat(context).doesNotHaveBean(SharedObjectsLockRegistry.class);
    });
    runner.withBean("billingLocks", SharedObjectsLockRegistry.class,
        () -> new SharedObjectsLockRegistry(new io.sharedobjects.inmemory.InMemorySharedObjects(), "billing"))
        .run(context -> assertThat(context.getBean(SharedObjectsLockRegistry.class).prefix()).isEqualTo("billing"));
  }

  @Test
  @DisplayName("without a SharedObjects bean (shared-objects.enabled=false), no lock registry is configured")
  void nothingWithoutSharedObjects() {
    runner.withPropertyValues("shared-objects.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(LockRegistry.class);
    });
  }

  @Test
  @DisplayName("the module's jar lists the auto-configuration for Spring Boot to find")
  void listedInImports() {
    assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
        .contains(SharedObjectsLockRegistryAutoConfiguration.class.getName(), SharedObjectsAutoConfiguration.class.getName());
  }
}
