package io.sharedobjects.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bad {@code shared-objects.*} value stops the context with a message that names the setting. */
class InvalidPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SharedObjectsAutoConfiguration.class));

  @AfterEach
  void nothingStarted() {
    assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "shared-objects.backend=redis          | shared-objects.backend   | Allowed values: hazelcast, in-memory",
      "shared-objects.mode=server            | shared-objects.mode      | server",
      "shared-objects.port=70000             | shared-objects.port      | 0 to 65535",
      "shared-objects.connect-timeout=soon   | shared-objects.connect-timeout | soon",
      "shared-objects.connect-timeout=0s     | shared-objects.connect-timeout | must be positive",
      "shared-objects.lock-backend=raft      | shared-objects.lock-backend | raft",
      "shared-objects.mode=client            | shared-objects.addresses | needs the address of at least one member"})
  void badValue(String setting, String property, String explanation) {
    // Safe values first, so that a test that wrongly passes starts no member on the default cluster and port.
    runner.withPropertyValues("shared-objects.port=0", "shared-objects.cluster-name=" + TestHazelcast.uniqueClusterName("invalid"))
        .withPropertyValues(setting)
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(messages(context.getStartupFailure())).contains(property).contains(explanation);
        });
  }

  /** The messages of the failure and all its causes, as a user reads them in a log. */
  private static String messages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
    }
    return text.toString();
  }
}
