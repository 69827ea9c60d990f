package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjectsClosedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InMemorySharedObjects")
class InMemorySharedObjectsTest {

  private final InMemorySharedObjects shared = new InMemorySharedObjects();

  @AfterEach
  void close() {
    shared.close();
  }

  @Test
  @DisplayName("peers reach the same dict, list and lock by name")
  void peersShareObjects() {
    InMemorySharedObjects peer = shared.peer();
    shared.<String, Integer>dict("orders").put("a", 1);
    shared.<String>list("jobs").add("j");
    shared.lock("jobs").lock();
    assertThat(peer.<String, Integer>dict("orders")).containsEntry("a", 1);
    assertThat(peer.<String>list("jobs")).containsExactly("j");
    assertThat(peer.lock("jobs").isLocked()).isTrue();
    assertThat(shared.peer().peer().<String, Integer>dict("orders")).hasSize(1);
    shared.lock("jobs").unlock();
  }

  @Test
  @DisplayName("separate instances do not share anything")
  void separateInstances() {
    try (InMemorySharedObjects other = new InMemorySharedObjects()) {
      shared.dict("d").put("a", 1);
      assertThat(other.dict("d")).isEmpty();
    }
  }

  @Test
  @DisplayName("a dict, a list and a lock may share a name")
  void kindsDoNotClash() {
    shared.dict("same").put("k", "v");
    shared.list("same").add("e");
    shared.lock("same").lock();
    assertThat(shared.dict("same")).hasSize(1);
    assertThat(shared.list("same")).hasSize(1);
    shared.dict("same").destroy();
    assertThat(shared.list("same")).hasSize(1);
    assertThat(shared.lock("same").isLocked()).isTrue();
    shared.lock("same").unlock();
  }

  @Test
  @DisplayName("anonymous objects get unique names that other processes can use")
  void anonymousObjects() {
    SharedDict<String, String> dict = shared.dict();
    SharedList<String> list = shared.list();
    SharedLock lock = shared.lock();
    assertThat(dict.name()).startsWith("dict-").isNotEqualTo(shared.dict().name());
    assertThat(list.name()).startsWith("list-");
    assertThat(lock.name()).startsWith("lock-");
    dict.put("k", "v");
    assertThat(shared.peer().<String, String>dict(dict.name())).containsEntry("k", "v");
  }

  @Test
  @DisplayName("invalid names fail with InvalidNameException")
  void invalidNames() {
    assertThatThrownBy(() -> shared.dict("")).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> shared.list("_reserved")).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> shared.lock(null)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> shared.dict("with space")).isInstanceOf(InvalidNameException.class);
  }

  @Test
  @DisplayName("destroy empties an object for every peer; existing proxies see the new empty object")
  void destroy() {
    InMemorySharedObjects peer = shared.peer();
    SharedDict<String, Integer> dict = shared.dict("d");
    SharedDict<String, Integer> peerDict = peer.dict("d");
    SharedList<String> list = shared.list("l");
    dict.put("a", 1);
    list.add("x");
    peerDict.destroy();
    list.destroy();
    assertThat(dict).isEmpty();
    assertThat(shared.list("l")).isEmpty();
    dict.put("b", 2);
    assertThat(peerDict).containsOnlyKeys("b");
    assertThat(list).isEmpty();
  }

  @Test
  @DisplayName("close is idempotent and every later call fails with SharedObjectsClosedException")
  void useAfterClose() throws Exception {
    SharedDict<String, String> dict = shared.dict("d");
    SharedList<String> list = shared.list("l");
    SharedLock lock = shared.lock("k");
    SharedLock.Hold hold = lock.acquire();
    shared.close();
    shared.close();

    List<ThrowingCallable> calls = List.of(
        () -> shared.dict("d"), () -> shared.list("l"), () -> shared.lock("k"), shared::dict, shared::peer,
        () -> dict.get("a"), () -> dict.put("a", "b"), dict::size, dict::keySet, dict::entrySet, dict::values,
        dict::toString, () -> dict.equals(Map.of()), dict::destroy, () -> dict.compute("a", (k, v) -> v),
        () -> list.add("a"), () -> list.get(0), list::iterator, list::listIterator, () -> list.subList(0, 0),
        list::reverse, list::snapshot, list::hashCode,
        lock::lock, lock::tryLock, () -> lock.tryLock(1, TimeUnit.SECONDS), lock::unlock, lock::isLocked,
        lock::fence, lock::acquire, hold::close);
    for (int i = 0; i < calls.size(); i++) {
      assertThatThrownBy(calls.get(i))
          .as("call #%d", i)
          .isInstanceOf(SharedObjectsClosedException.class)
          .hasMessageContaining("closed");
    }
    assertThat(dict.name()).isEqualTo("d");
  }

  @Test
  @DisplayName("closing a peer leaves the others open, and the data stays")
  void closingAPeer() {
    InMemorySharedObjects peer = shared.peer();
    peer.dict("d").put("a", 1);
    peer.close();
    assertThat(shared.dict("d")).containsEntry("a", 1);
    try (InMemorySharedObjects another = shared.peer()) {
      assertThatCode(() -> another.list("l").add("x")).doesNotThrowAnyException();
    }
    shared.close();
    assertThatThrownBy(() -> shared.dict("d")).isInstanceOf(SharedObjectsClosedException.class);
  }
}
