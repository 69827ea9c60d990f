package io.sharedobjects.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@link io.sharedobjects.SharedObjects} bean, under {@code shared-objects.*}. A setting left
 * unset ({@code null}) takes the Hazelcast adapter's default.
 *
 * <p>When an existing {@code HazelcastInstance} bean is reused, only {@code lock-backend} and
 * {@code connect-timeout} apply; the instance's own configuration decides the rest.
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
  private Backend backend = Backend.HAZELCAST;

  /**
   * Hazelcast only: embedded (this JVM is a cluster member) or client (connects to the members at addresses).
   */
  private Mode mode = Mode.EMBEDDED;

  /** Hazelcast only: the cluster to form, join or connect to. Default: shared-objects. */
  private String clusterName;

  /**
   * Hazelcast only: member addresses as host:port. Client mode connects to them (at least one is needed);
   * embedded mode joins them (default: 127.0.0.1 on the ports from 5701 up).
   */
  private List<String> addresses = new ArrayList<>();

  /**
   * Embedded only: the first port to listen on; the next 19 are tried if taken. 0 lets the system pick a
   * free port. Default: 5701.
   */
  private Integer port;

  /**
   * Hazelcast only: how long a client waits to connect and each call waits for an answer before failing.
   * Default: 10s.
   */
  private Duration connectTimeout;

  /**
   * Hazelcast only: which structure backs locks: auto (CP where the cluster offers it, else map), map or cp.
   */
  private LockBackend lockBackend = LockBackend.AUTO;

  /** {@code shared-objects.backend}. */
  public enum Backend {
    /** Hazelcast, as a member or a client: objects shared by every connected process. */
    HAZELCAST,
    /** {@code InMemorySharedObjects}: objects in this JVM only, for tests. Needs no Hazelcast. */
    IN_MEMORY
  }

  /** {@code shared-objects.mode}. */
  public enum Mode {
    /** This JVM is a Hazelcast member. */
    EMBEDDED,
    /** This JVM is a Hazelcast client of members at {@code shared-objects.addresses}. */
    CLIENT
  }

  /** {@code shared-objects.lock-backend}, the adapter's {@code LockBackend} by name. */
  public enum LockBackend {
    /** CP where the cluster offers the CP Subsystem, else map. */
    AUTO,
    /** Locks on keys of a Hazelcast map; works on every open-source cluster. */
    MAP,
    /** The CP Subsystem's FencedLock; needs Hazelcast Enterprise or open source up to 5.4. */
    CP
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Backend getBackend() {
    return backend;
  }

  public void setBackend(Backend backend) {
    this.backend = backend;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public String getClusterName() {
    return clusterName;
  }

  public void setClusterName(String clusterName) {
    if (clusterName != null && clusterName.isBlank()) {
      throw new IllegalArgumentException("shared-objects.cluster-name must not be blank");
    }
    this.clusterName = clusterName;
  }

  public List<String> getAddresses() {
    return addresses;
  }

  public void setAddresses(List<String> addresses) {
    this.addresses = addresses;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("shared-objects.port must be 0 to 65535 (0: the system picks a free port), was " + port);
    }
    this.port = port;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    if (connectTimeout != null && (connectTimeout.isZero() || connectTimeout.isNegative())) {
      throw new IllegalArgumentException("shared-objects.connect-timeout must be positive, such as 10s, was " + connectTimeout);
    }
    this.connectTimeout = connectTimeout;
  }

  public LockBackend getLockBackend() {
    return lockBackend;
  }

  public void setLockBackend(LockBackend lockBackend) {
    this.lockBackend = lockBackend;
  }
}
