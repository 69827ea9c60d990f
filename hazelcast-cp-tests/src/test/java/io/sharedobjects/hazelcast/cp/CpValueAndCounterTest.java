package io.sharedobjects.hazelcast.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.spi.exception.DistributedObjectDestroyedException;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedValue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.LockBackend;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Where the cluster offers the CP Subsystem, values and counters are its atomic structures of the same name. */
@Tag("cp")
class CpValueAndCounterTest {

  private static CpCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new CpCluster();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("a shared counter is the IAtomicLong of the same name, and nothing is written to the counter map")
  void counterIsTheAtomicLong() {
    String name = "cp-counter-" + UUID.randomUUID();
    HazelcastInstance member = cluster.member(0);
    SharedCounter counter = HazelcastSharedObjects.wrap(member).counter(name);

    assertThat(counter.addAndGet(41)).isEqualTo(41);
    assertThat(member.getCPSubsystem().getAtomicLong(name).incrementAndGet()).isEqualTo(42);
    assertThat(counter.get()).isEqualTo(42);
    assertThat(member.getMap("__shared-objects.counters").containsKey(name)).isFalse();
  }

  @Test
  @DisplayName("a shared value is the IAtomicReference of the same name, and nothing is written to the value map")
  void valueIsTheAtomicReference() {
    String name = "cp-value-" + UUID.randomUUID();
    HazelcastInstance member = cluster.member(0);
    SharedValue<String> value = HazelcastSharedObjects.wrap(member).value(name);

    value.set("held by Raft");
    assertThat(member.getCPSubsystem().getAtomicReference(name).get()).isNotNull();
    assertThat(HazelcastSharedObjects.wrap(cluster.member(2)).<String>value(name).get()).isEqualTo("held by Raft");
    assertThat(member.getMap("__shared-objects.values").containsKey(name)).isFalse();
  }

  @Test
  @DisplayName("destroy resets rather than destroys: the CP Subsystem refuses a destroyed name for good, and the name must count again")
  void destroyResets() {
    HazelcastInstance member = cluster.member(0);
    String destroyed = "cp-destroyed-" + UUID.randomUUID();
    member.getCPSubsystem().getAtomicLong(destroyed).destroy();
    assertThatThrownBy(() -> member.getCPSubsystem().getAtomicLong(destroyed).get())
        .isInstanceOf(DistributedObjectDestroyedException.class);

    String name = "cp-reset-" + UUID.randomUUID();
    SharedCounter counter = HazelcastSharedObjects.wrap(member).counter(name);
    counter.addAndGet(5);
    counter.destroy();
    assertThat(counter.incrementAndGet()).isEqualTo(1);
    assertThat(member.getCPSubsystem().getAtomicLong(name).get()).isEqualTo(1);
  }

  @Test
  @DisplayName("MAP, chosen explicitly where CP is offered, keeps values and counters in the internal maps")
  void mapCanBeForced() {
    HazelcastSharedObjects shared =
        HazelcastSharedObjects.builder().lockBackend(LockBackend.MAP).wrap(cluster.member(0));
    String name = "forced-" + UUID.randomUUID();
    shared.counter(name).incrementAndGet();
    shared.<String>value(name).set("x");

    assertThat(cluster.member(0).getMap("__shared-objects.counters").get(name)).isEqualTo(1L);
    assertThat(cluster.member(0).getMap("__shared-objects.values").containsKey(name)).isTrue();
    assertThat(cluster.member(0).getCPSubsystem().getAtomicLong(name).get()).isZero();
  }

  /** A class no backend can store: its field is declared as {@code Object}. */
  public static final class HoldsObject {
    private Object payload;

    public HoldsObject() {}

    public HoldsObject(Object payload) {
      this.payload = payload;
    }

    public Object getPayload() {
      return payload;
    }
  }

  /**
   * Hazelcast 5.4 to 5.6 register the JDK class of an {@code Object} field's value for Compact serialization
   * when they refuse the holder, and from then on an instance can neither write nor read that class (5.7
   * does not). The library undoes that registration after each refusal ({@code
   * HazelcastInternals.Serializer.forgetFailedRegistrations}); without it, both calls below fail naming
   * {@code java.lang.String}. {@code hazelcast-version-tests} runs the whole kit, refusals included, on 5.4,
   * 5.5 and 5.6.
   */
  @Test
  @DisplayName("after refusing a new Object() and then a class with an Object field, a 5.4 instance still writes and reads a String")
  void refusalsLeaveStringsStorable() {
    try (HazelcastSharedObjects alone = HazelcastSharedObjects.builder().clusterName("bug-" + UUID.randomUUID())
        .port(0).lockBackend(LockBackend.MAP).embedded()) {
      SharedValue<Object> value = alone.value("bug");
      value.set("fine before");
      assertThatThrownBy(() -> value.set(new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> value.set(new HoldsObject("text"))).isInstanceOf(NotStorableException.class);

      assertThat(value.get()).as("the string stored before").isEqualTo("fine before");
      value.set("a string");
      assertThat(value.get()).isEqualTo("a string");
    }
  }

  @Test
  @DisplayName("with an authKey, the IAtomicReference holds the value sealed: compare-and-set works, no plaintext, another key fails typed")
  void sealedValueOnCp() {
    String name = "cp-sealed-value-" + UUID.randomUUID();
    String clusterName = cluster.member(0).getConfig().getClusterName();
    try (HazelcastSharedObjects keyed = HazelcastSharedObjects.builder().clusterName(clusterName)
            .authKey("the CP value's authKey").confirmedWrites(true).client(cluster.address(0));
        HazelcastSharedObjects otherKey = HazelcastSharedObjects.builder().clusterName(clusterName)
            .authKey("another authKey entirely").confirmedWrites(true).client(cluster.address(1))) {
      SharedValue<String> value = keyed.value(name);
      value.set("plaintext-marker");
      assertThat(value.compareAndSet("plaintext-marker", "second")).isTrue();
      assertThat(value.updateAndGet(v -> v + "-updated")).isEqualTo("second-updated");
      assertThat(value.get()).isEqualTo("second-updated");

      Object raw = cluster.member(2).getCPSubsystem().getAtomicReference(name).get();
      assertThat(raw).isInstanceOf(byte[].class);
      assertThat(new String((byte[]) raw, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("second");
      assertThatThrownBy(() -> otherKey.<String>value(name).get())
          .isInstanceOf(io.sharedobjects.AuthKeyMismatchException.class).hasMessageContaining("value '" + name + "'");
      assertThat(value.get()).as("the failed read changed nothing").isEqualTo("second-updated");
    }
  }
}
