package io.sharedobjects.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.guice.SharedObjectsSettings.BackendKind;
import io.sharedobjects.guice.SharedObjectsSettings.Mode;
import io.sharedobjects.hazelcast.LockBackend;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the operator's settings: names, precedence, formats and the messages for bad values. */
class SharedObjectsSettingsTest {

  private static SharedObjectsSettings parse(Map<String, String> properties) {
    return SharedObjectsSettings.parse(SharedObjectsSettings.map(properties));
  }

  @Test
  @DisplayName("nothing set: embedded Hazelcast with the adapter's defaults")
  void defaults() {
    SharedObjectsSettings settings = parse(Map.of());

    assertThat(settings).isEqualTo(SharedObjectsSettings.hazelcast(Mode.EMBEDDED, java.util.List.of()));
    assertThat(settings.clusterName()).isNull();
    assertThat(settings.port()).isNull();
  }

  @Test
  @DisplayName("every setting is read, values are trimmed and case-insensitive where they are names")
  void everySetting() {
    SharedObjectsSettings settings = parse(Map.of(
        "shared-objects.backend", " Hazelcast ",
        "shared-objects.mode", "CLIENT",
        "shared-objects.cluster-name", "orders",
        "shared-objects.addresses", "127.0.0.1:5701, 127.0.0.1:5702,",
        "shared-objects.port", "0",
        "shared-objects.connect-timeout", "3s",
        "shared-objects.lock-backend", "map"));

    assertThat(settings.backend()).isEqualTo(BackendKind.HAZELCAST);
    assertThat(settings.mode()).isEqualTo(Mode.CLIENT);
    assertThat(settings.clusterName()).isEqualTo("orders");
    assertThat(settings.addresses()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
    assertThat(settings.port()).isZero();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.lockBackend()).isEqualTo("map");
    assertThat(settings).hasToString(
        "hazelcast client, cluster orders, addresses [127.0.0.1:5701, 127.0.0.1:5702], port 0, connect timeout PT3S, map locks");
  }

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "10s, PT10S", "2m, PT2M", "1h, PT1H", "1d, PT24H", "1500, PT1.5S", "PT10S, PT10S", "pt1m30s, PT1M30S"})
  @DisplayName("durations: a number with ms, s, m, h or d, a bare number of milliseconds, or ISO-8601")
  void durations(String text, String expected) {
    assertThat(parse(Map.of("shared-objects.connect-timeout", text)).connectTimeout()).isEqualTo(Duration.parse(expected));
  }

  @Test
  @DisplayName("a system property wins over the environment variable of the same setting")
  void systemPropertyBeforeEnvironment() {
    SharedObjectsSettings.Source source = SharedObjectsSettings.environment(
        Map.of("shared-objects.cluster-name", "from-property"),
        Map.of("SHARED_OBJECTS_CLUSTER_NAME", "from-environment", "SHARED_OBJECTS_CONNECT_TIMEOUT", "5s"));

    SharedObjectsSettings settings = SharedObjectsSettings.parse(source);

    assertThat(settings.clusterName()).isEqualTo("from-property");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("a bad value fails naming the setting, where it came from, the value and the allowed values")
  void badValues() {
    assertThatThrownBy(() -> SharedObjectsSettings.parse(SharedObjectsSettings.environment(Map.of(), Map.of("SHARED_OBJECTS_BACKEND", "redis"))))
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
  @DisplayName("the lock backend names known here are those of the adapter's LockBackend")
  void lockBackendNames() {
    assertThat(SharedObjectsSettings.LOCK_BACKENDS).containsExactlyElementsOf(
        Arrays.stream(LockBackend.values()).map(b -> b.name().toLowerCase(Locale.ROOT)).toList());
  }

  @Test
  @DisplayName("environment variable names: SHARED_OBJECTS_ and the setting in upper case with underscores")
  void environmentVariableNames() {
    assertThat(SharedObjectsSettings.environmentVariable("cluster-name")).isEqualTo("SHARED_OBJECTS_CLUSTER_NAME");
    assertThat(SharedObjectsSettings.environmentVariable("connect-timeout")).isEqualTo("SHARED_OBJECTS_CONNECT_TIMEOUT");
  }
}
