package io.sharedobjects.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The whole application as Boot starts it: auto-configuration from the starter's imports file. */
@SpringBootTest(properties = {"shared-objects.cluster-name=visit-counter-test-${random.uuid}", "shared-objects.port=0"})
@DirtiesContext // closes the context, and so the embedded member, after this class
class VisitCounterApplicationTest {

  @Autowired
  VisitCounterApplication.VisitCounter counter;

  @Autowired
  SharedObjects shared;

  @Test
  @DisplayName("the service gets the auto-configured SharedObjects: an embedded member on the given cluster")
  void serviceUsesSharedObjects() {
    assertThat(shared).isInstanceOf(HazelcastSharedObjects.class);
    assertThat(((HazelcastSharedObjects) shared).clusterName()).startsWith("visit-counter-test-");

    assertThat(counter.visit("home")).isEqualTo(1);
    assertThat(counter.visit("home")).isEqualTo(2);
    assertThat(shared.<String, Integer>dict("visits").get("home")).isEqualTo(2);
  }
}
