package io.sharedobjects.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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
      "shared-objects.backend=redis          | shared-objects.backend   | allowed values: hazelcast, in-memory",
      "shared-objects.mode=server            | shared-objects.mode      | server",
      "shared-objects.port=70000             | shared-objects.port      | 0 to 65535",
      "shared-objects.connect-timeout=soon   | shared-objects.connect-timeout | soon",
      "shared-objects.connect-timeout=0s     | shared-objects.connect-timeout | must be positive",
      "shared-objects.lock-backend=raft      | shared-objects.lock-backend | raft",
      "shared-objects.mode=client            | shared-objects.addresses | needs the address of at least one member",
      "shared-objects.port=five              | shared-objects.port      | allowed values: a whole number",
      "shared-objects.lock-lease=0s          | shared-objects.lock-lease | lockLease must be positive",
      "shared-objects.owner-cleanup-timeout=PT-1S | shared-objects.owner-cleanup-timeout | ownerCleanupTimeout must be zero or positive",
      "shared-objects.max-value-size=lots    | shared-objects.max-value-size | allowed values: a size in bytes",
      "shared-objects.near-cache=a**b        | shared-objects.near-cache | may hold one '*', not more",
      "shared-objects.cluster-size=three     | shared-objects.cluster-size | allowed values: a whole number, such as 3",
      "shared-objects.cluster-size=14        | shared-objects.cluster-size | clusterSize must be 1 to 13 members",
      "shared-objects.majority-for-data=yes  | shared-objects.majority-for-data | invalid value 'yes' for property shared-objects.majority-for-data; allowed values: true, false.",
      "shared-objects.confirmed-writes=1     | shared-objects.confirmed-writes | invalid value '1' for property shared-objects.confirmed-writes; allowed values: true, false.",
      "shared-objects.merge-policy=latest    | shared-objects.merge-policy | allowed values: larger-side-wins, smaller-side-wins, discard-smaller-side",
      "shared-objects.bind-address=192.0.2.1 | shared-objects.auth-key  | a member bound to 192.0.2.1 can be reached from other machines",
      "shared-objects.auth-key=base64:c2hvcnQ= | invalid value '(hidden)' for property shared-objects.auth-key | at least 16 bytes",
      "shared-objects.unauthenticated=maybe  | shared-objects.unauthenticated | allowed values: true, false"})
  void badValue(String setting, String property, String explanation) {
    safe().withPropertyValues(setting)
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(messages(context.getStartupFailure())).contains(property).contains(explanation);
        });
  }

  @Test
  @DisplayName("unauthenticated=true lets a member bound beyond loopback start: one this machine lacks then fails as such")
  void unauthenticatedBindAddress() {
    safe().withPropertyValues("shared-objects.unauthenticated=true", "shared-objects.bind-address=192.0.2.1")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(messages(context.getStartupFailure())).contains("bindAddress 192.0.2.1")
              .contains("not an address of this machine");
        });
  }

  @Test
  @DisplayName("a typo in the mode gets the parser's wording, not Spring's enum conversion error")
  void modeTypo() {
    safe().withPropertyValues("shared-objects.mode=clinet").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class)
          .hasMessage("shared-objects: invalid value 'clinet' for property shared-objects.mode; allowed values: embedded, client.");
    });
  }

  @Test
  @DisplayName("SHARED_OBJECTS_MODE in the environment is read as shared-objects.mode, and checked the same way")
  void modeTypoFromEnvironment() {
    safe().withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SHARED_OBJECTS_MODE", "clinet"))))
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .hasMessage("shared-objects: invalid value 'clinet' for property shared-objects.mode; allowed values: embedded, client.");
        });
  }

  /** Safe values first, so that a test that wrongly passes starts no member on the default cluster and port. */
  private ApplicationContextRunner safe() {
    return runner.withPropertyValues("shared-objects.port=0", "shared-objects.cluster-name=" + TestHazelcast.uniqueClusterName("invalid"));
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
