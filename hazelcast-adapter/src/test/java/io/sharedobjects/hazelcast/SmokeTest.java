package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void embeddedAndClient() {
    String cluster = "smoke-" + UUID.randomUUID();
    long t0 = System.nanoTime();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      System.out.println("member ms " + (System.nanoTime() - t0) / 1_000_000 + " at " + member.address() + " locks " + member.lockBackend());
      long t1 = System.nanoTime();
      try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address())) {
        System.out.println("client ms " + (System.nanoTime() - t1) / 1_000_000);
        SharedDict<Object, Object> d = member.dict();
        SharedList<Integer> l = member.list();
        for (int i = 0; i < 10; i++) l.add(i);
        SharedDict<Object, Object> cd = client.dict(d.name());
        cd.put(1, "1"); cd.put("2", 2); cd.put(0.25, null); cd.put(null, "nullkey");
        client.<Integer>list(l.name()).reverse();
        System.out.println(d + " " + l);
        assertThat(d).containsEntry(1, "1").containsEntry("2", 2).containsEntry(0.25, null).containsEntry(null, "nullkey").hasSize(4);
        assertThat(l).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        SharedLock lock = client.lock("x");
        try (SharedLock.Hold h = lock.acquire()) {
          assertThat(h.fence()).isEqualTo(1);
          assertThat(member.lock("x").isLocked()).isTrue();
        }
        try (SharedLock.Hold h = member.lock("x").acquire()) {
          assertThat(h.fence()).isEqualTo(2);
        }
      }
    }
  }
}
