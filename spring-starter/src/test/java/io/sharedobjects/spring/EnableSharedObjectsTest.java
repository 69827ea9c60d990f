package io.sharedobjects.spring;

import static io.sharedobjects.spring.TestHazelcast.membersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/** {@link EnableSharedObjects} in plain Spring: an {@code AnnotationConfigApplicationContext}, no Boot. */
class EnableSharedObjectsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableSharedObjects
  static class PlainApplication {}

  @Configuration(proxyBeanMethods = false)
  @EnableSharedObjects
  static class ApplicationWithOwnBean {
    @Bean
    SharedObjects mySharedObjects() {
      return new InMemorySharedObjects();
    }
  }

  private static AnnotationConfigApplicationContext start(Class<?> configuration, Map<String, Object> properties) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
    context.register(configuration);
    context.refresh();
    return context;
  }

  @Test
  @DisplayName("configures SharedObjects from the environment's shared-objects.* properties and closes it")
  void inMemoryFromProperties() {
    SharedObjects shared;
    try (AnnotationConfigApplicationContext context = start(PlainApplication.class, Map.of("shared-objects.backend", "in-memory"))) {
      shared = context.getBean(SharedObjects.class);
      assertThat(shared).isInstanceOf(InMemorySharedObjects.class);
      assertThat(context.getBean(SharedObjectsProperties.class).getBackend()).isEqualTo(SharedObjectsBackend.IN_MEMORY);
    }
    assertThatThrownBy(() -> shared.dict("d")).isInstanceOf(SharedObjectsClosedException.class);
  }

  @Test
  @DisplayName("starts an embedded member and shuts it down with the context")
  void embeddedMember() {
    String cluster = TestHazelcast.uniqueClusterName("enable-test");
    try (AnnotationConfigApplicationContext context =
        start(PlainApplication.class, Map.of("shared-objects.cluster-name", cluster, "shared-objects.port", "0"))) {
      assertThat(context.getBean(SharedObjects.class)).isInstanceOf(HazelcastSharedObjects.class);
      assertThat(membersOf(cluster)).isEqualTo(1);
    }
    assertThat(membersOf(cluster)).isZero();
  }

  @Test
  @DisplayName("a SharedObjects bean of the application's configuration wins: the import is deferred")
  void ownBeanWins() {
    try (AnnotationConfigApplicationContext context = start(ApplicationWithOwnBean.class, Map.of())) {
      assertThat(context.getBeansOfType(SharedObjects.class)).containsOnlyKeys("mySharedObjects");
    }
  }
}
