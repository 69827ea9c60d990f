package io.sharedobjects.spring;

import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;

/**
 * A bean that changes the {@link HazelcastSharedObjectsBuilder} of the auto-configured
 * {@code SharedObjects} after the {@code shared-objects.*} properties were applied and before the instance
 * starts (or wraps the application's {@code HazelcastInstance}): for what properties cannot express, such as
 * {@code builder.configureMember(config -> ...)} or {@code configureClient(...)}. Every such bean is applied,
 * in {@code @Order} / {@code Ordered} order, as Spring Boot applies its {@code *Customizer} beans.
 *
 * <pre>{@code
 * @Bean
 * SharedObjectsBuilderCustomizer backups() {
 *   return builder -> builder.configureMember(config -> config.getMapConfig("orders").setBackupCount(2));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SharedObjectsBuilderCustomizer {

  /** Changes {@code builder}; called once, on the thread that creates the {@code SharedObjects} bean. */
  void customize(HazelcastSharedObjectsBuilder builder);
}
