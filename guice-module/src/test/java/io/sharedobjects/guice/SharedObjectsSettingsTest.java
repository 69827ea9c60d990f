package io.sharedobjects.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.hazelcast.SharedObjectsSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading the operator's settings: names, precedence, and the messages for bad values. The formats and checks
 * of the Hazelcast settings are the adapter's parser's ({@code SharedObjectsSpecTest}); here, that this module
 * hands it every setting, with where it came from.
 */
class SharedObjectsSettingsTest {

  /** The adapter's spec this module parses from {@code source}. */
  private static SharedObjectsSpec spec(SharedObjectsSettings.Source source) {
    return ((HazelcastFactories.Configured) HazelcastFactories.configured(source)).spec();
  }

  private static SharedObjectsSpec parse(Map<String, String> properties) {
    SharedObjectsSettings.Source source = SharedObjectsSettings.map(properties);
    SharedObjectsSettings.backend(source);
    return spec(source);
  }

  @Test
  @DisplayName("nothing set: embedded Hazelcast with the adapter's defaults")
  void defaults() {
    SharedObjectsSpec spec = parse(Map.of());

    assertThat(SharedObjectsModule.fromProperties(Map.of())).isEqualTo(SharedObjectsModule.embedded());
    assertThat(SharedObjectsSettings.backend(SharedObjectsSettings.map(Map.of()))).isEqualTo(SharedObjectsBackend.HAZELCAST);
    assertThat(spec).isEqualTo(SharedObjectsSpec.parse(Map.of()));
    // No option is set: the builder keeps its defaults (the cluster name, the port, ...).
    assertThat(spec).hasToString("embedded");
  }

  @Test
  @DisplayName("every setting is read, values are trimmed and case-insensitive where they are names")
  void everySetting() {
    Map<String, String> properties = Map.ofEntries(
        Map.entry("shared-objects.backend", " Hazelcast "),
        Map.entry("shared-objects.mode", "CLIENT"),
        Map.entry("shared-objects.cluster-name", "orders"),
        Map.entry("shared-objects.addresses", "127.0.0.1:5701, 127.0.0.1:5702,"),
        Map.entry("shared-objects.port", "0"),
        Map.entry("shared-objects.connect-timeout", "3s"),
        Map.entry("shared-objects.lock-backend", "map"),
        Map.entry("shared-objects.bind-address", "127.0.0.1"),
        Map.entry("shared-objects.lock-lease", "20s"),
        Map.entry("shared-objects.owner-cleanup-timeout", "2s"),
        Map.entry("shared-objects.max-value-size", "1MB"),
        Map.entry("shared-objects.near-cache", "prices"),
        Map.entry("shared-objects.cluster-size", "3"),
        Map.entry("shared-objects.majority-for-data", "True"),
        Map.entry("shared-objects.confirmed-writes", "false"),
        Map.entry("shared-objects.merge-policy", "DISCARD-smaller-side"),
        Map.entry("unrelated", "ignored"));
    SharedObjectsSpec spec = parse(properties);

    assertThat(SharedObjectsSettings.backend(SharedObjectsSettings.map(properties))).isEqualTo(SharedObjectsBackend.HAZELCAST);
    assertThat(spec.isClient()).isTrue();
    assertThat(spec).isEqualTo(SharedObjectsSpec.parse(Map.ofEntries(
        Map.entry("mode", "client"),
        Map.entry("cluster-name", "orders"),
        Map.entry("addresses", "127.0.0.1:5701,127.0.0.1:5702"),
        Map.entry("port", "0"),
        Map.entry("connect-timeout", "3s"),
        Map.entry("lock-backend", "map"),
        Map.entry("bind-address", "127.0.0.1"),
        Map.entry("lock-lease", "20s"),
        Map.entry("owner-cleanup-timeout", "2s"),
        Map.entry("max-value-size", "1MB"),
        Map.entry("near-cache", "prices"),
        Map.entry("cluster-size", "3"),
        Map.entry("majority-for-data", "true"),
        Map.entry("confirmed-writes", "false"),
        Map.entry("merge-policy", "discard-smaller-side"))));
    assertThat(SharedObjectsModule.fromProperties(properties)).hasToString(
        "SharedObjectsModule[hazelcast client, addresses [127.0.0.1:5701, 127.0.0.1:5702], cluster-name orders, port 0,"
            + " bind-address 127.0.0.1, connect-timeout PT3S, lock-backend MAP, lock-lease PT20S, owner-cleanup-timeout PT2S,"
            + " max-value-size 1048576, near-cache [prices], cluster-size 3, majority-for-data true, confirmed-writes false,"
            + " merge-policy DISCARD_SMALLER_SIDE]");
  }

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "10s, PT10S", "2m, PT2M", "1h, PT1H", "1d, PT24H", "1500, PT1.5S", "PT10S, PT10S", "pt1m30s, PT1M30S"})
  @DisplayName("durations: a number with ms, s, m, h or d, a bare number of milliseconds, or ISO-8601")
  void durations(String text, String expected) {
    assertThat(parse(Map.of("shared-objects.connect-timeout", text))).hasToString("embedded, connect-timeout " + Duration.parse(expected));
  }

  @Test
  @DisplayName("the backend name is case-insensitive and trimmed; in-memory reads no Hazelcast setting")
  void backendNames() {
    assertThat(SharedObjectsSettings.backend(SharedObjectsSettings.map(Map.of("shared-objects.backend", " IN-MEMORY "))))
        .isEqualTo(SharedObjectsBackend.IN_MEMORY);
    // A Hazelcast setting, even a bad one, is the adapter's business and is not read for in-memory.
    assertThat(SharedObjectsModule.fromProperties(Map.of("shared-objects.backend", "in-memory", "shared-objects.port", "x")))
        .isEqualTo(SharedObjectsModule.inMemory());
  }

  @Test
  @DisplayName("a system property wins over the environment variable of the same setting")
  void systemPropertyBeforeEnvironment() {
    SharedObjectsSettings.Source source = SharedObjectsSettings.environment(
        Map.of("shared-objects.cluster-name", "from-property"),
        Map.of("SHARED_OBJECTS_CLUSTER_NAME", "from-environment", "SHARED_OBJECTS_CONNECT_TIMEOUT", "5s"));

    assertThat(spec(source)).isEqualTo(SharedObjectsSpec.parse(Map.of("cluster-name", "from-property", "connect-timeout", "5s")));
    assertThatThrownBy(() -> spec(SharedObjectsSettings.environment(
        Map.of("shared-objects.port", "five"), Map.of("SHARED_OBJECTS_PORT", "5701", "SHARED_OBJECTS_MODE", "clinet"))))
        .hasMessage("shared-objects: invalid value 'clinet' for environment variable SHARED_OBJECTS_MODE; allowed values:"
            + " embedded, client.");
    assertThatThrownBy(() -> spec(SharedObjectsSettings.environment(
        Map.of("shared-objects.port", "five"), Map.of("SHARED_OBJECTS_PORT", "5701"))))
        .hasMessageContaining("'five' for system property shared-objects.port");
  }

  @Test
  @DisplayName("a bad value fails naming the setting, where it came from, the value and the allowed values")
  void badValues() {
    assertThatThrownBy(() -> SharedObjectsModule.from(SharedObjectsSettings.environment(Map.of(), Map.of("SHARED_OBJECTS_BACKEND", "redis"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared-objects: invalid value 'redis' for environment variable SHARED_OBJECTS_BACKEND;"
            + " allowed values: hazelcast, in-memory.");
    assertThatThrownBy(() -> parse(Map.of("shared-objects.mode", "server")))
        .hasMessageContaining("property shared-objects.mode").hasMessageContaining("allowed values: embedded, client");
    assertThatThrownBy(() -> parse(Map.of("shared-objects.port", "70000")))
        .hasMessageContaining("'70000'").hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> parse(Map.of("shared-objects.port", "five")))
        .hasMessageContaining("'five'").hasMessageContaining("shared-objects.port");
    assertThatThrownBy(() -> parse(Map.of("shared-objects.connect-timeout", "soon")))
        .hasMessageContaining("'soon'").hasMessageContaining("10s");
    assertThatThrownBy(() -> parse(Map.of("shared-objects.connect-timeout", "0s")))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> parse(Map.of("shared-objects.lock-backend", "raft")))
        .hasMessageContaining("allowed values: auto, map, cp");
    assertThatThrownBy(() -> SharedObjectsModule.fromProperties(Map.of("shared-objects.max-value-size", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared-objects: invalid value '0' for property shared-objects.max-value-size; maxValueSize must be"
            + " positive, was 0.");
  }

  @Test
  @DisplayName("client mode without addresses fails and says which setting to add")
  void clientNeedsAddresses() {
    assertThatThrownBy(() -> SharedObjectsModule.fromProperties(Map.of("shared-objects.mode", "client")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shared-objects.addresses")
        .hasMessageContaining("SHARED_OBJECTS_ADDRESSES");
  }

  @Test
  @DisplayName("the environment variable of every Hazelcast setting is the one the adapter's parser names")
  void environmentVariablesAgreeWithTheParser() {
    assertThat(SharedObjectsSpec.KEYS).allSatisfy(key ->
        assertThat(SharedObjectsSettings.environmentVariable(key)).isEqualTo(SharedObjectsSpec.environmentVariable(key)));
    assertThat(SharedObjectsSettings.PREFIX).isEqualTo(SharedObjectsSpec.PROPERTY_PREFIX);
  }

  @Test
  @DisplayName("environment variable names: SHARED_OBJECTS_ and the setting in upper case with underscores")
  void environmentVariableNames() {
    assertThat(SharedObjectsSettings.environmentVariable("cluster-name")).isEqualTo("SHARED_OBJECTS_CLUSTER_NAME");
    assertThat(SharedObjectsSettings.environmentVariable("connect-timeout")).isEqualTo("SHARED_OBJECTS_CONNECT_TIMEOUT");
  }
}
