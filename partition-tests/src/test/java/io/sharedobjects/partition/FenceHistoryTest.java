package io.sharedobjects.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.partition.FenceHistory.Hold;
import io.sharedobjects.partition.FenceHistory.Violation;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The history checker on hand-built histories, each with one known flaw or none. */
class FenceHistoryTest {

  private static FenceHistory history(Hold... holds) {
    FenceHistory history = new FenceHistory();
    // Recorded out of order on purpose: the checker must order by acquisition itself.
    for (int i = holds.length - 1; i >= 0; i--) {
      history.record(holds[i]);
    }
    return history;
  }

  @Test
  @DisplayName("a clean history: increasing tokens, holds one after another, finds nothing")
  void clean() {
    FenceHistory history = history(
        new Hold("a", "L", 1, 0, 10),
        new Hold("b", "L", 2, 10, 20),
        new Hold("c", "L", 3, 25, 30),
        // Another lock may reuse the same tokens and hold at the same time.
        new Hold("a", "M", 1, 5, 28),
        new Hold("b", "M", 2, 29, 40));

    assertThat(history.repeats()).isEmpty();
    assertThat(history.decreases()).isEmpty();
    assertThat(history.overlaps()).isEmpty();
    assertThat(history.isClean()).isTrue();
    assertThat(history.tokens()).isEqualTo("L: {a=[1], b=[2], c=[3]}; M: {a=[1], b=[2]}");
  }

  @Test
  @DisplayName("a token issued twice for one lock is a repeat, paired with its first issue")
  void repeat() {
    Hold first = new Hold("a", "L", 10, 0, 10);
    Hold again = new Hold("b", "L", 10, 20, 30);
    FenceHistory history = history(new Hold("c", "L", 9, -20, -10), first, again, new Hold("c", "L", 11, 40, 50));

    assertThat(history.repeats()).containsExactly(new Violation(first, again));
    assertThat(history.repeatedTokens()).isEqualTo(1);
    assertThat(history.decreases()).isEmpty();
    assertThat(history.overlaps()).isEmpty();
    assertThat(history.isClean()).isFalse();
  }

  @Test
  @DisplayName("a token smaller than the largest before it is a decrease, paired with that largest")
  void decrease() {
    Hold twelve = new Hold("b", "L", 12, 10, 20);
    Hold one = new Hold("a", "L", 1, 30, 40);
    Hold two = new Hold("a", "L", 2, 50, 60);
    FenceHistory history = history(new Hold("c", "L", 11, 0, 5), twelve, one, two);

    assertThat(history.decreases()).containsExactly(new Violation(twelve, one), new Violation(twelve, two));
    assertThat(history.repeats()).isEmpty();
    assertThat(history.overlaps()).isEmpty();
    assertThat(history.isClean()).isFalse();
  }

  @Test
  @DisplayName("two holds of one lock whose intervals intersect overlap; touching ends do not")
  void overlap() {
    Hold a = new Hold("a", "L", 1, 0, 100);
    Hold b = new Hold("b", "L", 2, 100, 150); // starts as a ends: no overlap
    Hold c = new Hold("c", "L", 3, 140, 200); // overlaps b by 10
    Hold d = new Hold("d", "L", 4, 160, 170); // inside c
    FenceHistory history = history(a, b, c, d);

    List<Violation> overlaps = history.overlaps();
    assertThat(overlaps).containsExactly(new Violation(b, c), new Violation(c, d));
    assertThat(overlaps.get(0).overlapMillis()).isEqualTo(10 / 1e6);
    assertThat(history.repeats()).isEmpty();
    assertThat(history.decreases()).isEmpty();
    assertThat(history.isClean()).isFalse();
  }

  @Test
  @DisplayName("only(...) keeps the holds a filter accepts, so a history can be checked before and after a cut")
  void only() {
    FenceHistory history = history(
        new Hold("a", "L", 1, 0, 10),
        new Hold("a", "L", 2, 20, 30),
        new Hold("b", "L", 1, 25, 35));

    assertThat(history.isClean()).isFalse();
    assertThat(history.only(hold -> hold.acquired() < 20).isClean()).isTrue();
    assertThat(history.only(hold -> hold.process().equals("b")).holds()).extracting(Hold::token).containsExactly(1L);
  }

  @Test
  @DisplayName("a hold cannot end before it starts")
  void badHold() {
    assertThatThrownBy(() -> new Hold("a", "L", 1, 10, 9)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before it starts");
  }
}
