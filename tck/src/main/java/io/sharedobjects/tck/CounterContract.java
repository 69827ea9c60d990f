package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitFixture.uniqueName;
import static io.sharedobjects.tck.Races.THREADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedObjects;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared counter: an {@code AtomicLong} across processes, 0 when new, whose every
 * operation is atomic against the threads of every peer, so increments are counted exactly and each
 * returns a value of its own.
 */
@Tag("counter")
abstract class CounterContract extends KitContract {

  /** Increments per race thread. */
  private static final int OPS = 250;

  CounterContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a new counter is 0")
  void newCounterIsZero() {
    SharedCounter counter = newCounter();

    assertThat(counter.get()).isZero();
    assertThat(peer().counter(counter.name()).get()).isZero();
  }

  @Test
  @DisplayName("every operation returns what AtomicLong's returns, and leaves the same value, through one instance and a peer in turn")
  void likeAtomicLong() {
    SharedCounter counter = newCounter();
    SharedCounter viaPeer = peer().counter(counter.name());
    SharedCounter model = new AtomicLongModel();
    Map<String, ToLongFunction<SharedCounter>> steps = new LinkedHashMap<>();
    steps.put("incrementAndGet", SharedCounter::incrementAndGet);
    steps.put("addAndGet(5)", c -> c.addAndGet(5));
    steps.put("decrementAndGet", SharedCounter::decrementAndGet);
    steps.put("getAndAdd(-7)", c -> c.getAndAdd(-7));
    steps.put("compareAndSet(-2, 40)", c -> c.compareAndSet(-2, 40) ? 1 : 0);
    steps.put("compareAndSet(-2, 41)", c -> c.compareAndSet(-2, 41) ? 1 : 0);
    steps.put("getAndAdd(2)", c -> c.getAndAdd(2));
    steps.put("set(-9)", c -> {
      c.set(-9);
      return 0;
    });
    steps.put("addAndGet(0)", c -> c.addAndGet(0));
    steps.put("decrementAndGet again", SharedCounter::decrementAndGet);

    int i = 0;
    for (Map.Entry<String, ToLongFunction<SharedCounter>> step : steps.entrySet()) {
      SharedCounter through = i++ % 2 == 0 ? counter : viaPeer;
      assertThat(step.getValue().applyAsLong(through)).as(step.getKey())
          .isEqualTo(step.getValue().applyAsLong(model));
      assertThat(counter.get()).as("value after %s", step.getKey()).isEqualTo(model.get());
    }
  }

  @Test
  @DisplayName("set is seen by every process, negative and extreme values included")
  void setAndGet() {
    SharedCounter counter = newCounter();
    SharedCounter viaPeer = peer().counter(counter.name());

    for (long value : new long[] {42, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0}) {
      counter.set(value);
      assertThat(viaPeer.get()).isEqualTo(value);
    }
  }

  @Test
  @DisplayName("arithmetic wraps around at Long.MAX_VALUE, as AtomicLong's does")
  void wrapsAround() {
    SharedCounter counter = newCounter();
    counter.set(Long.MAX_VALUE);

    assertThat(counter.incrementAndGet()).isEqualTo(Long.MIN_VALUE);
    assertThat(counter.decrementAndGet()).isEqualTo(Long.MAX_VALUE);
    assertThat(counter.addAndGet(2)).isEqualTo(Long.MIN_VALUE + 1);
  }

  @Test
  @DisplayName("compareAndSet sets only from the expected value; a new counter counts as 0")
  void compareAndSet() {
    SharedCounter counter = newCounter();

    assertThat(counter.compareAndSet(1, 5)).isFalse();
    assertThat(counter.get()).isZero();
    assertThat(counter.compareAndSet(0, 5)).isTrue();
    assertThat(counter.compareAndSet(0, 6)).isFalse();
    assertThat(peer().counter(counter.name()).compareAndSet(5, 0)).isTrue();
    assertThat(counter.compareAndSet(0, 0)).isTrue();
    assertThat(counter.get()).isZero();
  }

  @Test
  @DisplayName("increments in turn from two processes each see the other's: every result is one more than the last")
  void alternatingProcesses() {
    SharedCounter counter = newCounter();
    SharedCounter viaPeer = peer().counter(counter.name());

    for (long expected = 1; expected <= 20; expected++) {
      SharedCounter through = expected % 3 == 0 ? viaPeer : counter;
      assertThat(through.incrementAndGet()).isEqualTo(expected);
    }
    assertThat(viaPeer.addAndGet(-20)).isZero();
    assertThat(counter.incrementAndGet()).isEqualTo(1);
  }

  @Test
  @DisplayName("incrementAndGet from 4 threads on two peers counts every increment, and the values returned are exactly 1 to the total")
  void incrementRace() {
    String name = newCounter().name();
    SharedObjects peer = peer();
    Set<Long> returned = ConcurrentHashMap.newKeySet();
    List<Long> all = new CopyOnWriteArrayList<>();

    race(t -> {
      SharedCounter counter = instanceFor(t, peer).counter(name);
      for (int i = 0; i < OPS; i++) {
        long value = counter.incrementAndGet();
        returned.add(value);
        all.add(value);
      }
    });

    long total = (long) THREADS * OPS;
    assertThat(shared().counter(name).get()).isEqualTo(total);
    assertThat(all).hasSize((int) total);
    assertThat(returned).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
  }

  @Test
  @DisplayName("addAndGet and getAndAdd of different steps, up and down, from 4 threads on two peers end at the exact sum")
  void mixedRace() {
    String name = newCounter().name();
    SharedObjects peer = peer();

    race(t -> {
      SharedCounter counter = instanceFor(t, peer).counter(name);
      for (int i = 0; i < OPS / 2; i++) {
        counter.addAndGet(t + 2);
        counter.getAndAdd(-1);
      }
    });

    long expected = 0;
    for (int t = 0; t < THREADS; t++) {
      expected += (long) (OPS / 2) * (t + 1);
    }
    assertThat(shared().counter(name).get()).isEqualTo(expected);
  }

  @Test
  @DisplayName("compare-and-set loops from 4 threads on two peers count every increment")
  void compareAndSetRace() {
    String name = newCounter().name();
    SharedObjects peer = peer();

    race(t -> {
      SharedCounter counter = instanceFor(t, peer).counter(name);
      for (int i = 0; i < OPS / 2; i++) {
        long current;
        do {
          current = counter.get();
        } while (!counter.compareAndSet(current, current + 1));
      }
    });

    assertThat(shared().counter(name).get()).isEqualTo((long) THREADS * (OPS / 2));
  }

  @Test
  @DisplayName("destroy sets the counter back to 0 for every process, even one that counted it before, and the same name counts again")
  void destroy() {
    SharedCounter counter = newCounter();
    SharedCounter viaPeer = peer().counter(counter.name());
    counter.addAndGet(5);
    assertThat(viaPeer.incrementAndGet()).isEqualTo(6);

    counter.destroy();

    assertThat(viaPeer.get()).isZero();
    assertThat(counter.incrementAndGet()).isEqualTo(1);
    counter.destroy();
    assertThat(viaPeer.incrementAndGet()).isEqualTo(1);
    assertThat(counter.compareAndSet(1, 7)).isTrue();
    assertThat(shared().counter(counter.name()).get()).isEqualTo(7);
  }

  @Test
  @DisplayName("counter() creates a new counter at 0 under a unique name that reaches it from a peer")
  void unnamed() {
    SharedCounter counter = track(KitFixture.Kind.COUNTER, shared().counter());
    SharedCounter other = track(KitFixture.Kind.COUNTER, shared().counter());

    assertThat(counter.name()).isNotEqualTo(other.name());
    assertThat(counter.incrementAndGet()).isEqualTo(1);
    assertThat(peer().counter(counter.name()).get()).isEqualTo(1);
    assertThat(other.get()).isZero();
  }

  @Test
  @DisplayName("value(name) and counter(name) refuse an invalid name with InvalidNameException")
  void invalidNames() {
    for (String name : Arrays.asList(null, "", "_reserved", "has space", "x".repeat(201))) {
      assertThatThrownBy(() -> shared().counter(name)).as("counter(%s)", name).isInstanceOf(InvalidNameException.class);
      assertThatThrownBy(() -> shared().value(name)).as("value(%s)", name).isInstanceOf(InvalidNameException.class);
    }
  }

  @Test
  @DisplayName("toString is the value in decimal, as AtomicLong's")
  void toStringIsTheValue() {
    SharedCounter counter = newCounter();
    counter.set(-12);
    assertThat(counter.toString()).isEqualTo("-12");
  }

  @Test
  @DisplayName("after close, counter(...) and every call of a counter obtained before fail with SharedObjectsClosedException")
  void closed() {
    SharedCounter counter = newCounter();
    counter.set(3);
    SharedObjects peer = peer();
    shared().close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("counter(name)", () -> shared().counter(uniqueName()));
    calls.put("counter()", () -> shared().counter());
    calls.put("get", counter::get);
    calls.put("set", () -> counter.set(1));
    calls.put("incrementAndGet", counter::incrementAndGet);
    calls.put("decrementAndGet", counter::decrementAndGet);
    calls.put("addAndGet", () -> counter.addAndGet(2));
    calls.put("getAndAdd", () -> counter.getAndAdd(2));
    calls.put("compareAndSet", () -> counter.compareAndSet(3, 4));
    assertAllFailClosed(calls);
    assertThat(peer.counter(counter.name()).get()).as("the counter stays for other processes").isEqualTo(3);
  }

  /** The model the counter is compared with: an {@link AtomicLong}, one operation for one. */
  private static final class AtomicLongModel implements SharedCounter {
    private final AtomicLong value = new AtomicLong();

    @Override
    public String name() {
      return "AtomicLong";
    }

    @Override
    public void destroy() {
      value.set(0);
    }

    @Override
    public long get() {
      return value.get();
    }

    @Override
    public void set(long newValue) {
      value.set(newValue);
    }

    @Override
    public long incrementAndGet() {
      return value.incrementAndGet();
    }

    @Override
    public long decrementAndGet() {
      return value.decrementAndGet();
    }

    @Override
    public long addAndGet(long delta) {
      return value.addAndGet(delta);
    }

    @Override
    public long getAndAdd(long delta) {
      return value.getAndAdd(delta);
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
      return value.compareAndSet(expected, update);
    }
  }
}
