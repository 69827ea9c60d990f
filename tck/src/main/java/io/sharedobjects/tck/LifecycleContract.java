package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for {@code close()}: it ends the instance and the objects obtained from it, twice is
 * harmless, and a peer, its objects and the shared data keep working.
 */
@Tag("objects")
abstract class LifecycleContract extends KitContract {

  LifecycleContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("after close, asking for a dict, list or lock, named or not, fails with SharedObjectsClosedException")
  void closedInstance() {
    String name = uniqueName();
    shared().close();

    assertThatThrownBy(() -> shared().dict(name)).as("dict(name)").isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(() -> shared().list(name)).as("list(name)").isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(() -> shared().lock(name)).as("lock(name)").isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(shared()::dict).as("dict()").isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(shared()::list).as("list()").isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(shared()::lock).as("lock()").isInstanceOf(SharedObjectsClosedException.class);
  }

  @Test
  @DisplayName("after close, a dict obtained before fails with SharedObjectsClosedException, its views too")
  void closedDict() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);
    Set<String> keys = dict.keySet();
    shared().close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("get", () -> dict.get("a"));
    calls.put("put", () -> dict.put("b", 2));
    calls.put("set", () -> dict.set("b", 2));
    calls.put("remove", () -> dict.remove("a"));
    calls.put("size", dict::size);
    calls.put("containsKey", () -> dict.containsKey("a"));
    calls.put("merge", () -> dict.merge("a", 1, Integer::sum));
    calls.put("putAll", () -> dict.putAll(Map.of("c", 3)));
    calls.put("snapshot", dict::snapshot);
    calls.put("keySet().size()", keys::size);
    calls.put("keySet().iterator()", () -> keys.iterator().next());
    assertAllFailClosed(calls);
  }

  @Test
  @DisplayName("after close, a list obtained before fails with SharedObjectsClosedException")
  void closedList() {
    SharedList<String> list = listOf("a");
    shared().close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("get", () -> list.get(0));
    calls.put("add", () -> list.add("b"));
    calls.put("set", () -> list.set(0, "b"));
    calls.put("remove", () -> list.remove(0));
    calls.put("size", list::size);
    calls.put("addAll", () -> list.addAll(List.of("c")));
    calls.put("snapshot", list::snapshot);
    calls.put("iterator", () -> list.iterator().next());
    assertAllFailClosed(calls);
  }

  @Test
  @DisplayName("after close, a lock obtained before fails with SharedObjectsClosedException")
  void closedLock() {
    SharedLock lock = newLock();
    shared().close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("lock", lock::lock);
    calls.put("tryLock", lock::tryLock);
    calls.put("tryLock(timeout)", () -> lock.tryLock(1, TimeUnit.SECONDS));
    calls.put("acquire", lock::acquire);
    calls.put("isLocked", lock::isLocked);
    assertAllFailClosed(calls);
  }

  @Test
  @DisplayName("close twice is harmless")
  void closeTwice() {
    shared().close();
    shared().close();

    assertThatThrownBy(() -> shared().dict(uniqueName())).isInstanceOf(SharedObjectsClosedException.class);
  }

  @Test
  @DisplayName("closing a peer leaves the other instance, its objects and the shared data working")
  void closingPeerLeavesOthers() {
    SharedDict<String, Integer> dict = newDict();
    SharedList<String> list = newList();
    SharedLock lock = newLock();
    SharedObjects peer = peer();
    peer.<String, Integer>dict(dict.name()).put("from peer", 1);
    peer.<String>list(list.name()).add("from peer");
    SharedLock viaPeer = peer.lock(lock.name());
    assertThat(viaPeer.tryLock()).isTrue();
    viaPeer.unlock();

    peer.close();

    dict.put("after", 2);
    list.add("after");
    assertThat(dict.snapshot()).isEqualTo(Map.of("from peer", 1, "after", 2));
    assertThat(list.snapshot()).containsExactly("from peer", "after");
    assertThat(lock.tryLock()).isTrue();
    lock.unlock();
    SharedDict<String, Integer> fresh = newDict();
    fresh.put("a", 1);
    assertThat(fresh.get("a")).isEqualTo(1);
  }
}
