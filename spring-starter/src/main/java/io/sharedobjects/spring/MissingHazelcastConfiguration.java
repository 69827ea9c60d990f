package io.sharedobjects.spring;

import io.sharedobjects.SharedObjects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Hazelcast backend is chosen (it is the default) but the adapter was excluded from the classpath: fail at
 * start with the fix, rather than later with "no bean of type SharedObjects".
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass("io.sharedobjects.hazelcast.HazelcastSharedObjects")
@ConditionalOnBackend(SharedObjectsBackend.HAZELCAST)
class MissingHazelcastConfiguration {

  @Bean
  @ConditionalOnMissingBean(SharedObjects.class)
  SharedObjects sharedObjects() {
    throw new InvalidConfigurationPropertyValueException(OnBackendCondition.PROPERTY, "hazelcast",
        "The Hazelcast backend (the default) needs io.sharedobjects:shared-objects-hazelcast on the classpath."
            + " Add it, set shared-objects.backend=in-memory, or define your own SharedObjects bean.");
  }
}
