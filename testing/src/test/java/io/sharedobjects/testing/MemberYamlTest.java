package io.sharedobjects.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryYamlConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The member properties every stock member and container gets, from the adapter's member.properties. */
class MemberYamlTest {

  @Test
  @DisplayName("the library's member properties are read from member.properties and rendered into every member's YAML")
  void libraryPropertiesRendered() {
    assertThat(MemberYaml.LIBRARY_PROPERTIES).containsOnlyKeys(
        "hazelcast.client.cleanup.timeout.millis",
        "hazelcast.client.cleanup.period.millis",
        "hazelcast.client.max.no.heartbeat.seconds",
        "hazelcast.max.no.heartbeat.seconds",
        "hazelcast.heartbeat.interval.seconds");

    Config config = new InMemoryYamlConfig(MemberYaml.render("MemberYamlTest", "c", 15701, List.of(), Map.of()));
    MemberYaml.LIBRARY_PROPERTIES.forEach((name, value) -> assertThat(config.getProperty(name)).isEqualTo(value));
  }

  @Test
  @DisplayName("a property given for one member replaces the library's value for that member only")
  void extraPropertyWins() {
    Config config = new InMemoryYamlConfig(MemberYaml.render("MemberYamlTest", "c", 15701, List.of(),
        Map.of("hazelcast.client.cleanup.timeout.millis", "7000")));
    assertThat(config.getProperty("hazelcast.client.cleanup.timeout.millis")).isEqualTo("7000");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds"))
        .isEqualTo(MemberYaml.LIBRARY_PROPERTIES.get("hazelcast.max.no.heartbeat.seconds"));
  }
}
