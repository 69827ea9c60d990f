package io.sharedobjects.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@link io.sharedobjects.SharedObjects} bean, under {@code shared-objects.*}; the list with
 * formats and defaults is the project's {@code docs/properties.md}. Except {@code enabled} and
 * {@code backend}, every property is an option of the Hazelcast adapter's builder and is kept here as the
 * text given: the adapter's {@code SharedObjectsSpec} parses and checks it when the bean is created, and a
 * bad value fails naming the property, the value and what is allowed. A property left unset takes the
 * adapter's default.
 *
 * <p>When an existing {@code HazelcastInstance} bean is reused, only {@code lock-backend}, {@code lock-lease},
 * {@code connect-timeout} and {@code max-value-size} apply, and {@code cluster-size} and {@code majority-for-data}
 * as this process's own majority check; the instance's own configuration decides the rest.
 * For what properties cannot express, define a {@link SharedObjectsBuilderCustomizer} bean.
 *
 * <p><b>Thread safety:</b> a mutable bean, written by Spring's binder at start and read afterwards.
 */
@ConfigurationProperties("shared-objects")
public class SharedObjectsProperties {

  /** Whether to configure a SharedObjects bean at all. */
  private boolean enabled = true;

  /**
   * Where shared objects live: hazelcast (an embedded member or a client, shared by every connected process)
   * or in-memory (this JVM only, for tests).
   */
  private SharedObjectsBackend backend = SharedObjectsBackend.HAZELCAST;

  /**
   * Hazelcast only: embedded (this JVM is a cluster member) or client (connects to the members at addresses).
   */
  private String mode = "embedded";

  /** Hazelcast only: the cluster to form, join or connect to. Default: shared-objects. */
  private String clusterName;

  /**
   * Hazelcast only: member addresses as host:port. Client mode connects to them (at least one is needed);
   * embedded mode joins them, as members does.
   */
  private List<String> addresses = new ArrayList<>();

  /**
   * Embedded only: other members to join, as host:port. Default: the bind address on the ports from the
   * port up.
   */
  private List<String> members = new ArrayList<>();

  /**
   * Embedded only: the first port to listen on; the next 19 are tried if taken. 0 lets the system pick a
   * free port. Default: 5701.
   */
  private String port;

  /**
   * Embedded only: the address to listen on. Default: 127.0.0.1, unreachable from other machines; any other
   * address exposes an unauthenticated member to that network.
   */
  private String bindAddress;

  /**
   * Hazelcast only: how long a client waits to connect and each call waits for an answer before failing,
   * such as 500ms, 10s or PT10S. Default: 10s.
   */
  private String connectTimeout;

  /**
   * Hazelcast only: which structure backs locks: auto (CP where the cluster offers it, else map), map or cp.
   * Default: auto.
   */
  private String lockBackend;

  /**
   * Map lock backend only: release a lock automatically this long after it was taken, even from a live
   * holder, such as 30s. Default: no lease.
   */
  private String lockLease;

  /**
   * Embedded only: how long a dead client's locks outlive its connection, such as 5s; 0 releases them at
   * the next check. Default: 5s.
   */
  private String ownerCleanupTimeout;

  /**
   * Hazelcast only: the largest serialized size of one key, value or element, such as 16MB or 1048576 (KB,
   * MB, GB are powers of 1024). Default: 16MB.
   */
  private String maxValueSize;

  /**
   * Hazelcast only: names of the dicts to serve reads from a near cache in this process; one * in a name
   * stands for any characters (prices, config.*). Default: none.
   */
  private List<String> nearCache = new ArrayList<>();

  /**
   * Hazelcast only: how many members the cluster is meant to have, 1 to 13, the same in every process. From
   * 2 up, locks and the other synchronizers need a majority (members / 2 + 1) and the smaller side of a
   * partition refuses them with NoQuorumException; writes must be confirmed. Default: 0, none declared.
   */
  private String clusterSize;

  /**
   * Hazelcast only, with cluster-size: dicts and lists need a majority too, so the smaller side of a
   * partition refuses them instead of serving data the merge will overwrite; true or false. Default: false.
   */
  private String majorityForData;

  /**
   * Hazelcast only: a write is reported done only once its backup confirmed it, else fails; true or false.
   * Always on with a cluster-size of 2 or more. Default: false.
   */
  private String confirmedWrites;

  /**
   * Embedded only: what becomes of dicts and lists written on both sides of a partition when it heals:
   * larger-side-wins, smaller-side-wins or discard-smaller-side. Default: larger-side-wins.
   */
  private String mergePolicy;

  /**
   * Hazelcast only: the authKey every process sharing objects must have (a passphrase, or base64: and a raw
   * key of 16 bytes or more); every item written is sealed with it and every read verified. Keep it out of
   * files; set it from the environment (SHARED_OBJECTS_AUTH_KEY) or a secrets store. Default: none.
   */
  private String authKey;

  /**
   * Hazelcast only: in step 2 of rotating the authKey, the key it replaces: items sealed with it are still
   * read, nothing new is sealed with it (docs/security.md#rotating-the-key). Keep it out of files; set it from the
   * environment (SHARED_OBJECTS_PREVIOUS_AUTH_KEY). Default: none.
   */
  private String previousAuthKey;

  /**
   * Hazelcast only: in step 1 of rotating the authKey, the key that will replace it: items sealed with it are
   * read, nothing is sealed with it yet (docs/security.md#rotating-the-key). Keep it out of files; set it from
   * the environment (SHARED_OBJECTS_NEXT_AUTH_KEY). Default: none.
   */
  private String nextAuthKey;

  /**
   * Hazelcast only: true lets a member bound to a non-loopback address, or a client of members at one,
   * start without an auth-key, on a network you trust entirely; true or false. Default: false.
   */
  private String unauthenticated;

  /**
   * The Hazelcast settings given, keyed as {@code SharedObjectsSpec} expects ({@code port}, {@code
   * cluster-name}, ...), lists joined with commas; unset ones left out.
   */
  Map<String, String> hazelcastSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    put(settings, "mode", mode);
    put(settings, "cluster-name", clusterName);
    put(settings, "addresses", String.join(",", addresses));
    put(settings, "members", String.join(",", members));
    put(settings, "port", port);
    put(settings, "bind-address", bindAddress);
    put(settings, "connect-timeout", connectTimeout);
    put(settings, "lock-backend", lockBackend);
    put(settings, "lock-lease", lockLease);
    put(settings, "owner-cleanup-timeout", ownerCleanupTimeout);
    put(settings, "max-value-size", maxValueSize);
    put(settings, "near-cache", String.join(",", nearCache));
    put(settings, "cluster-size", clusterSize);
    put(settings, "majority-for-data", majorityForData);
    put(settings, "confirmed-writes", confirmedWrites);
    put(settings, "merge-policy", mergePolicy);
    put(settings, "auth-key", authKey);
    put(settings, "previous-auth-key", previousAuthKey);
    put(settings, "next-auth-key", nextAuthKey);
    put(settings, "unauthenticated", unauthenticated);
    return settings;
  }

  private static void put(Map<String, String> settings, String key, String value) {
    if (value != null && !value.isEmpty()) {
      settings.put(key, value);
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public SharedObjectsBackend getBackend() {
    return backend;
  }

  public void setBackend(SharedObjectsBackend backend) {
    this.backend = backend;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getClusterName() {
    return clusterName;
  }

  public void setClusterName(String clusterName) {
    this.clusterName = clusterName;
  }

  public List<String> getAddresses() {
    return addresses;
  }

  public void setAddresses(List<String> addresses) {
    this.addresses = addresses;
  }

  public List<String> getMembers() {
    return members;
  }

  public void setMembers(List<String> members) {
    this.members = members;
  }

  public String getPort() {
    return port;
  }

  public void setPort(String port) {
    this.port = port;
  }

  public String getBindAddress() {
    return bindAddress;
  }

  public void setBindAddress(String bindAddress) {
    this.bindAddress = bindAddress;
  }

  public String getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(String connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public String getLockBackend() {
    return lockBackend;
  }

  public void setLockBackend(String lockBackend) {
    this.lockBackend = lockBackend;
  }

  public String getLockLease() {
    return lockLease;
  }

  public void setLockLease(String lockLease) {
    this.lockLease = lockLease;
  }

  public String getOwnerCleanupTimeout() {
    return ownerCleanupTimeout;
  }

  public void setOwnerCleanupTimeout(String ownerCleanupTimeout) {
    this.ownerCleanupTimeout = ownerCleanupTimeout;
  }

  public String getMaxValueSize() {
    return maxValueSize;
  }

  public void setMaxValueSize(String maxValueSize) {
    this.maxValueSize = maxValueSize;
  }

  public List<String> getNearCache() {
    return nearCache;
  }

  public void setNearCache(List<String> nearCache) {
    this.nearCache = nearCache;
  }

  public String getClusterSize() {
    return clusterSize;
  }

  public void setClusterSize(String clusterSize) {
    this.clusterSize = clusterSize;
  }

  public String getMajorityForData() {
    return majorityForData;
  }

  public void setMajorityForData(String majorityForData) {
    this.majorityForData = majorityForData;
  }

  public String getConfirmedWrites() {
    return confirmedWrites;
  }

  public void setConfirmedWrites(String confirmedWrites) {
    this.confirmedWrites = confirmedWrites;
  }

  public String getUnauthenticated() {
    return unauthenticated;
  }

  public void setUnauthenticated(String unauthenticated) {
    this.unauthenticated = unauthenticated;
  }

  public String getAuthKey() {
    return authKey;
  }

  public void setAuthKey(String authKey) {
    this.authKey = authKey;
  }

  public String getPreviousAuthKey() {
    return previousAuthKey;
  }

  public void setPreviousAuthKey(String previousAuthKey) {
    this.previousAuthKey = previousAuthKey;
  }

  public String getNextAuthKey() {
    return nextAuthKey;
  }

  public void setNextAuthKey(String nextAuthKey) {
    this.nextAuthKey = nextAuthKey;
  }

  /** As the other properties, but never shows the authKey. */
  @Override
  public String toString() {
    return "SharedObjectsProperties" + hazelcastSettings().keySet();
  }

  public String getMergePolicy() {
    return mergePolicy;
  }

  public void setMergePolicy(String mergePolicy) {
    this.mergePolicy = mergePolicy;
  }
}
