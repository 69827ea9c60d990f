package io.sharedobjects.spring;

import io.sharedobjects.SharedObjects;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sharedObjects} health indicator, when Spring Boot's health support is on the classpath
 * ({@code spring-boot-starter-actuator} brings it) and the context has one {@link SharedObjects} bean (the
 * auto-configured one or the application's own). Off with
 * {@code management.health.shared-objects.enabled=false} (or {@code management.health.defaults.enabled=false});
 * a bean of the application's own named {@code sharedObjectsHealthIndicator} replaces it. See
 * {@code SharedObjectsHealthIndicator} for what it reports.
 */
@AutoConfiguration(after = SharedObjectsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnSingleCandidate(SharedObjects.class)
public final class SharedObjectsHealthAutoConfiguration {

  /** The enabled check is here, not on the class: its condition class is loadable only once the class check passed. */
  @Bean
  @ConditionalOnEnabledHealthIndicator("shared-objects")
  @ConditionalOnMissingBean(name = "sharedObjectsHealthIndicator")
  HealthIndicator sharedObjectsHealthIndicator(SharedObjects sharedObjects) {
    return new SharedObjectsHealthIndicator(sharedObjects);
  }
}
