package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedNames;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.tck.KitFixture.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for names: the same name reaches the same object from every process, kinds do not
 * clash, unnamed objects get valid names a peer can use, invalid names fail clearly, and {@code destroy}
 * empties an object for every peer.
 */
@Tag("objects")
abstract class NamesContract extends KitContract {

  NamesContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("the same name reaches the same dict, list and lock from a peer")
  void sameNameSameObject() {
    String name = uniqueName();
    SharedDict<String, Integer> dict = track(Kind.DICT, shared().dict(name));
    SharedList<String> list = track(Kind.LIST, shared().list(name));
    SharedLock lock = track(Kind.LOCK, shared().lock(name));
    SharedObjects peer = peer();

    dict.put("a", 1);
    list.add("x");
    lock.lock();
    try {
      assertThat(peer.<String, Integer>dict(name).get("a")).isEqualTo(1);
      assertThat(peer.<String>list(name).snapshot()).containsExactly("x");
      assertThat(peer.lock(name).isLocked()).isTrue();
      assertThat(shared().<String, Integer>dict(name).get("a")).as("the same name asked again").isEqualTo(1);
    } finally {
      lock.unlock();
    }
  }

  @Test
  @DisplayName("name() returns the name the object was asked for")
  void nameIsTheGivenName() {
    String name = uniqueName();

    assertThat(track(Kind.DICT, shared().dict(name)).name()).isEqualTo(name);
    assertThat(track(Kind.LIST, shared().list(name)).name()).isEqualTo(name);
    assertThat(track(Kind.LOCK, shared().lock(name)).name()).isEqualTo(name);
  }

  @Test
  @DisplayName("a dict, a list and a lock with the same name do not clash")
  void kindsDoNotClash() {
    String name = uniqueName();
    SharedDict<String, String> dict = track(Kind.DICT, shared().dict(name));
    SharedList<String> list = track(Kind.LIST, shared().list(name));
    SharedLock lock = track(Kind.LOCK, shared().lock(name));

    dict.put("k", "in the dict");
    list.add("in the list");
    lock.lock();
    try {
      assertThat(dict.snapshot()).isEqualTo(Map.of("k", "in the dict"));
      assertThat(list.snapshot()).containsExactly("in the list");
    } finally {
      lock.unlock();
    }

    dict.destroy();
    assertThat(list.snapshot()).as("the list after destroying the dict of the same name").containsExactly("in the list");
    list.destroy();
    assertThat(lock.tryLock()).as("the lock after destroying the dict and list of the same name").isTrue();
    lock.unlock();
  }

  @Test
  @DisplayName("dict(), list() and lock() create new, empty objects with distinct valid names")
  void anonymousObjects() {
    SharedDict<String, Integer> d1 = track(Kind.DICT, shared().dict());
    SharedDict<String, Integer> d2 = track(Kind.DICT, shared().dict());
    SharedList<String> l1 = track(Kind.LIST, shared().list());
    SharedList<String> l2 = track(Kind.LIST, shared().list());
    SharedLock k1 = track(Kind.LOCK, shared().lock());
    SharedLock k2 = track(Kind.LOCK, shared().lock());

    List<String> names = List.of(d1.name(), d2.name(), l1.name(), l2.name(), k1.name(), k2.name());
    assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> assertThat(SharedNames.validate(n)).isEqualTo(n));
    assertThat(d1.isEmpty()).isTrue();
    assertThat(l1.isEmpty()).isTrue();
    assertThat(k1.isLocked()).isFalse();

    d1.put("a", 1);
    l1.add("x");
    assertThat(d2.isEmpty()).isTrue();
    assertThat(l2.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("a peer finds an object created by dict(), list() or lock() through its name()")
  void peerFindsAnonymousObjects() {
    SharedDict<String, Integer> dict = track(Kind.DICT, shared().dict());
    SharedList<String> list = track(Kind.LIST, shared().list());
    SharedLock lock = track(Kind.LOCK, shared().lock());
    SharedObjects peer = peer();

    dict.put("a", 1);
    list.add("x");
    lock.lock();
    try {
      assertThat(peer.<String, Integer>dict(dict.name()).snapshot()).isEqualTo(Map.of("a", 1));
      assertThat(peer.<String>list(list.name()).snapshot()).containsExactly("x");
      assertThat(peer.lock(lock.name()).isLocked()).isTrue();
    } finally {
      lock.unlock();
    }
  }

  @Test
  @DisplayName("invalid names (null, empty, 201 characters, a space, a leading underscore) fail with InvalidNameException")
  void invalidNames() {
    List<String> invalid = Arrays.asList(null, "", "a".repeat(SharedNames.MAX_LENGTH + 1), "has space", "_reserved");

    for (String name : invalid) {
      String shown = name == null ? "null" : '"' + name + '"';
      assertThatThrownBy(() -> shared().dict(name)).as("dict(%s)", shown).isInstanceOf(InvalidNameException.class);
      assertThatThrownBy(() -> shared().list(name)).as("list(%s)", shown).isInstanceOf(InvalidNameException.class);
      assertThatThrownBy(() -> shared().lock(name)).as("lock(%s)", shown).isInstanceOf(InvalidNameException.class);
    }
  }

  @Test
  @DisplayName("a name of letters, digits and . _ - : / such as orders.eu-1:v2/x works, and so does one of 200 characters")
  void validNames() {
    String punctuated = "orders.eu-1:v2/x_" + UUID.randomUUID();
    String longest = "tck-" + UUID.randomUUID() + "-";
    longest = longest + "x".repeat(SharedNames.MAX_LENGTH - longest.length());

    for (String name : List.of(punctuated, longest)) {
      SharedDict<String, Integer> dict = track(Kind.DICT, shared().dict(name));
      SharedList<String> list = track(Kind.LIST, shared().list(name));
      SharedLock lock = track(Kind.LOCK, shared().lock(name));
      dict.put("a", 1);
      list.add("x");
      assertThat(lock.tryLock()).isTrue();
      lock.unlock();
      assertThat(peer().<String, Integer>dict(name).get("a")).as("dict %s through a peer", name).isEqualTo(1);
      assertThat(dict.name()).isEqualTo(name);
    }
  }

  @Test
  @DisplayName("destroy removes a dict's contents for every peer, and the name then starts a new empty dict")
  void destroyDict() {
    SharedDict<String, Integer> dict = newDict();
    SharedObjects peer = peer();
    peer.<String, Integer>dict(dict.name()).put("a", 1);
    dict.put("b", 2);

    dict.destroy();

    assertThat(peer.<String, Integer>dict(dict.name()).isEmpty()).isTrue();
    SharedDict<String, Integer> again = shared().dict(dict.name());
    assertThat(again.isEmpty()).isTrue();
    again.put("c", 3);
    assertThat(peer.<String, Integer>dict(dict.name()).snapshot()).isEqualTo(Map.of("c", 3));
  }

  @Test
  @DisplayName("destroy removes a list's contents for every peer, and the name then starts a new empty list")
  void destroyList() {
    SharedList<String> list = listOf("a", "b");
    SharedObjects peer = peer();

    list.destroy();

    assertThat(peer.<String>list(list.name()).isEmpty()).isTrue();
    SharedList<String> again = shared().list(list.name());
    assertThat(again.isEmpty()).isTrue();
    again.add("c");
    assertThat(peer.<String>list(list.name()).snapshot()).containsExactly("c");
  }

  @Test
  @DisplayName("after destroy of a lock, the name starts a new free lock that works")
  void destroyLock() {
    SharedLock lock = newLock();
    lock.lock();
    lock.unlock();

    lock.destroy();

    SharedLock again = peer().lock(lock.name());
    assertThat(again.isLocked()).isFalse();
    assertThat(again.tryLock()).isTrue();
    assertThat(again.holdCount()).isEqualTo(1);
    again.unlock();
  }
}
