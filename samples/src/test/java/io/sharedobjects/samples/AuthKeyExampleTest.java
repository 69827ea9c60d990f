package io.sharedobjects.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class AuthKeyExampleTest {

  @Test
  @DisplayName("with an authKey, the child inherits it and the seed prints what Python prints; a process without it cannot read")
  void seedWithAKey() throws InterruptedException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (HazelcastSharedObjects manager = HazelcastSharedObjects.builder()
        .clusterName("auth-key-example-test-" + UUID.randomUUID()).port(0)
        .authKey("the sample test's passphrase").embedded()) {
      AuthKeyExample.run(manager, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }
    java.util.List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.subList(0, 2)).containsExactly("{1: '1', '2': 2, 0.25: None}", "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    assertThat(lines.get(2)).matches("a process without the key: AuthKeyMismatchException \\(dict '[^']+'\\)");
  }
}
