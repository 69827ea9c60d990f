package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;

/**
 * For the kit's runs on other Hazelcast versions ({@code hazelcast-version-tests}): when the build names the
 * version a run is for ({@value #PROPERTY}), the run checks that this JVM and the cluster's members run it,
 * so a class path that still had the build's own Hazelcast cannot pass for evidence.
 */
final class ExpectedHazelcast {

  static final String PROPERTY = "shared-objects.expected-hazelcast";

  private ExpectedHazelcast() {
  }

  /** Checks this JVM's Hazelcast and that of every member {@code instance} sees, if a version is expected. */
  static void check(HazelcastInstance instance) {
    String expected = System.getProperty(PROPERTY);
    if (expected == null) {
      return;
    }
    assertThat(HazelcastVersion.onClassPath()).as("Hazelcast on this JVM's class path").isEqualTo(expected);
    for (Member member : instance.getCluster().getMembers()) {
      assertThat(member.getVersion().toString()).as("Hazelcast of member " + member).isEqualTo(expected);
    }
  }
}
