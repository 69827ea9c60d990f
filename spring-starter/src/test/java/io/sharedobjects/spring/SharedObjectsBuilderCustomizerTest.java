package io.sharedobjects.spring;

import static io.sharedobjects.spring.TestHazelcast.uniqueClusterName;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** {@link SharedObjectsBuilderCustomizer} beans: applied after the properties, in order, when starting or wrapping. */
@Timeout(120)
class SharedObjectsBuilderCustomizerTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class));

  @AfterEach
  void nothingLeftRunning() {
    assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
  }

  /** Two customizers that record their order; the later one sees what the earlier one set. */
  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    static final List<String> CALLS = new ArrayList<>();

    @Bean
    @Order(2)
    SharedObjectsBuilderCustomizer second() {
      return builder -> {
        CALLS.add("second");
        builder.configureMember(config -> config.setProperty("test.customized", config.getClusterName()));
      };
    }

    @Bean
    @Order(1)
    SharedObjectsBuilderCustomizer first() {
      return builder -> {
        CALLS.add("first");
        builder.clusterName(clusterName());
      };
    }

    static final String CLUSTER_NAME = uniqueClusterName("customized");

    static String clusterName() {
      return CLUSTER_NAME;
    }
  }

  @Test
  @DisplayName("customizers run in @Order after the properties: a customizer's cluster name wins over the property")
  void appliedAfterPropertiesInOrder() {
    Customizers.CALLS.clear();
    runner.withUserConfiguration(Customizers.class)
        .withPropertyValues("shared-objects.cluster-name=" + uniqueClusterName("from-properties"), "shared-objects.port=0")
        .run(context -> {
          HazelcastSharedObjects shared = context.getBean(HazelcastSharedObjects.class);
          assertThat(Customizers.CALLS).containsExactly("first", "second");
          assertThat(shared.clusterName()).isEqualTo(Customizers.clusterName());
          assertThat(shared.hazelcastInstance().getConfig().getProperty("test.customized")).isEqualTo(Customizers.clusterName());
        });
  }

  @Test
  @DisplayName("customizers also apply when the application's HazelcastInstance is wrapped")
  void appliedWhenWrapping() {
    try (HazelcastSharedObjects own = HazelcastSharedObjects.builder().clusterName(uniqueClusterName("wrapped")).port(0).embedded()) {
      runner.withBean(com.hazelcast.core.HazelcastInstance.class, own::hazelcastInstance)
          .withBean(SharedObjectsBuilderCustomizer.class, () -> builder -> builder.maxValueSize(4321))
          .run(context -> {
            HazelcastSharedObjects shared = context.getBean(HazelcastSharedObjects.class);
            assertThat(shared.hazelcastInstance()).isSameAs(own.hazelcastInstance());
            assertThat(shared.maxValueSize()).isEqualTo(4321);
          });
    }
  }
}
