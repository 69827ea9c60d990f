package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedValue;
import io.sharedobjects.ValueTooLargeException;
import io.sharedobjects.WrongTypeException;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rows of the bad-input table in {@code docs/reliability.md} for shared values and counters, as
 * {@link BadInputTest} has them for the other types: each mistake gives a clear, typed error and leaves the
 * stored value as it was. Client mode (values are serialized in the client) against an embedded member.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ValueAndCounterBadInputTest {

  private static final String CLUSTER = "bad-value-" + UUID.randomUUID();
  private static HazelcastSharedObjects member;

  private HazelcastSharedObjects client;
  private SharedValue<Object> value;
  private SharedCounter counter;

  /** Neither Serializable nor plain data: a Thread cannot be stored. */
  static final class HoldsThread {
    final Thread thread = Thread.currentThread();
  }

  @BeforeAll
  static void startMember() {
    member = HazelcastSharedObjects.builder().clusterName(CLUSTER).port(0).embedded();
  }

  @AfterAll
  static void stopMember() {
    member.close();
  }

  @BeforeEach
  void connect() {
    client = HazelcastSharedObjects.builder().clusterName(CLUSTER).client(member.address());
    value = client.value("bad-value-" + UUID.randomUUID());
    value.set("before");
    counter = client.counter("bad-counter-" + UUID.randomUUID());
    counter.set(7);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  @DisplayName("value.get(type) of a value of another type: WrongTypeException naming the value and both classes; the value stays")
  void valueOfWrongType() {
    assertThatThrownBy(() -> value.get(Integer.class))
        .isInstanceOf(WrongTypeException.class)
        .hasMessageContaining("value '" + value.name() + "'")
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer");
    assertUnchanged();
  }

  @Test
  @DisplayName("a value that cannot be stored, set directly or returned by an update function: NotStorableException naming its class; a huge one ValueTooLargeException; the value stays")
  void unstorableValue() {
    Object bad = new HoldsThread();
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("set", () -> value.set(bad));
    calls.put("getAndSet", () -> value.getAndSet(bad));
    calls.put("compareAndSet", () -> value.compareAndSet("before", bad));
    calls.put("updateAndGet", () -> value.updateAndGet(x -> bad));
    calls.put("getAndUpdate", () -> value.getAndUpdate(x -> bad));
    calls.forEach((call, code) -> assertThatThrownBy(code).as(call)
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining(HoldsThread.class.getName()));
    assertThatThrownBy(() -> value.set(new byte[20 * 1024 * 1024]))
        .isInstanceOf(ValueTooLargeException.class)
        .hasMessageContaining("maxValueSize");
    assertUnchanged();
  }

  @Test
  @DisplayName("updateAndGet or getAndUpdate with a null function: NullPointerException; the value stays")
  void nullFunction() {
    assertThatThrownBy(() -> value.updateAndGet(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> value.getAndUpdate(null)).isInstanceOf(NullPointerException.class);
    assertUnchanged();
  }

  @Test
  @DisplayName("an invalid name for value(...) or counter(...): InvalidNameException; nothing is created")
  void invalidNames() {
    int objectsBefore = member.hazelcastInstance().getDistributedObjects().size();
    for (String name : Arrays.asList(null, "", "_reserved", "has space", "x".repeat(201))) {
      for (ThrowingCallable call : List.<ThrowingCallable>of(() -> client.value(name), () -> client.counter(name))) {
        assertThatThrownBy(call).as("name %s", name)
            .isInstanceOf(InvalidNameException.class)
            .hasMessageContaining("name");
      }
    }
    assertThat(member.hazelcastInstance().getDistributedObjects()).hasSize(objectsBefore);
  }

  @Test
  @DisplayName("any call after close() on a value or counter obtained before: SharedObjectsClosedException; both stay for other processes")
  void callsAfterClose() {
    client.close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("value(name)", () -> client.value("x"));
    calls.put("counter()", client::counter);
    calls.put("value.get", value::get);
    calls.put("value.set", () -> value.set("after"));
    calls.put("value.updateAndGet", () -> value.updateAndGet(x -> "after"));
    calls.put("counter.incrementAndGet", counter::incrementAndGet);
    calls.put("counter.get", counter::get);
    calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
        .isInstanceOf(SharedObjectsClosedException.class)
        .hasMessageContaining("closed"));
    assertUnchanged();
  }

  private void assertUnchanged() {
    assertThat(member.value(value.name()).get()).isEqualTo("before");
    assertThat(member.counter(counter.name()).get()).isEqualTo(7);
  }
}
