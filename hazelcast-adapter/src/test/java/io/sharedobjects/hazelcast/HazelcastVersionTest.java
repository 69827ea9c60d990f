package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedDict;
import io.sharedobjects.testing.JavaProcess;
import io.sharedobjects.testing.StockHazelcastMember;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Hazelcast version guard, as a user meets it: a program whose build brought an unsupported Hazelcast,
 * and a member whose cluster runs another minor version (what a Spring Boot application's 5.5.0 does to a
 * plain program on 5.7.0). The other versions' jars are copied to {@code target/other-hazelcast} by the build.
 */
class HazelcastVersionTest {

  private static final Path OTHER_VERSIONS = Path.of("target", "other-hazelcast");

  @Test
  @DisplayName("the supported range is 5.4.x to 5.7.x; other versions fail with the version, the range and both fixes")
  void range() {
    for (String supported : new String[] {"5.4.0", "5.5.0", "5.6.0", "5.7.0", "5.7.3", "5.4.1-SNAPSHOT"}) {
      HazelcastVersion.check(supported);
    }
    for (String unsupported : new String[] {"5.3.8", "5.8.0", "6.0.0", "4.2.8", "", "unknown"}) {
      assertThatThrownBy(() -> HazelcastVersion.check(unsupported))
          .isInstanceOf(HazelcastVersionException.class)
          .hasMessageContaining("Hazelcast " + unsupported + " is on the class path")
          .hasMessageContaining("5.4.x to 5.7.x")
          .hasMessageContaining("<hazelcast.version>5.7.0</hazelcast.version>")
          .hasMessageContaining("ext['hazelcast.version'] = '5.7.0'")
          .satisfies(e -> assertThat(((HazelcastVersionException) e).found()).isEqualTo(unsupported));
    }
  }

  @Test
  @DisplayName("this build's Hazelcast is the one the library names as built with")
  void builtWith() {
    assertThat(HazelcastVersion.onClassPath()).isEqualTo(HazelcastVersion.BUILT_WITH);
  }

  @Test
  @DisplayName("a program with Hazelcast 5.3.8 on its class path fails at start, typed, before starting a member")
  void unsupportedOnClassPath() throws Exception {
    Path old = OTHER_VERSIONS.resolve("hazelcast-5.3.8.jar");
    assertThat(old).exists();
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("hazelcast-5"))
        .collect(Collectors.joining(File.pathSeparator)) + File.pathSeparator + old.toAbsolutePath();
    try (JavaProcess child = JavaProcess.builder(StartEmbedded.class)
        .classpath(classpath)
        .withoutEnvironment("HZ_")
        .redirectErrorStream(true)
        .start()) {
      assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.stdout()).isEqualTo(3);
      assertThat(child.stdout())
          .contains("io.sharedobjects.hazelcast.HazelcastVersionException: Hazelcast 5.3.8 is on the class path")
          .contains("5.4.x to 5.7.x")
          .doesNotContain("Members {"); // no member started
    }
  }

  @Test
  @DisplayName("a 5.7 member cannot join a 5.5 cluster: typed, with both versions and the fix; the cluster's data stays")
  void otherMinorInTheCluster() {
    Path jar = OTHER_VERSIONS.resolve("hazelcast-5.5.0.jar");
    String cluster = "version-" + UUID.randomUUID();
    try (StockHazelcastMember old = StockHazelcastMember.builder().clusterName(cluster).hazelcastJar(jar).start();
        HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster).client(old.address())) {
      SharedDict<String, String> dict = client.dict("kept");
      dict.put("before", "the failed join");

      assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterName(cluster).port(0)
              .members(old.address()).embedded())
          .isInstanceOf(HazelcastVersionException.class)
          .hasMessageContaining("This member runs Hazelcast 5.7.0 and cannot join cluster '" + cluster + "'")
          .hasMessageContaining("its members run Hazelcast 5.5.0")
          .hasMessageContaining("<hazelcast.version>5.7.0</hazelcast.version>");

      assertThat(old.isRunning()).isTrue();
      assertThat(dict.get("before")).isEqualTo("the failed join");
    }
  }

  /** Starts an embedded member; exits 3 with the failure printed if the start fails. */
  public static final class StartEmbedded {
    public static void main(String[] args) {
      try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().port(0).embedded()) {
        System.out.println("Members {" + member.hazelcastInstance().getCluster().getMembers());
      } catch (RuntimeException e) {
        System.out.println(e);
        System.exit(3);
      }
    }
  }
}
