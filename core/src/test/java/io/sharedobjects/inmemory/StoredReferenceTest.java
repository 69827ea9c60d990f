package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjectKind;
import io.sharedobjects.SharedSet;
import io.sharedobjects.ValueTooLargeException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shared objects stored in the in-memory store")
class StoredReferenceTest {

  private final InMemorySharedObjects shared = new InMemorySharedObjects();
  private final InMemorySharedObjects peer = shared.peer();

  @AfterEach
  void close() {
    peer.close();
    shared.close();
  }

  @Test
  @DisplayName("each kind is stored as its kind and name, and read back as the reader's object of that kind and name")
  void everyKindRoundTrips() {
    for (SharedObjectKind kind : SharedObjectKind.values()) {
      SharedObject object = kind.open(shared, "object-" + kind.id());
      assertThat(SharedObjectKind.of(object)).isSameAs(kind);

      Object stored = ValueCopier.toStored(object, 1000);

      assertThat(stored).isEqualTo(new StoredReference(kind, object.name()));
      SharedObject read = ValueCopier.fromStored(stored, peer);
      assertThat(read).isInstanceOf(kind.type());
      assertThat(read.name()).isEqualTo(object.name());
    }
  }

  @Test
  @DisplayName("the object read back belongs to the reader: it fails once the reader is closed")
  void readBackBelongsToTheReader() {
    SharedDict<String, Integer> dict = shared.dict("d");
    SharedDict<?, ?> read = ValueCopier.fromStored(ValueCopier.toStored(dict, 1000), peer);

    peer.close();

    assertThatThrownBy(read::size).isInstanceOf(io.sharedobjects.SharedObjectsClosedException.class);
    assertThat(dict.size()).isZero();
  }

  @Test
  @DisplayName("a lock read back equals the lock asked for by name through the same instance, not a peer's")
  void lockEquality() {
    SharedLock lock = shared.lock("k");
    Object read = ValueCopier.fromStored(ValueCopier.toStored(lock, 1000), shared);

    assertThat(read).isEqualTo(lock).hasSameHashCodeAs(lock).isNotEqualTo(peer.lock("k"));
    assertThat(lock).isNotEqualTo(shared.lock("other"));
  }

  @Test
  @DisplayName("inside another value a shared object is refused, naming the outer class and saying to store it on its own")
  void nestedIsRefused() {
    SharedList<String> list = shared.list("l");

    assertThatThrownBy(() -> ValueCopier.toStored(Optional.of(list), 1000))
        .isInstanceOf(NotStorableException.class)
        .hasMessageStartingWith("Cannot store an instance of java.util.Optional")
        .hasMessageContaining("store it on its own");
  }

  @Test
  @DisplayName("a reference counts its kind and name against the size limit")
  void sizeLimit() {
    SharedSet<String> set = shared.set("a-set-with-a-long-name-" + "x".repeat(100));

    assertThatThrownBy(() -> ValueCopier.toStored(set, 50)).isInstanceOf(ValueTooLargeException.class);
    assertThat(ValueCopier.toStored(set, 200)).isInstanceOf(StoredReference.class);
  }

  @Test
  @DisplayName("a kind is found by its id, and an unknown id fails naming the known ones")
  void kindsById() {
    for (SharedObjectKind kind : SharedObjectKind.values()) {
      assertThat(SharedObjectKind.forId(kind.id())).isSameAs(kind);
    }
    assertThatThrownBy(() -> SharedObjectKind.forId("teapot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'teapot'")
        .hasMessageContaining("dict, list, set, queue, value, counter, lock");
  }
}
