package io.sharedobjects.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A stock Hazelcast member in a Docker container, for Testcontainers tests of client-mode code: the official
 * {@code hazelcast/hazelcast} image by default, or any image that starts a member the same way (such as the
 * one {@code .ci/build-member-image.sh} builds where no registry is reachable).
 *
 * <pre>{@code
 * try (HazelcastMemberContainer member = new HazelcastMemberContainer().withClusterName("orders-test")) {
 *   member.start();
 *   try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
 *       .clusterName(member.clusterName()).client(member.address())) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p><b>Image:</b> {@link #configuredImage()}: the system property {@value #IMAGE_PROPERTY}, else the
 * environment variable {@value #IMAGE_ENV}, else {@value #DEFAULT_IMAGE}. The member's configuration is a
 * YAML file copied into the container and named by {@code -Dhazelcast.config} in {@code JAVA_OPTS} (and by
 * {@code HAZELCAST_CONFIG}), the mechanism the official image documents, so any image that honours it works.
 *
 * <p><b>Network:</b> the container uses the host's network and the member binds 127.0.0.1 on {@link #port()}
 * (a free port picked when this object is created, unless set), so clients reach it at {@link #address()}
 * with no port mapping, and members of one cluster find each other by their real addresses. Join is TCP-IP
 * with the given members only; multicast, cloud auto-detection and phone-home are off. Nothing listens
 * beyond the loopback interface.
 *
 * <p><b>Defaults</b> (each overridable with {@link #withProperty(String, String)}): a dead client's locks
 * are released after 5 s ({@code hazelcast.client.cleanup.timeout.millis}), a member that vanishes is
 * declared dead after 10 s without heartbeats, as for members {@code HazelcastSharedObjects.embedded()}
 * starts (the properties of {@code io.sharedobjects.hazelcast.MemberProperties}). {@link #start()} returns once the member logs that it {@code is STARTED} (bounded, 2 minutes by
 * default).
 *
 * <p><b>Stopping:</b> {@link #stop()} (Testcontainers' own) kills and removes the container: an abrupt stop.
 * {@link #kill()} kills it and keeps it for its logs; {@link #stopGracefully(Duration)} sends SIGTERM so the
 * member hands its partitions over first. {@link #restart()} replaces the container, in whatever state, with
 * a new one on the same port and configuration: a restarted member (with none of the old one's data).
 * Configure the container before its first start; later changes do not reach a restarted member. Ryuk is
 * not needed: close every container (try-with-resources or {@code @AfterAll}), and set
 * {@code TESTCONTAINERS_RYUK_DISABLED=true} where Ryuk's image cannot be pulled.
 *
 * <p>Testcontainers is an optional dependency of this module: add {@code org.testcontainers:testcontainers}
 * (2.x) to your test classpath to use this class.
 *
 * <p><b>Thread safety:</b> not thread-safe; configure and start it from one thread. {@link #address()},
 * {@link #port()} and {@link #clusterName()} may be read from any thread.
 */
public final class HazelcastMemberContainer extends GenericContainer<HazelcastMemberContainer> {

  /** The system property naming the member image. */
  public static final String IMAGE_PROPERTY = "shared-objects.hazelcast.image";

  /** The environment variable naming the member image, used when the system property is not set. */
  public static final String IMAGE_ENV = "SHARED_OBJECTS_HAZELCAST_IMAGE";

  /** The official open-source image of the Hazelcast version this library is built against. */
  public static final String DEFAULT_IMAGE = "hazelcast/hazelcast:5.7.0";

  /** The cluster name {@code HazelcastSharedObjects.embedded()} and {@code client(...)} use. */
  public static final String DEFAULT_CLUSTER_NAME = "shared-objects";

  /** Where the generated configuration goes in the container; readable by the official image's user. */
  static final String CONFIG_PATH = "/opt/hazelcast/config_ext/shared-objects-member.yaml";

  private static final String HOST = MemberYaml.HOST;

  private final int port;
  private String clusterName = DEFAULT_CLUSTER_NAME;
  private final Set<String> members = new LinkedHashSet<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final List<String> javaOptions = new ArrayList<>();
  /** Set at the first start: Testcontainers keeps what is to be copied, so restarts reuse it. */
  private boolean configured;

  /** A member on {@link #configuredImage()}, on a free port picked now. */
  public HazelcastMemberContainer() {
    this(configuredImage(), freePort());
  }

  /** A member on {@link #configuredImage()} listening on {@code port} (1 to 65535). */
  public HazelcastMemberContainer(int port) {
    this(configuredImage(), port);
  }

  /** A member on {@code image} listening on {@code port} (1 to 65535). */
  public HazelcastMemberContainer(DockerImageName image, int port) {
    super(Objects.requireNonNull(image, "image"));
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("A port is 1 to 65535, not " + port);
    }
    this.port = port;
    withNetworkMode("host");
    waitingFor(Wait.forLogMessage(".*is STARTED.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
  }

  /**
   * The member image: the system property {@value #IMAGE_PROPERTY}, else the environment variable
   * {@value #IMAGE_ENV}, else {@value #DEFAULT_IMAGE}. Other images are declared compatible with the
   * official one, so Testcontainers accepts them wherever it expects that image.
   */
  public static DockerImageName configuredImage() {
    String name = System.getProperty(IMAGE_PROPERTY);
    if (name == null || name.isBlank()) {
      name = System.getenv(IMAGE_ENV);
    }
    if (name == null || name.isBlank()) {
      return DockerImageName.parse(DEFAULT_IMAGE);
    }
    return DockerImageName.parse(name.trim()).asCompatibleSubstituteFor("hazelcast/hazelcast");
  }

  /**
   * A port on 127.0.0.1 that was free a moment ago. Use it to plan a cluster whose members must know each
   * other's ports before they start; another process may take it first, and the member then fails to start.
   */
  public static int freePort() {
    return StockHazelcastMember.freePort();
  }

  /** The cluster name; default {@value #DEFAULT_CLUSTER_NAME}. Use a unique one per test class. */
  public HazelcastMemberContainer withClusterName(String clusterName) {
    Objects.requireNonNull(clusterName, "clusterName");
    if (clusterName.isBlank()) {
      throw new IllegalArgumentException("The cluster name must not be blank");
    }
    this.clusterName = clusterName;
    return this;
  }

  /**
   * Other members of the cluster to join, as {@code "127.0.0.1:<port>"} (see {@link #address()}); default
   * none. Give every member the addresses of all the others.
   */
  public HazelcastMemberContainer withMembers(String... addresses) {
    for (String address : addresses) {
      members.add(Objects.requireNonNull(address, "address"));
    }
    return this;
  }

  /** Sets a Hazelcast property in the member's configuration, on top of (or replacing) the defaults. */
  public HazelcastMemberContainer withProperty(String name, String value) {
    properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Appends options for the member's JVM to {@code JAVA_OPTS}, such as {@code -Xmx512m}. */
  public HazelcastMemberContainer withJavaOptions(String... options) {
    javaOptions.addAll(List.of(options));
    return this;
  }

  /** Where clients connect: {@code "127.0.0.1:<port>"}. */
  public String address() {
    return HOST + ":" + port;
  }

  /** The port the member listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The cluster name clients must use. */
  public String clusterName() {
    return clusterName;
  }

  /** The YAML configuration the member starts with. */
  public String memberConfig() {
    return MemberYaml.render("HazelcastMemberContainer", clusterName, port, List.copyOf(members), properties);
  }

  @Override
  protected void configure() {
    super.configure();
    if (configured) {
      return;
    }
    configured = true;
    withCopyToContainer(Transferable.of(memberConfig()), CONFIG_PATH);
    List<String> opts = new ArrayList<>();
    opts.add("-Dhazelcast.config=" + CONFIG_PATH);
    // Also as a system property: read before the configuration file, and by every image's start script.
    opts.add("-Dhazelcast.phone.home.enabled=false");
    opts.addAll(javaOptions);
    withEnv("JAVA_OPTS", String.join(" ", opts));
    withEnv("HAZELCAST_CONFIG", CONFIG_PATH);
  }

  /**
   * Kills the member's container at once (SIGKILL), as a crash does: no shutdown, the other members notice
   * only by the broken connection and missing heartbeats. The container is kept (its logs stay readable)
   * until {@link #stop()} or {@link #restart()}. Does nothing if it is not running.
   */
  public void kill() {
    if (isRunning()) {
      getDockerClient().killContainerCmd(getContainerId()).exec();
    }
  }

  /**
   * Stops the member gracefully: SIGTERM, so Hazelcast hands its partitions to the other members before it
   * leaves; waits up to {@code timeout} for the container to exit, then kills it. The container is kept
   * until {@link #stop()} or {@link #restart()}. Does nothing if it is not running.
   */
  public void stopGracefully(Duration timeout) {
    if (isRunning()) {
      int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
      getDockerClient().stopContainerCmd(getContainerId()).withTimeout(seconds).exec();
    }
  }

  /**
   * Replaces the container, running or not, with a new one on the same port and with the same
   * configuration, and waits until its member is started: a member restart. The new member starts empty
   * (open-source Hazelcast keeps no disk copy); in a cluster, it joins the other members.
   */
  public void restart() {
    stop();
    start();
  }

  @Override
  public String toString() {
    return "HazelcastMemberContainer[" + getDockerImageName() + ", " + clusterName + "@" + address()
        + (getContainerId() == null ? "" : ", " + getContainerId().substring(0, Math.min(12, getContainerId().length())))
        + "]";
  }
}
