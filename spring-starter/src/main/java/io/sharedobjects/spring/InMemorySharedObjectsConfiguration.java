package io.sharedobjects.spring;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code shared-objects.backend=in-memory}: objects in this JVM only; needs nothing but core. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBackend(SharedObjectsBackend.IN_MEMORY)
class InMemorySharedObjectsConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(SharedObjects.class)
  InMemorySharedObjects sharedObjects() {
    return new InMemorySharedObjects();
  }
}
