package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import io.sharedobjects.tck.KitFixture.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for shared objects stored in shared objects (Python's nested proxies): a dict, list, set, queue,
 * value, counter or lock stored as a key, value, element or queue item is stored as a reference, its kind and name; reading it, in any
 * process, gives that process's own live object of that kind and name. References compare by kind and
 * name inside containers; read back, the objects compare as {@code java.util} says (dicts, lists and sets
 * by content, a lock as the lock asked for by name).
 */
@Tag("objects")
abstract class ReferencesContract extends KitContract {

  ReferencesContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a dict stored in a dict, read through a peer, is the peer's live dict of that name: writes through it are seen by the first")
  void dictInDict() {
    SharedDict<String, Object> outer = newDict();
    SharedDict<String, Integer> inner = newDict();
    inner.put("a", 1);
    outer.put("inner", inner);
    SharedObjects peer = peer();

    Object read = peer.dict(outer.name()).get("inner");

    assertThat(read).isInstanceOf(SharedDict.class);
    @SuppressWarnings("unchecked")
    SharedDict<String, Integer> got = (SharedDict<String, Integer>) read;
    assertThat(got.name()).isEqualTo(inner.name());
    assertThat(got.get("a")).isEqualTo(1);
    got.put("b", 2);
    assertThat(inner.get("b")).as("a write through the dict the peer read").isEqualTo(2);
    inner.put("c", 3);
    assertThat(got.get("c")).as("a later write, seen through the dict read earlier").isEqualTo(3);
  }

  @Test
  @DisplayName("a dict passed through a queue is the receiver's live dict: the receiver's writes are seen by the sender")
  void dictThroughQueue() throws InterruptedException {
    SharedQueue<Object> queue = track(Kind.QUEUE, shared().queue(uniqueName()));
    SharedDict<String, Integer> sent = newDict();
    queue.put(sent);
    SharedObjects peer = peer();

    Object received = peer.queue(queue.name()).poll(5, TimeUnit.SECONDS);

    assertThat(received).isInstanceOf(SharedDict.class);
    @SuppressWarnings("unchecked")
    SharedDict<String, Integer> got = (SharedDict<String, Integer>) received;
    got.put("done", 1);
    assertThat(sent.get("done")).as("written by the receiver, read by the sender").isEqualTo(1);
  }

  @Test
  @DisplayName("a value holding a list, and a counter stored in a dict, read through a peer are the peer's live objects")
  void objectsInValueAndCounterInDict() {
    SharedValue<Object> value = newValue();
    SharedList<Integer> list = listOf(1, 2);
    value.set(list);
    SharedCounter counter = newCounter();
    SharedDict<String, Object> dict = newDict();
    dict.put("hits", counter);
    SharedObjects peer = peer();

    @SuppressWarnings("unchecked")
    SharedList<Integer> gotList = (SharedList<Integer>) peer.value(value.name()).get();
    gotList.add(3);
    SharedCounter gotCounter = (SharedCounter) peer.dict(dict.name()).get("hits");
    gotCounter.incrementAndGet();

    assertThat(list).as("appended through the list the peer read from the value").containsExactly(1, 2, 3);
    assertThat(counter.get()).as("counted through the counter the peer read from the dict").isEqualTo(1);
  }

  @Test
  @DisplayName("the object read back belongs to the reading instance: closing that instance closes it, and the first keeps working")
  void readObjectBelongsToTheReader() {
    SharedList<Object> outer = newList();
    SharedDict<String, Integer> inner = newDict();
    outer.add(inner);
    SharedObjects peer = peer();
    SharedDict<?, ?> got = (SharedDict<?, ?>) peer.list(outer.name()).get(0);

    peer.close();

    assertThatThrownBy(got::size).isInstanceOf(SharedObjectsClosedException.class);
    inner.put("still", 1);
    assertThat(((SharedDict<?, ?>) outer.get(0)).size()).isEqualTo(1);
  }

  @Test
  @DisplayName("a list stored in a list, read through a peer, is the peer's live list: appends and reverse through it are seen by the first")
  void listInList() {
    SharedList<Object> outer = newList();
    SharedList<Integer> inner = listOf(0, 1, 2);
    outer.add("before");
    outer.add(inner);
    SharedObjects peer = peer();

    Object read = peer.list(outer.name()).get(1);

    assertThat(read).isInstanceOf(SharedList.class);
    @SuppressWarnings("unchecked")
    SharedList<Integer> got = (SharedList<Integer>) read;
    got.add(3);
    got.reverse();
    assertThat(inner.snapshot()).containsExactly(3, 2, 1, 0);
    assertThat(outer.get(0)).isEqualTo("before");
  }

  @Test
  @Tag("lock")
  @DisplayName("a lock stored in a dict, read through a peer, is the same lock: held through the peer's copy, it is held for the first")
  void lockInDict() {
    SharedDict<String, Object> dict = newDict();
    SharedLock lock = newLock();
    dict.put("lock", lock);
    SharedObjects peer = peer();
    SharedLock got = (SharedLock) peer.dict(dict.name()).get("lock");
    assertThat(got.name()).isEqualTo(lock.name());

    worker().run(got::lock);

    assertThat(lock.isLocked()).isTrue();
    assertThat(lock.tryLock()).as("the first instance cannot take the lock the peer's thread holds").isFalse();
    assertThat(dict.get("lock")).as("read back through the first instance: the lock asked for by name")
        .isEqualTo(lock).hasSameHashCodeAs(lock);
  }

  @Test
  @DisplayName("a set stored in a dict and a dict stored in a set read back as live objects of their kinds")
  void setsAndDictsAsValuesAndElements() {
    SharedDict<String, Object> dict = newDict();
    SharedSet<Object> set = newSet();
    SharedDict<String, String> member = newDict();
    member.put("k", "v");
    dict.put("set", set);
    set.add(member);
    SharedObjects peer = peer();

    SharedSet<?> setRead = (SharedSet<?>) peer.dict(dict.name()).get("set");
    Object element = setRead.iterator().next();

    assertThat(setRead.name()).isEqualTo(set.name());
    assertThat(element).isInstanceOf(SharedDict.class);
    assertThat(((SharedDict<?, ?>) element).name()).isEqualTo(member.name());
    assertThat(((SharedDict<?, ?>) element).get("k")).isEqualTo("v");
  }

  @Test
  @DisplayName("a shared object as a dict key: found by the same object, by a peer's object of that name, and read back live")
  void sharedObjectAsKey() {
    SharedDict<Object, String> dict = newDict();
    SharedList<String> key = listOf("x");
    dict.put(key, "value of the list");
    SharedObjects peer = peer();
    SharedDict<Object, String> peerDict = peer.dict(dict.name());

    assertThat(dict.get(key)).isEqualTo("value of the list");
    assertThat(peerDict.containsKey(peer.list(key.name()))).isTrue();
    Object keyRead = peerDict.keySet().iterator().next();
    assertThat(keyRead).isInstanceOf(SharedList.class);
    ((SharedList<?>) keyRead).clear();
    assertThat(key).as("cleared through the key the peer read").isEmpty();
    assertThat(dict.get(key)).as("still the same key: stored by name, not by content").isEqualTo("value of the list");
  }

  @Test
  @DisplayName("inside containers, shared objects compare by kind and name, not by content")
  void comparedByKindAndName() {
    String name = uniqueName();
    SharedDict<String, Integer> dict = track(Kind.DICT, shared().dict(name));
    SharedList<String> list = track(Kind.LIST, shared().list(name));
    SharedDict<String, Integer> twin = newDict();
    SharedSet<Object> set = newSet();

    assertThat(set.add(dict)).isTrue();
    assertThat(set.add(peer().dict(name))).as("the same dict through a peer").isFalse();
    assertThat(set.add(list)).as("a list of the same name is another object").isTrue();
    assertThat(set.contains(twin)).as("another dict with equal (empty) contents").isFalse();
    assertThat(set).hasSize(2);
    assertThat(set.stream().filter(SharedList.class::isInstance).count()).isEqualTo(1);
    SharedList<Object> elements = newList();
    elements.add(dict);
    assertThat(elements.indexOf(dict)).isZero();
    assertThat(elements.contains(twin)).isFalse();
    assertThat(elements.remove(dict)).isTrue();
  }

  @Test
  @DisplayName("read back, a dict equals the dict it refers to (by content, as Map says), so containers of them are equal as java.util's are")
  void equalityAfterReadingBack() {
    SharedDict<String, Object> outer = newDict();
    SharedDict<String, Integer> inner = newDict();
    inner.put("a", 1);
    SharedList<Object> list = newList();
    list.add(inner);
    outer.put("inner", inner);

    assertThat(outer.get("inner")).isEqualTo(inner).isEqualTo(Map.of("a", 1));
    Map<String, Object> expected = new HashMap<>();
    expected.put("inner", inner);
    assertThat(outer).isEqualTo(expected);
    assertThat(outer.hashCode()).isEqualTo(expected.hashCode());
    assertThat(list).isEqualTo(List.of(inner));
    assertThat(list.hashCode()).isEqualTo(List.of(inner).hashCode());
    assertThat(list.toString()).isEqualTo("[{a=1}]");
  }

  @Test
  @DisplayName("a reference to a destroyed object reads back as the new, empty object of that name")
  void destroyedObjectReadBack() {
    SharedDict<String, Object> outer = newDict();
    SharedDict<String, Integer> inner = newDict();
    inner.put("a", 1);
    outer.put("inner", inner);

    inner.destroy();
    SharedDict<?, ?> got = (SharedDict<?, ?>) peer().dict(outer.name()).get("inner");

    assertThat(got.name()).isEqualTo(inner.name());
    assertThat(got.isEmpty()).isTrue();
    inner.put("new", 2);
    assertThat(got.get("new")).isEqualTo(2);
  }

  @Test
  @DisplayName("unnamed objects stored in others reach peers by their generated names")
  void unnamedObjects() {
    SharedDict<String, Object> registry = newDict();
    SharedList<Integer> list = track(Kind.LIST, shared().list());
    SharedLock lock = track(Kind.LOCK, shared().lock());
    list.add(7);
    registry.put("list", list);
    registry.put("lock", lock);
    SharedDict<String, Object> peerRegistry = peer().dict(registry.name());

    assertThat(((SharedList<?>) peerRegistry.get("list")).snapshot()).isEqualTo(List.of(7));
    assertThat(((SharedLock) peerRegistry.get("lock")).name()).isEqualTo(lock.name());
  }

  @Test
  @DisplayName("a shared object inside another value (a list of dicts) is refused with NotStorableException, and nothing is stored")
  void nestedInsideAValueIsRefused() {
    SharedDict<String, Object> outer = newDict();
    SharedDict<String, Integer> inner = newDict();
    ArrayList<Object> holder = new ArrayList<>(List.of(inner));

    assertThatThrownBy(() -> outer.put("holder", holder)).isInstanceOf(NotStorableException.class);
    assertThat(outer.containsKey("holder")).isFalse();
  }

  @Test
  @DisplayName("a SharedObject of no known kind (a class of one's own) is refused with NotStorableException saying to store its name")
  void unknownKindIsRefused() {
    SharedDict<String, Object> dict = newDict();
    SharedObject own = new SharedObject() {
      @Override
      public String name() {
        return "mine";
      }

      @Override
      public void destroy() {
      }
    };

    assertThatThrownBy(() -> dict.put("own", own))
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining("name()");
    assertThat(dict.isEmpty()).isTrue();
  }
}
