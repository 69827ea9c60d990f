package io.sharedobjects.hazelcast;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@link HazelcastSharedObjectsBuilder} written as text, parsed and checked once; the one
 * parser behind Guice's {@code SharedObjectsModule.fromEnvironment()} and Spring's {@code shared-objects.*}
 * properties (as {@code CaffeineSpec} parses Caffeine's). The keys, formats and defaults are listed in
 * {@code docs/properties.md}.
 *
 * <pre>{@code
 * SharedObjectsSpec spec = SharedObjectsSpec.parse(Map.of("mode", "client", "addresses", "10.0.0.5:5701"),
 *     key -> "environment variable " + SharedObjectsSpec.environmentVariable(key));
 * HazelcastSharedObjects shared = spec.start(spec.applyTo(HazelcastSharedObjects.builder()));
 * }</pre>
 *
 * <p>The parser turns text into values (durations, sizes, lists, names) and hands each to the builder's
 * setter, which checks it; a value refused by either fails {@link #parse} with an {@link
 * IllegalArgumentException} naming where it came from, the value and what is allowed. An empty value counts
 * as not set. The bind address is checked against this machine's addresses only when a member starts.
 *
 * <p>Immutable and thread-safe. Two specs are equal when they set equal values ({@code 10s} and {@code PT10S}
 * are one duration), wherever the text came from.
 */
public final class SharedObjectsSpec {

  /** Every key this parser reads. */
  public static final List<String> KEYS = List.of("mode", "cluster-name", "addresses", "members", "port",
      "bind-address", "connect-timeout", "lock-backend", "lock-lease", "owner-cleanup-timeout", "max-value-size",
      "near-cache", "cluster-size", "majority-for-data", "confirmed-writes", "merge-policy", "auth-key",
      "previous-auth-key", "next-auth-key", "unauthenticated");

  /** The prefix of a key as a property: {@code shared-objects.port}. */
  public static final String PROPERTY_PREFIX = "shared-objects.";

  /** The prefix of a key as an environment variable: {@code SHARED_OBJECTS_PORT}. */
  public static final String ENVIRONMENT_PREFIX = "SHARED_OBJECTS_";

  private static final List<String> MODES = List.of("embedded", "client");
  private static final List<String> LOCK_BACKENDS =
      Arrays.stream(LockBackend.values()).map(backend -> backend.name().toLowerCase(Locale.ROOT)).toList();
  private static final List<String> MERGE_POLICIES =
      Arrays.stream(MergePolicy.values()).map(policy -> policy.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
  private static final List<String> BOOLEANS = List.of("true", "false");

  /** Each builder option: how its text becomes a value, and the setter that takes (and checks) the value. */
  private static final Map<String, Option<?>> OPTIONS = Map.ofEntries(
      Map.entry("cluster-name", new Option<>(String::trim, HazelcastSharedObjectsBuilder::clusterName)),
      Map.entry("members", new Option<>(SharedObjectsSpec::list,
          (builder, members) -> builder.members(members.toArray(String[]::new)))),
      Map.entry("port", new Option<>(text -> wholeNumber(text, 5701), HazelcastSharedObjectsBuilder::port)),
      Map.entry("bind-address", new Option<>(String::trim, HazelcastSharedObjectsBuilder::bindAddress)),
      Map.entry("connect-timeout",
          new Option<>(SharedObjectsSpec::duration, HazelcastSharedObjectsBuilder::connectTimeout)),
      Map.entry("lock-backend",
          new Option<>(SharedObjectsSpec::lockBackend, HazelcastSharedObjectsBuilder::lockBackend)),
      Map.entry("lock-lease", new Option<>(SharedObjectsSpec::duration, HazelcastSharedObjectsBuilder::lockLease)),
      Map.entry("owner-cleanup-timeout",
          new Option<>(SharedObjectsSpec::duration, HazelcastSharedObjectsBuilder::ownerCleanupTimeout)),
      Map.entry("max-value-size",
          new Option<>(SharedObjectsSpec::size, HazelcastSharedObjectsBuilder::maxValueSize)),
      Map.entry("near-cache", new Option<>(SharedObjectsSpec::list,
          (builder, patterns) -> builder.nearCache(patterns.toArray(String[]::new)))),
      Map.entry("cluster-size", new Option<>(text -> wholeNumber(text, 3), HazelcastSharedObjectsBuilder::clusterSize)),
      Map.entry("majority-for-data",
          new Option<>(SharedObjectsSpec::bool, HazelcastSharedObjectsBuilder::majorityForData)),
      Map.entry("confirmed-writes",
          new Option<>(SharedObjectsSpec::bool, HazelcastSharedObjectsBuilder::confirmedWrites)),
      Map.entry("merge-policy",
          new Option<>(SharedObjectsSpec::mergePolicy, HazelcastSharedObjectsBuilder::mergePolicy)),
      Map.entry("auth-key", new Option<>(Sealing::parse, HazelcastSharedObjectsBuilder::sealing)),
      Map.entry("previous-auth-key", new Option<>(Sealing::parse, HazelcastSharedObjectsBuilder::previousSealing)),
      Map.entry("next-auth-key", new Option<>(Sealing::parse, HazelcastSharedObjectsBuilder::nextSealing)),
      Map.entry("unauthenticated",
          new Option<>(SharedObjectsSpec::bool, HazelcastSharedObjectsBuilder::unauthenticated)));

  /** The keys whose values are secrets: never shown in messages or {@link #toString}. */
  private static final Set<String> SECRETS = Set.of("auth-key", "previous-auth-key", "next-auth-key");

  private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ns|us|ms|s|m|h|d)?");
  private static final Pattern SIZE = Pattern.compile("(-?\\d+)\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?");

  private final boolean client;
  private final List<String> addresses;
  /** The builder options given, in the order of {@link #KEYS}, as values (durations, numbers, lists, ...). */
  private final Map<String, Object> options;

  private SharedObjectsSpec(boolean client, List<String> addresses, Map<String, Object> options) {
    this.client = client;
    this.addresses = addresses;
    this.options = options;
  }

  /**
   * Parses and checks {@code settings} (keys from {@link #KEYS}, without prefix); {@code origin} names
   * where the value of a key came from, such as {@code "environment variable SHARED_OBJECTS_PORT"}, for
   * error messages.
   *
   * @throws IllegalArgumentException for an unknown key or a bad value, naming its origin, the value and
   *     what is allowed; or for client mode without addresses
   */
  public static SharedObjectsSpec parse(Map<String, String> settings, Function<String, String> origin) {
    Objects.requireNonNull(origin, "origin");
    for (String key : settings.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("shared-objects: unknown setting '" + key + "' (" + origin.apply(key)
            + "); known settings: " + String.join(", ", KEYS) + ".");
      }
    }
    Map<String, String> given = new LinkedHashMap<>();
    for (String key : KEYS) {
      String value = settings.get(key);
      if (value != null && !value.isBlank()) {
        given.put(key, value);
      }
    }
    boolean client = given.containsKey("mode")
        && checked(given, "mode", origin, value -> choice(value, MODES)).equals("client");
    List<String> addresses = given.containsKey("addresses") ? list(given.get("addresses")) : List.of();
    if (client && addresses.isEmpty()) {
      throw new IllegalArgumentException("shared-objects: client mode (" + origin.apply("mode") + ") needs the address"
          + " of at least one member to connect to; set " + property("addresses") + " or "
          + environmentVariable("addresses") + ", such as 127.0.0.1:5701 (comma-separated for several).");
    }
    if (!client && given.containsKey("addresses") && given.containsKey("members")) {
      throw new IllegalArgumentException("shared-objects: in embedded mode " + origin.apply("addresses") + " and "
          + origin.apply("members") + " both name the members to join; set only " + property("members") + ".");
    }
    Map<String, Object> options = new LinkedHashMap<>();
    HazelcastSharedObjectsBuilder scratch = HazelcastSharedObjects.builder();
    for (String key : given.keySet()) {
      Option<?> option = OPTIONS.get(key);
      if (option != null) {
        options.put(key, checked(given, key, origin, text -> option.parseAndSet(text, scratch)));
      }
    }
    return new SharedObjectsSpec(client, addresses, Collections.unmodifiableMap(options));
  }

  /** As {@link #parse(Map, Function)}, naming a value's origin as {@code setting 'port'}. */
  public static SharedObjectsSpec parse(Map<String, String> settings) {
    return parse(settings, key -> "setting '" + key + "'");
  }

  /** {@code port} as a property: {@code shared-objects.port}. */
  public static String property(String key) {
    return PROPERTY_PREFIX + key;
  }

  /** {@code cluster-name} as an environment variable: {@code SHARED_OBJECTS_CLUSTER_NAME}. */
  public static String environmentVariable(String key) {
    return ENVIRONMENT_PREFIX + key.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Sets every option of this spec on {@code builder}; in embedded mode, {@code addresses} become the
   * members to join. Options not given keep the builder's values. Returns {@code builder}.
   */
  public HazelcastSharedObjectsBuilder applyTo(HazelcastSharedObjectsBuilder builder) {
    Objects.requireNonNull(builder, "builder");
    options.forEach((key, value) -> OPTIONS.get(key).set(builder, value));
    if (!client && !addresses.isEmpty()) {
      builder.members(addresses.toArray(String[]::new));
    }
    return builder;
  }

  /**
   * Starts what the mode says with {@code builder} as it is: a client of the addresses, or an embedded
   * member. Call {@link #applyTo} first (and, between the two, whatever customizes the builder).
   */
  public HazelcastSharedObjects start(HazelcastSharedObjectsBuilder builder) {
    return client ? builder.client(addresses.toArray(String[]::new)) : builder.embedded();
  }

  /** Starts a new builder with this spec's options: {@code start(applyTo(HazelcastSharedObjects.builder()))}. */
  public HazelcastSharedObjects start() {
    return start(applyTo(HazelcastSharedObjects.builder()));
  }

  /** Whether this spec starts a client (mode {@code client}) rather than an embedded member. */
  public boolean isClient() {
    return client;
  }

  /** One builder option: text to value, value to the builder's setter. */
  private record Option<T>(Function<String, T> parse, BiConsumer<HazelcastSharedObjectsBuilder, T> setter) {

    /** Parses {@code text} and hands the value to {@code builder}, which checks it; returns the value. */
    T parseAndSet(String text, HazelcastSharedObjectsBuilder builder) {
      T value = parse.apply(text);
      setter.accept(builder, value);
      return value;
    }

    @SuppressWarnings("unchecked")
    void set(HazelcastSharedObjectsBuilder builder, Object value) {
      setter.accept(builder, (T) value);
    }
  }

  /** Applies {@code step} to the value of {@code key}; what it refuses fails naming the origin and the value. */
  private static <T> T checked(Map<String, String> given, String key, Function<String, String> origin,
      Function<String, T> step) {
    String value = given.get(key);
    try {
      return step.apply(value);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      reason = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
      // A builder refusal stays the cause (its stack shows the check); text this parser could not read has none.
      String shown = SECRETS.contains(key) ? "(hidden)" : value;
      throw new IllegalArgumentException("shared-objects: invalid value '" + shown + "' for " + origin.apply(key) + "; "
          + reason + ".", e instanceof Unreadable ? null : e);
    }
  }

  /** Text this parser cannot turn into a value; its message says what is allowed. */
  private static final class Unreadable extends IllegalArgumentException {
    Unreadable(String allowed) {
      super(allowed);
    }
  }

  private static String choice(String value, List<String> allowed) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(wanted)) {
      throw new Unreadable("allowed values: " + String.join(", ", allowed));
    }
    return wanted;
  }

  private static LockBackend lockBackend(String value) {
    return LockBackend.valueOf(choice(value, LOCK_BACKENDS).toUpperCase(Locale.ROOT));
  }

  /** {@code larger-side-wins} and the like: the constant's name in lower case, with hyphens for underscores. */
  private static MergePolicy mergePolicy(String value) {
    return MergePolicy.valueOf(choice(value, MERGE_POLICIES).replace('-', '_').toUpperCase(Locale.ROOT));
  }

  /** {@code true} or {@code false} in any case; unlike {@link Boolean#parseBoolean}, a typo is an error, not false. */
  private static boolean bool(String value) {
    return Boolean.parseBoolean(choice(value, BOOLEANS));
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
  }

  /** An {@code int}; the message of a refusal shows {@code example}, a typical value of the key. */
  private static int wholeNumber(String value, int example) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new Unreadable("allowed values: a whole number, such as " + example);
    }
  }

  /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}, a bare number of milliseconds, or ISO-8601. */
  private static Duration duration(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Matcher simple = DURATION.matcher(text);
    try {
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "ms" : simple.group(2);
        return switch (unit) {
          case "ns" -> Duration.ofNanos(amount);
          case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new Unreadable("allowed values: a duration such as 500ms, 10s, 2m, or ISO-8601 PT10S"
          + " (a number alone is milliseconds)");
    }
  }

  /** A number of bytes, with an optional unit: B, KB, MB, GB, TB (powers of 1024, as Spring's DataSize) or KiB, ... */
  private static long size(String value) {
    Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        int power = "bkmgt".indexOf(unit.charAt(0));
        return Math.multiplyExact(amount, 1L << (10 * power));
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // Reported below.
    }
    throw new Unreadable("allowed values: a size in bytes such as 16MB, 512KB or 1048576"
        + " (KB, MB, GB are powers of 1024)");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SharedObjectsSpec spec && client == spec.client && addresses.equals(spec.addresses)
        && options.equals(spec.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(client, addresses, options);
  }

  /**
   * The mode and the options given, as values: {@code client, addresses [10.0.0.5:5701], connect-timeout PT3S}.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(client ? "client" : "embedded");
    if (!addresses.isEmpty()) {
      text.append(", addresses ").append(addresses);
    }
    options.forEach((key, value) -> text.append(", ").append(key).append(' ').append(value));
    return text.toString();
  }
}
