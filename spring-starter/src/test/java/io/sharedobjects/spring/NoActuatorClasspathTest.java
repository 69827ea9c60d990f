package io.sharedobjects.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedObjects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A classpath without Spring Boot's health support and without Micrometer: neither is configured. */
class NoActuatorClasspathTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withClassLoader(new FilteredClassLoader("org.springframework.boot.health.", "io.micrometer."))
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class,
          SharedObjectsHealthAutoConfiguration.class, SharedObjectsMetricsAutoConfiguration.class));

  @Test
  @DisplayName("no health support and no Micrometer: the SharedObjects bean alone, no indicator, no meters")
  void neither() {
    runner.withPropertyValues("shared-objects.backend=in-memory").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(SharedObjects.class)
          .doesNotHaveBean("sharedObjectsHealthIndicator")
          .doesNotHaveBean(SharedObjectsMeters.class)
          .doesNotHaveBean(SharedObjectsBuilderCustomizer.class);
    });
  }

  @Test
  @DisplayName("without Hazelcast but with health support: the in-memory backend's indicator still works")
  void healthWithoutHazelcast() {
    new ApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader("com.hazelcast.", "io.sharedobjects.hazelcast.", "io.micrometer."))
        .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class,
            SharedObjectsHealthAutoConfiguration.class, SharedObjectsMetricsAutoConfiguration.class))
        .withPropertyValues("shared-objects.backend=in-memory")
        .run(context -> assertThat(context).hasNotFailed().hasBean("sharedObjectsHealthIndicator")
            .doesNotHaveBean(SharedObjectsMeters.class));
  }
}
