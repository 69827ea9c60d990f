package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings parser: each key reaches its builder option, each format, each message for a bad value. */
class SharedObjectsSpecTest {

  private static final Function<String, String> ENVIRONMENT =
      key -> "environment variable " + SharedObjectsSpec.environmentVariable(key);

  /** The builder's options after the spec parsed from {@code settings} was applied to a new builder. */
  private static Settings applied(Map<String, String> settings) {
    return SharedObjectsSpec.parse(settings).applyTo(HazelcastSharedObjects.builder()).settings();
  }

  private static Settings defaults() {
    return HazelcastSharedObjects.builder().settings();
  }

  /** The options of {@code settings} by component name, without the customizers (functions, not values). */
  private static Map<String, Object> options(Settings settings) {
    Map<String, Object> options = new LinkedHashMap<>();
    for (RecordComponent component : Settings.class.getRecordComponents()) {
      if (component.getType() != Consumer.class) {
        try {
          options.put(component.getName(), component.getAccessor().invoke(settings));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return options;
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "cluster-name          | ' orders '                        | clusterName",
      "port                  | 5801                              | port",
      "port                  | 0                                 | port",
      "bind-address          | 127.0.0.2                         | bindAddress",
      "members               | '127.0.0.1:5801, 127.0.0.1:5802,' | members",
      "connect-timeout       | 3s                                | connectTimeout",
      "lock-backend          | MAP                               | lockBackend",
      "lock-backend          | cp                                | lockBackend",
      "lock-lease            | PT30S                             | lockLease",
      "owner-cleanup-timeout | 0                                 | ownerCleanupTimeout",
      "max-value-size        | 1MB                               | maxValueSize",
      "near-cache            | 'prices,config.*'                 | nearCachedDicts",
      "cluster-size          | 3                                 | clusterSize",
      "cluster-size          | ' 13 '                            | clusterSize",
      "majority-for-data     | true                              | majorityForData",
      "majority-for-data     | ' TRUE '                          | majorityForData",
      "confirmed-writes      | True                              | confirmedWrites",
      "merge-policy          | smaller-side-wins                 | mergePolicy",
      "merge-policy          | ' Discard-Smaller-Side '          | mergePolicy"})
  @DisplayName("each key reaches its builder option, and only that one")
  void eachKey(String key, String text, String option) {
    Map<String, Object> given = options(applied(Map.of(key, text)));
    Map<String, Object> defaults = options(defaults());

    assertThat(given.get(option)).isEqualTo(expected(key, text));
    assertThat(given.keySet()).filteredOn(name -> !Objects.equals(given.get(name), defaults.get(name)))
        .containsExactly(option);
  }

  /** What each row of {@link #eachKey} sets, written out as the builder holds it. */
  private static Object expected(String key, String text) {
    return switch (key + "=" + text) {
      case "cluster-name= orders " -> "orders";
      case "port=5801" -> 5801;
      case "port=0" -> 0;
      case "bind-address=127.0.0.2" -> "127.0.0.2";
      case "members=127.0.0.1:5801, 127.0.0.1:5802," -> List.of("127.0.0.1:5801", "127.0.0.1:5802");
      case "connect-timeout=3s" -> Duration.ofSeconds(3);
      case "lock-backend=MAP" -> LockBackend.MAP;
      case "lock-backend=cp" -> LockBackend.CP;
      case "lock-lease=PT30S" -> Duration.ofSeconds(30);
      case "owner-cleanup-timeout=0" -> Duration.ZERO;
      case "max-value-size=1MB" -> 1_048_576L;
      case "near-cache=prices,config.*" -> List.of("prices", "config.*");
      case "cluster-size=3" -> 3;
      case "cluster-size= 13 " -> 13;
      case "majority-for-data=true", "majority-for-data= TRUE ", "confirmed-writes=True" -> true;
      case "merge-policy=smaller-side-wins" -> MergePolicy.SMALLER_SIDE_WINS;
      case "merge-policy= Discard-Smaller-Side " -> MergePolicy.DISCARD_SMALLER_SIDE;
      default -> throw new AssertionError("no expectation for " + key + "=" + text);
    };
  }

  @Test
  @DisplayName("nothing set: an embedded member with the builder's defaults")
  void nothingSet() {
    SharedObjectsSpec spec = SharedObjectsSpec.parse(Map.of());
    Settings settings = applied(Map.of());

    assertThat(spec.isClient()).isFalse();
    assertThat(spec).hasToString("embedded");
    assertThat(List.of(settings.clusterName(), settings.port(), settings.bindAddress(), settings.members(),
        settings.connectTimeout(), settings.lockBackend(), settings.ownerCleanupTimeout(), settings.maxValueSize(),
        settings.nearCachedDicts(), settings.clusterSize(), settings.majorityForData(), settings.confirmedWrites(),
        settings.mergePolicy()))
        .isEqualTo(List.of(defaults().clusterName(), defaults().port(), defaults().bindAddress(), defaults().members(),
            defaults().connectTimeout(), defaults().lockBackend(), defaults().ownerCleanupTimeout(),
            defaults().maxValueSize(), defaults().nearCachedDicts(), 0, false, false, MergePolicy.LARGER_SIDE_WINS));
    assertThat(settings.lockLease()).isNull();
  }

  @Test
  @DisplayName("the partition settings' default values can be given too, and override what the builder held")
  void partitionDefaultsGiven() {
    SharedObjectsSpec spec = SharedObjectsSpec.parse(Map.of("cluster-size", "0", "majority-for-data", "false",
        "confirmed-writes", "FALSE", "merge-policy", "Larger-Side-Wins"));
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder().clusterSize(5).majorityForData(true)
        .confirmedWrites(true).mergePolicy(MergePolicy.DISCARD_SMALLER_SIDE);

    Settings settings = spec.applyTo(builder).settings();

    assertThat(List.of(settings.clusterSize(), settings.majorityForData(), settings.confirmedWrites(), settings.mergePolicy()))
        .isEqualTo(List.of(0, false, false, MergePolicy.LARGER_SIDE_WINS));
    assertThat(spec).hasToString("embedded, cluster-size 0, majority-for-data false, confirmed-writes false,"
        + " merge-policy LARGER_SIDE_WINS");
  }

  @Test
  @DisplayName("an empty value counts as not set")
  void emptyIsUnset() {
    SharedObjectsSpec spec = SharedObjectsSpec.parse(Map.of("cluster-name", "", "port", "  ", "mode", " ", "near-cache", ""));

    assertThat(spec).isEqualTo(SharedObjectsSpec.parse(Map.of()));
    assertThat(applied(Map.of("port", " ")).port()).isEqualTo(defaults().port());
  }

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "10s, PT10S", "2m, PT2M", "1h, PT1H", "1d, PT24H", "1500, PT1.5S", "PT10S, PT10S",
      "pt1m30s, PT1M30S", "500000us, PT0.5S", "1000000ns, PT0.001S", "' 3 s ', PT3S"})
  @DisplayName("durations: a number with ns, us, ms, s, m, h or d, a bare number of milliseconds, or ISO-8601")
  void durations(String text, String expected) {
    assertThat(applied(Map.of("connect-timeout", text)).connectTimeout()).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"1048576, 1048576", "100B, 100", "512KB, 524288", "512kib, 524288", "16MB, 16777216", "16MiB, 16777216",
      "2GB, 2147483648", "1TB, 1099511627776"})
  @DisplayName("sizes: bytes, or a number with B, KB, MB, GB, TB (powers of 1024) or KiB, MiB, GiB, TiB")
  void sizes(String text, long bytes) {
    assertThat(applied(Map.of("max-value-size", text)).maxValueSize()).isEqualTo(bytes);
  }

  @Test
  @DisplayName("client mode: the addresses are the members to connect to, trimmed, empty items dropped")
  void clientMode() {
    SharedObjectsSpec spec = SharedObjectsSpec.parse(Map.of("mode", "Client", "addresses", " 10.0.0.5:5701, ,10.0.0.6 ",
        "cluster-name", "orders"));

    assertThat(spec.isClient()).isTrue();
    assertThat(spec).hasToString("client, addresses [10.0.0.5:5701, 10.0.0.6], cluster-name orders");
    assertThat(spec.applyTo(HazelcastSharedObjects.builder()).settings().members()).isEmpty();
  }

  @Test
  @DisplayName("embedded mode: the addresses are the members to join, as the members key is")
  void embeddedAddressesAreMembers() {
    assertThat(applied(Map.of("mode", "embedded", "addresses", "127.0.0.1:5801,127.0.0.1:5802")).members())
        .containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of("addresses", "127.0.0.1:5801", "members", "127.0.0.1:5802"),
        ENVIRONMENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared-objects: in embedded mode environment variable SHARED_OBJECTS_ADDRESSES and environment"
            + " variable SHARED_OBJECTS_MEMBERS both name the members to join; set only shared-objects.members.");
  }

  @Test
  @DisplayName("client mode without addresses fails and says which setting to add")
  void clientNeedsAddresses() {
    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of("mode", "client"), ENVIRONMENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared-objects: client mode (environment variable SHARED_OBJECTS_MODE) needs the address of at"
            + " least one member to connect to; set shared-objects.addresses or SHARED_OBJECTS_ADDRESSES, such as"
            + " 127.0.0.1:5701 (comma-separated for several).");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "mode                  | clinet   | allowed values: embedded, client",
      "lock-backend          | raft     | allowed values: auto, map, cp",
      "port                  | five     | allowed values: a whole number, such as 5701",
      "port                  | 70000    | port must be 0 to 65535, was 70000",
      "port                  | -1       | port must be 0 to 65535, was -1",
      "connect-timeout       | soon     | allowed values: a duration such as 500ms, 10s, 2m, or ISO-8601 PT10S (a number alone is milliseconds)",
      "connect-timeout       | 0s       | connectTimeout must be positive",
      "connect-timeout       | -5s      | connectTimeout must be positive",
      "lock-lease            | 0s       | lockLease must be positive, or null for no lease; was PT0S",
      "owner-cleanup-timeout | PT-1S    | ownerCleanupTimeout must be zero or positive; was PT-1S",
      "max-value-size        | lots     | allowed values: a size in bytes such as 16MB, 512KB or 1048576 (KB, MB, GB are powers of 1024)",
      "max-value-size        | 0        | maxValueSize must be positive, was 0",
      "max-value-size        | 9999999TB | allowed values: a size in bytes such as 16MB, 512KB or 1048576 (KB, MB, GB are powers of 1024)",
      "near-cache            | a**      | A near cache pattern may hold one '*', not more: 'a**'",
      "cluster-size          | three    | allowed values: a whole number, such as 3",
      "cluster-size          | 2.5      | allowed values: a whole number, such as 3",
      "cluster-size          | 14       | clusterSize must be 1 to 13 members (or 0 for none declared), was 14",
      "cluster-size          | -1       | clusterSize must be 1 to 13 members (or 0 for none declared), was -1",
      "majority-for-data     | yes      | allowed values: true, false",
      "majority-for-data     | 1        | allowed values: true, false",
      "confirmed-writes      | ture     | allowed values: true, false",
      "confirmed-writes      | on       | allowed values: true, false",
      "merge-policy          | larger_side_wins | allowed values: larger-side-wins, smaller-side-wins, discard-smaller-side",
      "merge-policy          | latest   | allowed values: larger-side-wins, smaller-side-wins, discard-smaller-side"})
  @DisplayName("a bad value fails naming where it came from, the value and what is allowed (the builder's check where it has one)")
  void badValue(String key, String value, String reason) {
    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of(key, value), ENVIRONMENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared-objects: invalid value '" + value + "' for environment variable "
            + SharedObjectsSpec.environmentVariable(key) + "; " + reason + ".");
  }

  @Test
  @DisplayName("the issue's example, word for word; a builder refusal is kept as the cause, unreadable text has none")
  void modeTypo() {
    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of("mode", "clinet"), ENVIRONMENT))
        .hasMessage("shared-objects: invalid value 'clinet' for environment variable SHARED_OBJECTS_MODE; allowed values:"
            + " embedded, client.")
        .hasNoCause();
    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of("port", "70000"), key -> "property " + SharedObjectsSpec.property(key)))
        .hasMessage("shared-objects: invalid value '70000' for property shared-objects.port; port must be 0 to 65535, was 70000.")
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("port must be 0 to 65535, was 70000");
  }

  @Test
  @DisplayName("a near cache pattern that is no valid name fails with the name rule")
  void nearCacheInvalidName() {
    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of("near-cache", "ok,__internal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("shared-objects: invalid value 'ok,__internal' for setting 'near-cache'; ");
  }

  @Test
  @DisplayName("an unknown key fails and lists the known ones")
  void unknownKey() {
    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of("clustername", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared-objects: unknown setting 'clustername' (setting 'clustername'); known settings: mode,"
            + " cluster-name, addresses, members, port, bind-address, connect-timeout, lock-backend, lock-lease,"
            + " owner-cleanup-timeout, max-value-size, near-cache, cluster-size, majority-for-data, confirmed-writes,"
            + " merge-policy, auth-key, previous-auth-key, next-auth-key, unauthenticated.");
  }

  @Test
  @DisplayName("auth-key: a passphrase or a base64: raw key becomes the builder's key; it never shows in toString or errors")
  void authKey() {
    SharedObjectsSpec passphrase = SharedObjectsSpec.parse(Map.of("auth-key", "a long shared passphrase"));
    assertThat(passphrase.applyTo(HazelcastSharedObjects.builder()).settings().sealing())
        .isEqualTo(Sealing.ofPassphrase("a long shared passphrase"));
    assertThat(passphrase).hasToString("embedded, auth-key (hidden)")
        .isEqualTo(SharedObjectsSpec.parse(Map.of("auth-key", "a long shared passphrase")))
        .isNotEqualTo(SharedObjectsSpec.parse(Map.of("auth-key", "another passphrase")));
    String raw = "base64:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(SharedObjectsSpec.parse(Map.of("auth-key", raw)).applyTo(HazelcastSharedObjects.builder()).settings()
        .sealing()).isEqualTo(Sealing.ofKey(new byte[32]));

    assertThatThrownBy(() -> SharedObjectsSpec.parse(Map.of("auth-key", "base64:c2hvcnQ="),
        key -> "environment variable " + SharedObjectsSpec.environmentVariable(key)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid value '(hidden)' for environment variable SHARED_OBJECTS_AUTH_KEY")
        .hasMessageContaining("at least 16 bytes").hasMessageNotContaining("c2hvcnQ");
  }

  @Test
  @DisplayName("specs that set equal values are equal, whatever the text and its origin; toString lists the values")
  void equality() {
    Map<String, String> settings = Map.of("cluster-name", "a", "near-cache", "x, y", "port", "0");
    SharedObjectsSpec spec = SharedObjectsSpec.parse(settings, ENVIRONMENT);

    assertThat(spec).isEqualTo(SharedObjectsSpec.parse(settings)).hasSameHashCodeAs(SharedObjectsSpec.parse(settings))
        .isNotEqualTo(SharedObjectsSpec.parse(Map.of("cluster-name", "b", "near-cache", "x, y", "port", "0")));
    assertThat(spec).hasToString("embedded, cluster-name a, port 0, near-cache [x, y]");
    assertThat(SharedObjectsSpec.parse(Map.of("connect-timeout", "10s", "max-value-size", "1KB", "lock-backend", "MAP")))
        .isEqualTo(SharedObjectsSpec.parse(Map.of("connect-timeout", "PT10S", "max-value-size", "1024", "lock-backend", "map")))
        .hasToString("embedded, connect-timeout PT10S, lock-backend MAP, max-value-size 1024");
    assertThat(SharedObjectsSpec.parse(Map.of("cluster-size", "3", "confirmed-writes", "TRUE", "merge-policy", "SMALLER-SIDE-WINS")))
        .isEqualTo(SharedObjectsSpec.parse(Map.of("cluster-size", " 3", "confirmed-writes", "true", "merge-policy", "smaller-side-wins")))
        .isNotEqualTo(SharedObjectsSpec.parse(Map.of("cluster-size", "3", "confirmed-writes", "false", "merge-policy", "smaller-side-wins")))
        .hasToString("embedded, cluster-size 3, confirmed-writes true, merge-policy SMALLER_SIDE_WINS");
  }

  @Test
  @DisplayName("names: shared-objects.<key> as a property, SHARED_OBJECTS_<KEY> as an environment variable")
  void names() {
    assertThat(SharedObjectsSpec.property("cluster-name")).isEqualTo("shared-objects.cluster-name");
    assertThat(SharedObjectsSpec.environmentVariable("owner-cleanup-timeout")).isEqualTo("SHARED_OBJECTS_OWNER_CLEANUP_TIMEOUT");
  }

  @Test
  @DisplayName("start() starts an embedded member, or a client of the addresses, with the spec's options")
  void start() {
    String cluster = "spec-test-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = SharedObjectsSpec.parse(Map.of("cluster-name", cluster, "port", "0",
        "max-value-size", "2KB")).start()) {
      assertThat(member.isClient()).isFalse();
      assertThat(member.clusterName()).isEqualTo(cluster);
      assertThat(member.maxValueSize()).isEqualTo(2048);
      try (HazelcastSharedObjects client = SharedObjectsSpec.parse(Map.of("mode", "client", "cluster-name", cluster,
          "addresses", member.address(), "lock-backend", "map")).start()) {
        assertThat(client.isClient()).isTrue();
        assertThat(client.lockBackend()).isEqualTo(LockBackend.MAP);
        client.dict("d").put("k", "v");
        assertThat(member.<String, String>dict("d").get("k")).isEqualTo("v");
      }
    }
    assertThat(Hazelcast.getAllHazelcastInstances()).noneMatch(i -> i.getConfig().getClusterName().equals(cluster));
  }
}
