package io.sharedobjects.guice;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Where the operator's settings come from (system properties, environment variables or a map), and the one
 * setting this module reads itself: {@code backend}, which decides whether Hazelcast is needed at all. Every
 * other setting is the adapter's, read by {@code io.sharedobjects.hazelcast.SharedObjectsSpec} only when
 * the backend is Hazelcast, so that the in-memory backend loads no Hazelcast class.
 */
final class SharedObjectsSettings {

  /** The prefix of every system property and map key: {@code shared-objects.backend}, ... */
  static final String PREFIX = "shared-objects.";

  private SharedObjectsSettings() {}

  /** Where a setting comes from, for lookups and for error messages. */
  interface Source {
    /** The raw value of the setting {@code name} (such as {@code "cluster-name"}), or {@code null} if unset. */
    Setting find(String name);
  }

  /** One raw value and where it was found, such as {@code "environment variable SHARED_OBJECTS_PORT"}. */
  record Setting(String value, String origin) {}

  /** System properties ({@code -Dshared-objects.port=5701}) first, then environment ({@code SHARED_OBJECTS_PORT}). */
  static Source environment(Map<String, String> systemProperties, Map<String, String> environment) {
    return name -> {
      String property = PREFIX + name;
      if (systemProperties.get(property) != null) {
        return new Setting(systemProperties.get(property), "system property " + property);
      }
      String variable = environmentVariable(name);
      if (environment.get(variable) != null) {
        return new Setting(environment.get(variable), "environment variable " + variable);
      }
      return null;
    };
  }

  /** Keys such as {@code shared-objects.port}. */
  static Source map(Map<String, String> properties) {
    return name -> properties.get(PREFIX + name) == null
        ? null
        : new Setting(properties.get(PREFIX + name), "property " + PREFIX + name);
  }

  /** {@code cluster-name} becomes {@code SHARED_OBJECTS_CLUSTER_NAME}. */
  static String environmentVariable(String name) {
    return "SHARED_OBJECTS_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * {@code backend}: {@code hazelcast} (the default) or {@code in-memory}, case-insensitive.
   *
   * @throws IllegalArgumentException naming the setting, where it came from, the bad value and the allowed
   *     values
   */
  static SharedObjectsBackend backend(Source source) {
    Setting setting = source.find("backend");
    if (setting == null || setting.value().isBlank()) {
      return SharedObjectsBackend.HAZELCAST;
    }
    for (SharedObjectsBackend backend : SharedObjectsBackend.values()) {
      if (backend.text.equalsIgnoreCase(setting.value().trim())) {
        return backend;
      }
    }
    throw new IllegalArgumentException("shared-objects: invalid value '" + setting.value() + "' for " + setting.origin()
        + "; allowed values: " + String.join(", ", Arrays.stream(SharedObjectsBackend.values()).map(b -> b.text).toList())
        + ".");
  }
}
