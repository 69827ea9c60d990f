package io.sharedobjects.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.ConnectionRetryConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the closed-by-default Hazelcast configurations this library starts: listening on one address
 * only (127.0.0.1 unless told otherwise), TCP-IP join only, multicast, auto-detection, phone-home and
 * memcache off (Hazelcast's REST API is off by default); then hands them to the user's customizer, if any.
 */
final class HazelcastConfigs {

  /** Hazelcast's property that, when true, reports usage to hazelcast.com at start. */
  static final String PHONE_HOME = "hazelcast.phone.home.enabled";

  /** Ports an embedded member tries from the configured one up, if that one is taken. */
  static final int PORT_COUNT = 20;

  /**
   * Member property: when true (Hazelcast's default), the member's server socket listens on every
   * interface (0.0.0.0 and ::), whatever interface it was told to use; the interface setting then only
   * picks the address the member advertises.
   */
  static final String BIND_ANY = "hazelcast.socket.bind.any";

  /** Member property: fail, rather than report done, a write whose backups did not confirm it. */
  static final String FAIL_ON_INDETERMINATE = "hazelcast.operation.fail.on.indeterminate.state";

  /** The client's twin of {@link #FAIL_ON_INDETERMINATE}. */
  static final String CLIENT_FAIL_ON_INDETERMINATE = "hazelcast.client.operation.fail.on.indeterminate.state";

  /**
   * The internal maps whose every write needs a majority of a declared cluster size: locks (with their
   * conditions), values, counters, semaphores, events, latches (and the CP latches' generations), barriers,
   * and the numbers synchronizers were created with.
   */
  static final List<String> SYNCHRONIZER_MAPS =
      List.of(MapSharedLock.LOCKS_MAP, MapCondition.CONDITIONS_MAP, MapCondition.WAITERS_MAP,
          MapSharedValue.VALUES_MAP, MapSharedCounter.COUNTERS_MAP, MapSharedSemaphore.SEMAPHORES_MAP,
          MapSharedEvent.EVENTS_MAP, MapSharedLatch.LATCHES_MAP, CpSharedLatch.ARMED_MAP,
          MapSharedBarrier.BARRIERS_MAP, SynchronizerParameters.PARAMETERS_MAP);

  /** The split-brain protection of members with a declared cluster size. */
  static final String MAJORITY = "shared-objects-majority";

  /**
   * How recent a member's last heartbeat must be for it to count towards {@link #MAJORITY}: half of {@code
   * hazelcast.max.no.heartbeat.seconds} ({@link MemberProperties}), so a member cut off stops counting well
   * before the others take it for dead, and several heartbeats (one a second) may be late before a live one
   * stops counting.
   */
  static final int HEARTBEAT_TOLERANCE_MILLIS = 5000;

  private HazelcastConfigs() {}

  /** The member configuration {@link HazelcastSharedObjects#embedded()} starts with these settings. */
  static Config member(Settings settings) {
    Config config = new Config();
    config.setClusterName(settings.clusterName());
    config.setProperty(PHONE_HOME, "false");
    // Without this the member listens on all interfaces even when bound to 127.0.0.1 (see BIND_ANY).
    config.setProperty(BIND_ANY, "false");
    config.setProperty("hazelcast.local.localAddress", settings.bindAddress());
    // Owner-death timings (see MemberProperties); the cleanup timeout is the builder's setting.
    MemberProperties.ALL.forEach(config::setProperty);
    config.setProperty(MemberProperties.CLIENT_CLEANUP_TIMEOUT, Long.toString(settings.ownerCleanupTimeout().toMillis()));
    config.getJetConfig().setEnabled(false);
    // Metrics feed Hazelcast Management Center. Collecting them lengthens every start and costs a collection
    // every 5 s; -Dhazelcast.metrics.enabled=true turns them back on (the system property wins).
    config.getMetricsConfig().setEnabled(false);
    // Near caches of this member and of its clients hear of each change at once rather than in batches sent
    // up to 10 s later: near-cached reads are then stale only until one event arrives. Costs nothing for
    // dicts without near caches, which have no one to send invalidations to.
    config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    partitionSafety(config, settings);
    if (!settings.nearCachedDicts().isEmpty()) {
      config.setConfigPatternMatcher(DictNamePatterns.MATCHER);
      for (String pattern : settings.nearCachedDicts()) {
        // cacheLocalEntries: on a member, most keys are local (all of them when it is alone).
        config.addMapConfig(dataMap(new MapConfig(pattern), settings)
            .setNearCacheConfig(nearCache(pattern).setCacheLocalEntries(true)));
      }
    }

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(settings.port() != 0).setPortCount(PORT_COUNT);
    network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
    network.getMemcacheProtocolConfig().setEnabled(false);

    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getAwsConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(memberList(settings));
    settings.memberCustomizer().accept(config);
    serialization(config.getSerializationConfig(), settings);
    return config;
  }

  /**
   * What a member needs for the builder's partition settings. Confirmed writes: a write whose backups did
   * not confirm it fails instead of being reported done. A cluster size: the internal lock, value and
   * counter maps keep {@code size / 2} synchronous backups, so a write confirmed by all of them is on a
   * majority of members (the other side of any split cannot have confirmed a conflicting one), are refused
   * by a member that has not heard from a majority within {@link #HEARTBEAT_TOLERANCE_MILLIS} (Hazelcast's
   * split-brain protection, recently-active function), and keep the larger side's entries at a merge, so
   * fencing tokens and counters never go back. Dicts and lists get the chosen merge policy, the same backups, and the
   * refusal too when data needs a majority (Hazelcast's own internal maps then too: they take the default
   * configuration, which the data pattern matches).
   */
  private static void partitionSafety(Config config, Settings settings) {
    if (settings.writesMustBeConfirmed()) {
      config.setProperty(FAIL_ON_INDETERMINATE, "true");
    }
    if (settings.clusterSize() > 1) {
      // Members heard from recently, not members in view: a member that loses the others drops them from its
      // view one by one, each at its own heartbeat timeout, and while it still lists some of them it would
      // count a majority it cannot reach; writes whose backup was on a member already dropped then need no
      // confirmation at all. Counting only members whose heartbeat came within the last few seconds refuses
      // such calls before the first member is dropped.
      config.addSplitBrainProtectionConfig(SplitBrainProtectionConfig.newRecentlyActiveSplitBrainProtectionConfigBuilder(
              MAJORITY, Quorum.majority(settings.clusterSize()), HEARTBEAT_TOLERANCE_MILLIS)
          .enabled(true).build().setProtectOn(SplitBrainProtectionOn.READ_WRITE));
      for (String synchronizers : SYNCHRONIZER_MAPS) {
        config.addMapConfig(new MapConfig(synchronizers)
            .setBackupCount(backups(settings))
            .setAsyncBackupCount(0)
            .setSplitBrainProtectionName(MAJORITY)
            .setMergePolicyConfig(new MergePolicyConfig().setPolicy(MergePolicy.LARGER_SIDE_WINS.hazelcastPolicy())));
      }
    }
    if (settings.clusterSize() > 1 || settings.mergePolicy() != MergePolicy.LARGER_SIDE_WINS) {
      config.setConfigPatternMatcher(DictNamePatterns.MATCHER);
      config.addMapConfig(dataMap(new MapConfig("*"), settings));
      ListConfig lists = new ListConfig("*")
          .setBackupCount(backups(settings))
          .setMergePolicyConfig(new MergePolicyConfig().setPolicy(settings.mergePolicy().hazelcastPolicy()));
      if (settings.majorityForData() && settings.clusterSize() > 1) {
        lists.setSplitBrainProtectionName(MAJORITY);
      }
      config.addListConfig(lists);
    }
  }

  /** A dict's map configuration with the partition settings: merge policy, backups, majority if asked. */
  private static MapConfig dataMap(MapConfig map, Settings settings) {
    map.setBackupCount(backups(settings))
        .setMergePolicyConfig(new MergePolicyConfig().setPolicy(settings.mergePolicy().hazelcastPolicy()));
    if (settings.majorityForData() && settings.clusterSize() > 1) {
      map.setSplitBrainProtectionName(MAJORITY);
    }
    return map;
  }

  /** Synchronous backups: enough that a confirmed write is on a majority of a declared cluster; else 1. */
  private static int backups(Settings settings) {
    return Math.max(1, settings.clusterSize() / 2);
  }

  /**
   * With an authKey, the {@link #authKeyFilter}: this library's items are then sealed byte arrays that
   * Hazelcast reads with its own serializer, and a {@code Serializable} item is read back only after its
   * seal was verified ({@link SealedPlaintext}), so no class of the user's is deserialized from what a
   * process without the key writes. Otherwise: if a customizer set a Java deserialization filter, lets this library's own stored forms through it (the
   * null marker and the reference to a shared object), so a filter needs to list only the user's own
   * classes; a filter without a whitelist is left as it is.
   */
  private static void serialization(SerializationConfig serialization, Settings settings) {
    if (settings.sealing() != null) {
      serialization.setJavaSerializationFilterConfig(authKeyFilter());
      return;
    }
    JavaSerializationFilterConfig filter = serialization.getJavaSerializationFilterConfig();
    if (filter != null) {
      filter.getWhitelist().addClasses(NullMarker.class.getName(), ObjectReference.class.getName());
    }
  }

  /**
   * The class name prefixes {@link #authKeyFilter} lets through: what Hazelcast itself sends with Java
   * serialization between members (chiefly the exceptions of failed operations, with their stack traces),
   * none of them a user's class or a known gadget's.
   */
  static final List<String> AUTH_KEY_FILTER_PREFIXES =
      List.of("java.lang.", "java.util.", "java.io.", "java.net.", "java.time.", "com.hazelcast.", "[");

  /**
   * The Java deserialization filter of an instance with an authKey: only the JDK's and Hazelcast's own
   * classes ({@link #AUTH_KEY_FILTER_PREFIXES}), minus Hazelcast's list of known gadget classes. This
   * library's sealed items never need Java serialization from Hazelcast (they are byte arrays), so no
   * class of the user's or of a library on the class path is deserialized from what a peer sent.
   * Refusing every class would be tighter still, but members send each other the exceptions of failed
   * operations with Java serialization, and an operation whose exception cannot be read never completes.
   */
  static JavaSerializationFilterConfig authKeyFilter() {
    JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(false);
    filter.getWhitelist().addPrefixes(AUTH_KEY_FILTER_PREFIXES.toArray(String[]::new));
    return filter;
  }

  /** Whether {@code filter} is the {@link #authKeyFilter}. */
  static boolean isAuthKeyFilter(JavaSerializationFilterConfig filter) {
    if (filter == null || filter.isDefaultsDisabled()) {
      return false;
    }
    ClassFilter allowed = filter.getWhitelist();
    // Hazelcast adds each class it let through to the whitelist's classes, as a cache: those are fine.
    return allowed.getPackages().isEmpty()
        && Set.copyOf(allowed.getPrefixes()).equals(Set.copyOf(AUTH_KEY_FILTER_PREFIXES))
        && allowed.getClasses().stream().allMatch(name -> AUTH_KEY_FILTER_PREFIXES.stream().anyMatch(name::startsWith));
  }

  /**
   * What in a member configuration lets it be reached, or reach out, beyond the bind address and the
   * member list: the closed-by-default settings that a customizer or a wrapped instance turned off. Empty
   * for the configuration {@link #member} builds without a customizer and with a loopback bind address.
   */
  static List<String> openings(Config config) {
    List<String> open = new ArrayList<>();
    NetworkConfig network = config.getNetworkConfig();
    JoinConfig join = network.getJoin();
    if (!"false".equals(config.getProperty(BIND_ANY))) {
      open.add("it listens on all network interfaces (" + BIND_ANY + " is not false)");
    }
    if (!network.getInterfaces().isEnabled()) {
      open.add("no interface is chosen (network interfaces are not enabled)");
    } else {
      for (String address : network.getInterfaces().getInterfaces()) {
        if (!isLoopback(address)) {
          open.add("it uses the non-loopback interface " + address);
        }
      }
    }
    if (join.getMulticastConfig().isEnabled()) {
      open.add("multicast discovery is on");
    }
    if (join.getAutoDetectionConfig().isEnabled()) {
      open.add("auto-detection is on (it probes cloud metadata addresses)");
    }
    if (!"false".equals(config.getProperty(PHONE_HOME))) {
      open.add("phone-home is on (" + PHONE_HOME + ")");
    }
    if (network.getMemcacheProtocolConfig().isEnabled()) {
      open.add("the memcache protocol is on");
    }
    return open;
  }

  /**
   * Whether an address is a loopback address (127.0.0.0/8, ::1, "localhost"): reachable from this machine
   * only. An address given as a name is resolved (as Hazelcast would resolve it).
   */
  static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Whether a member configuration still joins the way {@link #member} set it up with no member list of the
   * user's: TCP-IP only, to the bind address on the builder's ports. A customizer may have changed that.
   */
  static boolean joinsByDefaultList(Config config, Settings settings) {
    NetworkConfig network = config.getNetworkConfig();
    JoinConfig join = network.getJoin();
    return settings.members().isEmpty()
        && join.getTcpIpConfig().isEnabled()
        && join.getTcpIpConfig().getMembers().equals(memberList(settings))
        && !join.getMulticastConfig().isEnabled()
        && !join.getAutoDetectionConfig().isEnabled()
        && network.getPort() == settings.port()
        && network.getPortCount() == PORT_COUNT
        && network.isPortAutoIncrement() == (settings.port() != 0)
        && List.copyOf(network.getInterfaces().getInterfaces()).equals(List.of(settings.bindAddress()));
  }

  private static List<String> memberList(Settings settings) {
    if (!settings.members().isEmpty()) {
      return new ArrayList<>(settings.members());
    }
    // An address without a port makes Hazelcast try the configured port and the ports after it, so other
    // embedded members on this machine with the same settings are found.
    return List.of(settings.bindAddress());
  }

  /**
   * The client configuration {@link HazelcastSharedObjects#client(String...)} uses: it starts without
   * blocking (the caller waits for the connection, bounded by the connect timeout), keeps reconnecting in
   * the background when the cluster goes away, and bounds every invocation by the connect timeout.
   */
  static ClientConfig client(Settings settings, List<String> addresses) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(settings.clusterName());
    config.setProperty(PHONE_HOME, "false");
    long timeoutSeconds = Math.max(1, (settings.connectTimeout().toMillis() + 999) / 1000);
    config.setProperty("hazelcast.client.invocation.timeout.seconds", Long.toString(timeoutSeconds));
    if (settings.writesMustBeConfirmed()) {
      // The backups confirm to the client directly (Hazelcast's default, a hop less than leaving it to the
      // primary member), and a write whose confirmation does not come within 5 s fails. A backup member the
      // client has no connection to yet drops the confirmation (hazelcast/hazelcast#17887), so ClientStart
      // waits until the client is connected to every member.
      config.setProperty(CLIENT_FAIL_ON_INDETERMINATE, "true");
    }
    config.getNetworkConfig().setAddresses(new ArrayList<>(addresses));
    config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getCloudConfig().setEnabled(false);
    config.getNetworkConfig().getAwsConfig().setEnabled(false);
    config.getNetworkConfig().getKubernetesConfig().setEnabled(false);
    // Client metrics are sent to the cluster every 5 s for Management Center, and lengthen the start;
    // -Dhazelcast.client.metrics.enabled=true turns them back on.
    config.getMetricsConfig().setEnabled(false);
    config.getConnectionStrategyConfig().setAsyncStart(true).setReconnectMode(ReconnectMode.ASYNC);
    ConnectionRetryConfig retry = config.getConnectionStrategyConfig().getConnectionRetryConfig();
    retry.setClusterConnectTimeoutMillis(-1); // never give up for good; each call is bounded instead
    retry.setInitialBackoffMillis(100).setMaxBackoffMillis(2000).setMultiplier(1.5).setJitter(0.1);
    if (!settings.nearCachedDicts().isEmpty()) {
      config.setConfigPatternMatcher(DictNamePatterns.MATCHER);
      settings.nearCachedDicts().forEach(pattern -> config.addNearCacheConfig(nearCache(pattern)));
    }
    settings.clientCustomizer().accept(config);
    serialization(config.getSerializationConfig(), settings);
    return config;
  }

  /**
   * The near cache of {@link HazelcastSharedObjectsBuilder#nearCache}: BINARY, so every read deserializes
   * a fresh copy (OBJECT would hand every reader the same instance); keys compared by their serialized form,
   * as the cluster compares them; invalidated on every change; Hazelcast's default bound of 10,000 entries.
   */
  static NearCacheConfig nearCache(String pattern) {
    return new NearCacheConfig(pattern)
        .setInMemoryFormat(InMemoryFormat.BINARY)
        .setSerializeKeys(true)
        .setInvalidateOnChange(true);
  }
}
