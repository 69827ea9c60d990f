package io.sharedobjects.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A classpath without Hazelcast and without the adapter, as when an application excludes both. */
class NoHazelcastClasspathTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withClassLoader(new FilteredClassLoader("com.hazelcast.", "io.sharedobjects.hazelcast."))
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class));

  @AfterEach
  void noMember() {
    assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
  }

  @Test
  @DisplayName("backend=in-memory works with no Hazelcast on the classpath")
  void inMemory() {
    runner.withPropertyValues("shared-objects.backend=in-memory").run(context -> {
      assertThat(context).hasSingleBean(SharedObjects.class);
      assertThat(context.getBean(SharedObjects.class)).isInstanceOf(InMemorySharedObjects.class);
    });
  }

  @Test
  @DisplayName("the default backend fails at start with the fix: add the adapter or choose in-memory")
  void hazelcastMissing() {
    runner.run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("io.sharedobjects:shared-objects-hazelcast")
          .hasMessageContaining("shared-objects.backend=in-memory");
    });
  }

  @Test
  @DisplayName("the application's own SharedObjects bean still wins")
  void userBeanWins() {
    runner.withBean(SharedObjects.class, InMemorySharedObjects::new)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SharedObjects.class));
  }
}
