package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stored form of a map-based condition's waiters. */
class ConditionWaitersTest {

  @Test
  @DisplayName("waiters read back from their stored form as written, in order, with their states and version")
  void roundTrip() {
    ConditionWaiters waiters = ConditionWaiters.NONE.adding("a1.1").adding("b2.7").adding("a1.2").signalling("b2.7");

    ConditionWaiters read = ConditionWaiters.parse(waiters.stored());

    assertThat(read).isEqualTo(waiters);
    assertThat(read.version()).isEqualTo(4);
    assertThat(read.stored()).isEqualTo("4|a1.1=W,b2.7=S,a1.2=W");
    assertThat(read.find("b2.7").signalled()).isTrue();
    assertThat(read.find("a1.2").signalled()).isFalse();
    assertThat(read.find("c3.1")).isNull();
  }

  @Test
  @DisplayName("no entry is no waiters at version 0; an emptied list keeps counting versions")
  void emptyStates() {
    assertThat(ConditionWaiters.parse(null)).isEqualTo(ConditionWaiters.NONE);
    assertThat(ConditionWaiters.NONE.stored()).isNull();

    ConditionWaiters emptied = ConditionWaiters.NONE.adding("a1.1").emptied();

    assertThat(emptied.stored()).isEqualTo("2|");
    assertThat(ConditionWaiters.parse("2|")).isEqualTo(emptied);
    assertThat(emptied.newerThan(ConditionWaiters.NONE.adding("a1.1"))).isTrue();
  }

  @Test
  @DisplayName("removing drops only the selected waiters and keeps the others' order")
  void removing() {
    ConditionWaiters waiters = ConditionWaiters.NONE.adding("x.1").adding("x.2").adding("x.3");

    ConditionWaiters left = waiters.removing(entry -> entry.id().equals("x.2"));

    assertThat(left.entries()).extracting(ConditionWaiters.Entry::id).containsExactly("x.1", "x.3");
    assertThat(left.newerThan(waiters)).isTrue();
  }
}
