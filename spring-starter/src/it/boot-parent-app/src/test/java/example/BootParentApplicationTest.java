package example;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.instance.BuildInfoProvider;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What a user of Boot's parent gets with no version override: the Hazelcast Boot manages (not the one the
 * starter was built with), and, that version being in the supported range, an application that starts
 * and shares a dict with another process of the same Hazelcast.
 */
@SpringBootTest(properties = {"shared-objects.port=0", "shared-objects.cluster-name=boot-parent-it"})
class BootParentApplicationTest {

  @Autowired
  SharedObjects shared;

  @Test
  void runsOnTheHazelcastBootManages() {
    assertThat(BuildInfoProvider.getBuildInfo().getVersion())
        .as("Hazelcast on the application's class path")
        .isEqualTo(System.getProperty("boot.managed.hazelcast"));

    SharedDict<String, String> dict = shared.dict("orders");
    dict.put("1", "one");
    HazelcastSharedObjects app = (HazelcastSharedObjects) shared;
    try (HazelcastSharedObjects other = HazelcastSharedObjects.builder().clusterName("boot-parent-it")
        .client(app.address())) {
      assertThat(other.<String, String>dict("orders").get("1")).isEqualTo("one");
    }
  }
}
