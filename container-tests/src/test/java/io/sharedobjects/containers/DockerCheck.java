package io.sharedobjects.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs {@link ContainerTest} classes only where a Docker engine and the member image are available.
 *
 * <p>Elsewhere (a contributor's laptop without Docker) they are skipped with a message saying how to enable
 * them, unless Docker is required: {@code -Dshared-objects.require-docker=true}, or the environment variable
 * {@code CI=true} when that property is not set. Then a missing engine or image fails the tests, so CI can
 * never pass by skipping them.
 *
 * <p>Testcontainers 2 speaks Docker API 1.44 unless told otherwise, which engines before Docker 25 (such as
 * Debian 12's {@code docker.io} 20.10, API 1.41) refuse. So before Testcontainers first connects, this asks
 * a local engine (on a unix socket) for its API version and, if it is older, has Testcontainers use it
 * ({@code api.version}); an {@code api.version} the user set wins.
 *
 * <p>Thread-safe: the check runs once per JVM.
 */
final class DockerCheck implements ExecutionCondition {

  /** The system property that makes a missing engine or image a failure instead of a skip. */
  static final String REQUIRE_PROPERTY = "shared-objects.require-docker";

  private static final String HOW_TO_ENABLE = " To run these tests: start a Docker engine (Debian: apt-get install"
      + " docker.io; dockerd --storage-driver=vfs --bridge=none --iptables=false --ip6tables=false), build the"
      + " member image with .ci/build-member-image.sh, or, where a registry is reachable, use the official image"
      + " with -Dshared-objects.hazelcast.image=hazelcast/hazelcast:5.7.0. See docs/client-server.md.";

  private static final Pattern API_VERSION = Pattern.compile("\"ApiVersion\"\\s*:\\s*\"(\\d+)\\.(\\d+)\"");

  private static String problem;
  private static boolean checked;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String problem = problem();
    if (problem == null) {
      return ConditionEvaluationResult.enabled("Docker engine and member image " + MemberImage.name() + " available");
    }
    if (required()) {
      throw new IllegalStateException("Container tests are required here (-D" + REQUIRE_PROPERTY
          + "=true or CI=true) but cannot run: " + problem + "." + HOW_TO_ENABLE);
    }
    return ConditionEvaluationResult.disabled("No container tests: " + problem + "." + HOW_TO_ENABLE);
  }

  /** Whether a missing engine or image fails the tests instead of skipping them. */
  static boolean required() {
    String property = System.getProperty(REQUIRE_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Boolean.parseBoolean(property.trim());
    }
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static synchronized String problem() {
    if (!checked) {
      checked = true;
      problem = findProblem();
    }
    return problem;
  }

  private static String findProblem() {
    adoptOlderEngineApiVersion();
    try {
      DockerClientFactory.instance().client();
    } catch (RuntimeException e) {
      return "no usable Docker engine (" + e.getMessage() + ")";
    }
    DockerImageName image = MemberImage.name();
    if (MemberImage.isLocalOnly(image)) {
      try {
        DockerClientFactory.instance().client().inspectImageCmd(image.asCanonicalNameString()).exec();
      } catch (NotFoundException e) {
        return "the member image " + image.asCanonicalNameString() + " is not in the Docker engine"
            + " (it is built locally, never pulled)";
      }
    }
    return null;
  }

  /** Tells Testcontainers the engine's API version if the engine is older than Testcontainers' default. */
  private static void adoptOlderEngineApiVersion() {
    if (System.getProperty("api.version") != null || System.getenv("API_VERSION") != null) {
      return;
    }
    String host = System.getenv("DOCKER_HOST");
    Path socket;
    if (host == null || host.isBlank()) {
      socket = Path.of("/var/run/docker.sock");
    } else if (host.startsWith("unix://")) {
      socket = Path.of(host.substring("unix://".length()));
    } else {
      return;
    }
    if (!Files.exists(socket)) {
      return;
    }
    String answer;
    SocketChannel[] open = new SocketChannel[1];
    CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> {
      try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        open[0] = channel;
        channel.write(StandardCharsets.US_ASCII.encode("GET /version HTTP/1.0\r\nHost: docker\r\n\r\n"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) > 0 && bytes.size() < 1 << 20) {
          bytes.write(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        return bytes.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
    try {
      // Bounded: an engine that accepts but never answers must not hang the build.
      answer = request.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      closeQuietly(open[0]);
      return;
    }
    Matcher version = API_VERSION.matcher(answer);
    if (version.find()) {
      int major = Integer.parseInt(version.group(1));
      int minor = Integer.parseInt(version.group(2));
      if (major == 1 && minor < 44) {
        System.setProperty("api.version", major + "." + minor);
      }
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Already broken.
      }
    }
  }
}
