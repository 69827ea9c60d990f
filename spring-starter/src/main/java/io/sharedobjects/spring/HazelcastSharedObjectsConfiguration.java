package io.sharedobjects.spring;

import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.hazelcast.LockBackend;
import io.sharedobjects.spring.SharedObjectsProperties.Backend;
import io.sharedobjects.spring.SharedObjectsProperties.Mode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code shared-objects.backend=hazelcast} (the default): over the application's {@link HazelcastInstance}
 * bean if it has exactly one, else an embedded member or a client started from the properties.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({HazelcastInstance.class, HazelcastSharedObjects.class})
@ConditionalOnBackend(Backend.HAZELCAST)
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
    HazelcastSharedObjects sharedObjects(HazelcastInstance hazelcast, SharedObjectsProperties properties) {
      return options(properties).wrap(hazelcast);
    }
  }

  /** Starts an embedded member or a client, shut down with the context. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(HazelcastInstance.class)
  static class Started {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SharedObjects.class)
    HazelcastSharedObjects sharedObjects(SharedObjectsProperties properties) {
      HazelcastSharedObjectsBuilder builder = options(properties);
      if (properties.getClusterName() != null) {
        builder.clusterName(properties.getClusterName());
      }
      if (properties.getPort() != null) {
        builder.port(properties.getPort());
      }
      String[] addresses = properties.getAddresses().stream().map(String::trim).filter(a -> !a.isEmpty()).toArray(String[]::new);
      if (properties.getMode() == Mode.CLIENT) {
        if (addresses.length == 0) {
          throw new InvalidConfigurationPropertyValueException("shared-objects.addresses", "",
              "shared-objects.mode=client needs the address of at least one member, such as 127.0.0.1:5701.");
        }
        return builder.client(addresses);
      }
      if (addresses.length > 0) {
        builder.members(addresses);
      }
      return builder.embedded();
    }
  }

  /** The options that apply to wrapped and started instances alike. */
  static HazelcastSharedObjectsBuilder options(SharedObjectsProperties properties) {
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder()
        .lockBackend(LockBackend.valueOf(properties.getLockBackend().name()));
    if (properties.getConnectTimeout() != null) {
      builder.connectTimeout(properties.getConnectTimeout());
    }
    return builder;
  }
}
