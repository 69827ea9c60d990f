package io.sharedobjects.guice;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings an operator gives through system properties, environment variables or a map, parsed and
 * checked. A value: equal settings make equal modules. A {@code null} component means "not set, use the
 * backend's default".
 */
record SharedObjectsSettings(
    BackendKind backend,
    Mode mode,
    String clusterName,
    List<String> addresses,
    Integer port,
    Duration connectTimeout,
    String lockBackend) {

  /** The prefix of every system property and map key: {@code shared-objects.backend}, ... */
  static final String PREFIX = "shared-objects.";

  /** The names of {@code io.sharedobjects.hazelcast.LockBackend}, kept here so parsing loads no adapter class. */
  static final List<String> LOCK_BACKENDS = List.of("auto", "map", "cp");

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  SharedObjectsSettings {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(mode, "mode");
    addresses = List.copyOf(addresses);
  }

  /** {@code shared-objects.backend}. */
  enum BackendKind {
    HAZELCAST("hazelcast"),
    IN_MEMORY("in-memory");

    final String text;

    BackendKind(String text) {
      this.text = text;
    }
  }

  /** {@code shared-objects.mode}: whether this process is a Hazelcast member or a client of members elsewhere. */
  enum Mode {
    EMBEDDED("embedded"),
    CLIENT("client");

    final String text;

    Mode(String text) {
      this.text = text;
    }
  }

  /** Hazelcast with the adapter's defaults, in this mode, with these addresses. */
  static SharedObjectsSettings hazelcast(Mode mode, List<String> addresses) {
    return new SharedObjectsSettings(BackendKind.HAZELCAST, mode, null, addresses, null, null, null);
  }

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
   * Reads and checks every setting.
   *
   * @throws IllegalArgumentException naming the setting, where it came from, the bad value and the allowed
   *     values
   */
  static SharedObjectsSettings parse(Source source) {
    BackendKind backend = choice(source, "backend", BackendKind.values(), BackendKind.HAZELCAST, b -> b.text);
    Mode mode = choice(source, "mode", Mode.values(), Mode.EMBEDDED, m -> m.text);
    String clusterName = text(source, "cluster-name");
    List<String> addresses = list(source, "addresses");
    Integer port = port(source);
    Duration connectTimeout = duration(source, "connect-timeout");
    String lockBackend = choice(source, "lock-backend", LOCK_BACKENDS.toArray(String[]::new), null, s -> s);
    if (backend == BackendKind.HAZELCAST && mode == Mode.CLIENT && addresses.isEmpty()) {
      Setting modeSetting = source.find("mode");
      throw new IllegalArgumentException("shared-objects: client mode (" + modeSetting.origin() + ") needs the"
          + " addresses of members to connect to; set " + PREFIX + "addresses or " + environmentVariable("addresses")
          + ", such as 127.0.0.1:5701 (comma-separated for several).");
    }
    return new SharedObjectsSettings(backend, mode, clusterName, addresses, port, connectTimeout, lockBackend);
  }

  private static <T> T choice(Source source, String name, T[] allowed, T absent,
      Function<T, String> text) {
    Setting setting = source.find(name);
    if (setting == null || setting.value().isBlank()) {
      return absent;
    }
    String value = setting.value().trim();
    for (T candidate : allowed) {
      if (text.apply(candidate).equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    throw invalid(setting, "allowed values: " + String.join(", ", Arrays.stream(allowed).map(text).toList()));
  }

  private static String text(Source source, String name) {
    Setting setting = source.find(name);
    return setting == null || setting.value().isBlank() ? null : setting.value().trim();
  }

  private static List<String> list(Source source, String name) {
    Setting setting = source.find(name);
    if (setting == null) {
      return List.of();
    }
    return Arrays.stream(setting.value().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Integer port(Source source) {
    Setting setting = source.find("port");
    if (setting == null || setting.value().isBlank()) {
      return null;
    }
    try {
      int port = Integer.parseInt(setting.value().trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below with the allowed values.
    }
    throw invalid(setting, "allowed values: a port number from 0 to 65535 (0: the system picks a free port)");
  }

  private static Duration duration(Source source, String name) {
    Setting setting = source.find(name);
    if (setting == null || setting.value().isBlank()) {
      return null;
    }
    String value = setting.value().trim();
    Duration duration = null;
    Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    try {
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "ms" : simple.group(2);
        duration = switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      } else {
        duration = Duration.parse(value.toUpperCase(Locale.ROOT));
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      duration = null;
    }
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw invalid(setting, "allowed values: a positive duration such as 500ms, 10s, 2m, or ISO-8601 PT10S"
          + " (a number alone is milliseconds)");
    }
    return duration;
  }

  private static IllegalArgumentException invalid(Setting setting, String allowed) {
    return new IllegalArgumentException(
        "shared-objects: invalid value '" + setting.value() + "' for " + setting.origin() + "; " + allowed + ".");
  }

  @Override
  public String toString() {
    if (backend == BackendKind.IN_MEMORY) {
      return "in-memory";
    }
    StringBuilder text = new StringBuilder("hazelcast ").append(mode.text);
    if (clusterName != null) {
      text.append(", cluster ").append(clusterName);
    }
    if (!addresses.isEmpty()) {
      text.append(", addresses ").append(addresses);
    }
    if (port != null) {
      text.append(", port ").append(port);
    }
    if (connectTimeout != null) {
      text.append(", connect timeout ").append(connectTimeout);
    }
    if (lockBackend != null) {
      text.append(", ").append(lockBackend).append(" locks");
    }
    return text.toString();
  }
}
