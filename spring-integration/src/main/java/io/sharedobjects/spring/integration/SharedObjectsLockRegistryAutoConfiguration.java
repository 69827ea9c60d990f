package io.sharedobjects.spring.integration;

import io.sharedobjects.SharedObjects;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * Spring Boot auto-configuration of a {@link SharedObjectsLockRegistry} (prefix {@value
 * SharedObjectsLockRegistry#DEFAULT_PREFIX}) over the application's {@link SharedObjects} bean.
 *
 * <p>Runs after the starter's {@code SharedObjectsAutoConfiguration}; configures nothing when there is no
 * {@code SharedObjects} bean, or when the application defines a {@link LockRegistry} bean of its own (for
 * instance a {@code SharedObjectsLockRegistry} with another prefix).
 */
@AutoConfiguration(afterName = "io.sharedobjects.spring.SharedObjectsAutoConfiguration")
@ConditionalOnClass(LockRegistry.class)
public final class SharedObjectsLockRegistryAutoConfiguration {

  /** The registry over the application's {@code SharedObjects}. */
  @Bean
  @ConditionalOnBean(SharedObjects.class)
  @ConditionalOnMissingBean(LockRegistry.class)
  public SharedObjectsLockRegistry sharedObjectsLockRegistry(SharedObjects shared) {
    return new SharedObjectsLockRegistry(shared);
  }
}
