package io.sharedobjects.spring;

import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.hazelcast.SharedObjectsSpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code shared-objects.backend=hazelcast} (the default): over the application's {@link HazelcastInstance}
 * bean if it has exactly one, else an embedded member or a client started from the properties. The
 * properties are parsed by the adapter's {@link SharedObjectsSpec}; then every
 * {@link SharedObjectsBuilderCustomizer} bean changes the builder.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({HazelcastInstance.class, HazelcastSharedObjects.class})
@ConditionalOnBackend(SharedObjectsBackend.HAZELCAST)
@Import({HazelcastSharedObjectsConfiguration.ExistingInstance.class, HazelcastSharedObjectsConfiguration.Started.class})
class HazelcastSharedObjectsConfiguration {

  /**
   * Reuses the one {@link HazelcastInstance} bean (the application's, or the one Spring Boot's Hazelcast
   * auto-configuration made): {@code close()} of a wrapped instance leaves it running, so whoever made it
   * shuts it down.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnSingleCandidate(HazelcastInstance.class)
  static class ExistingInstance {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SharedObjects.class)
    HazelcastSharedObjects sharedObjects(HazelcastInstance hazelcast, SharedObjectsProperties properties,
        ObjectProvider<SharedObjectsBuilderCustomizer> customizers) {
      return builder(spec(properties), customizers).wrap(hazelcast);
    }
  }

  /** Starts an embedded member or a client, shut down with the context. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(HazelcastInstance.class)
  static class Started {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SharedObjects.class)
    HazelcastSharedObjects sharedObjects(SharedObjectsProperties properties,
        ObjectProvider<SharedObjectsBuilderCustomizer> customizers) {
      SharedObjectsSpec spec = spec(properties);
      return spec.start(builder(spec, customizers));
    }
  }

  /**
   * The properties, parsed and checked by the adapter's parser.
   *
   * @throws IllegalArgumentException naming the property, its value and what is allowed
   */
  static SharedObjectsSpec spec(SharedObjectsProperties properties) {
    return SharedObjectsSpec.parse(properties.hazelcastSettings(), key -> "property " + SharedObjectsSpec.property(key));
  }

  /** A builder with the spec's options, then changed by each customizer bean in order. */
  static HazelcastSharedObjectsBuilder builder(SharedObjectsSpec spec,
      ObjectProvider<SharedObjectsBuilderCustomizer> customizers) {
    HazelcastSharedObjectsBuilder builder = spec.applyTo(HazelcastSharedObjects.builder());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder;
  }
}
