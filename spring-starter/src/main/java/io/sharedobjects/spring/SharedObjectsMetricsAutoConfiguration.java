package io.sharedobjects.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the auto-configured Hazelcast {@link SharedObjects}, when Micrometer and a
 * {@link MeterRegistry} bean are there (Spring Boot's metrics auto-configuration makes one): a
 * {@link SharedObjectsBuilderCustomizer} sets {@code SharedObjectsMeters} as the builder's observer. The
 * meters, their tags and how to turn them off are in {@code SharedObjectsMeters}. A {@code SharedObjects}
 * bean of the application's own is not observed (its builder is not ours); the in-memory backend has no
 * meters. Exclude this class to remove the observer altogether.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, HazelcastSharedObjects.class})
@ConditionalOnBean(MeterRegistry.class)
public final class SharedObjectsMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SharedObjectsMeters sharedObjectsMeters(MeterRegistry registry, ObjectProvider<SharedObjects> sharedObjects) {
    return new SharedObjectsMeters(registry, sharedObjects);
  }

  @Bean
  SharedObjectsBuilderCustomizer sharedObjectsMetricsCustomizer(SharedObjectsMeters meters) {
    return builder -> builder.observer(meters);
  }
}
