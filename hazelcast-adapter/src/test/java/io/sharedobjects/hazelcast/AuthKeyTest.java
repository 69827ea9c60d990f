package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.collection.ICollection;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The authKey against processes without it: what the cluster holds, what another key or none reads, an
 * altered item, and a {@code Serializable} gadget written by a process without the key. One member with
 * the key; the other processes are clients of it.
 */
class AuthKeyTest {

  private static final String KEY = "a passphrase for the tests of the authKey";

  private static HazelcastSharedObjects member;
  private static HazelcastSharedObjects otherKey;
  private static HazelcastSharedObjects noKey;
  private static HazelcastSharedObjects keyedClient;

  /** A record (Compact-serialized) and a Serializable class, both with text that must not show in the cluster. */
  record Order(String customer, int quantity) {}

  static final class Note implements Serializable {
    private static final long serialVersionUID = 1L;
    final String text;

    Note(String text) {
      this.text = text;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Note note && note.text.equals(text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }
  }

  /** What a process without the key writes to run code in its readers: reading it sets the flag. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean RAN = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      RAN.set(true);
    }
  }

  @BeforeAll
  static void start() {
    String cluster = "authkey-" + UUID.randomUUID();
    member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).authKey(KEY).embedded();
    keyedClient = HazelcastSharedObjects.builder().clusterName(cluster).authKey(KEY).client(member.address());
    otherKey = HazelcastSharedObjects.builder().clusterName(cluster).authKey("another passphrase entirely")
        .client(member.address());
    noKey = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address());
  }

  @AfterAll
  static void stop() {
    for (HazelcastSharedObjects shared : new HazelcastSharedObjects[] {noKey, otherKey, keyedClient, member}) {
      if (shared != null) {
        shared.close();
      }
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @Test
  @DisplayName("the cluster holds no plaintext of anything written with the key, read raw by a plain client")
  void noPlaintextInTheCluster() {
    String marker = "PLAINTEXT" + UUID.randomUUID().toString().replace("-", "");
    SharedDict<Object, Object> dict = keyedClient.dict(unique("dict"));
    dict.put(marker + "key", marker + "value");
    dict.put(1, new Order(marker + "customer", 3));
    dict.put(2, new Note(marker + "note"));
    SharedList<String> list = keyedClient.list(unique("list"));
    list.add(marker + "element");
    SharedSet<String> set = keyedClient.set(unique("set"));
    set.add(marker + "member");
    SharedQueue<String> queue = keyedClient.queue(unique("queue"));
    queue.offer(marker + "item");
    SharedValue<String> value = keyedClient.value(unique("value"));
    value.set(marker + "shared value");
    assertThat(dict.get(1)).isEqualTo(new Order(marker + "customer", 3));
    assertThat(dict.get(2)).isEqualTo(new Note(marker + "note"));

    HazelcastInstance raw = noKey.hazelcastInstance();
    HazelcastInternals.Serializer serializer = HazelcastInternals.serializer(raw);
    List<String> seen = new ArrayList<>();
    int items = 0;
    for (DistributedObject object : raw.getDistributedObjects()) {
      List<Object> contents = new ArrayList<>();
      if (object instanceof IMap<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          contents.add(entry.getKey());
          contents.add(entry.getValue());
        }
      } else if (object instanceof ICollection<?> collection) {
        contents.addAll(collection);
      }
      for (Object item : contents) {
        items++;
        String bytes = new String(HazelcastInternals.Serializer.bytes(serializer.serialize(item)),
            StandardCharsets.ISO_8859_1);
        if (bytes.contains("PLAINTEXT")) {
          seen.add(object.getName() + ": " + item);
        }
      }
    }
    assertThat(items).as("items read raw").isGreaterThanOrEqualTo(9);
    assertThat(seen).as("items holding plaintext").isEmpty();
  }

  @Test
  @DisplayName("a process with another key, or none, gets AuthKeyMismatchException naming the object from every read that meets a sealed item, and nothing stored changes")
  void otherKeyOrNone() {
    SharedDict<String, String> dict = keyedClient.dict(unique("dict"));
    dict.put("k", "v");
    SharedList<String> list = keyedClient.list(unique("list"));
    list.add("e");
    SharedSet<String> set = keyedClient.set(unique("set"));
    set.add("m");
    SharedQueue<String> queue = keyedClient.queue(unique("queue"));
    queue.offer("first");
    SharedValue<String> value = keyedClient.value(unique("value"));
    value.set("v");

    for (SharedObjects reader : new SharedObjects[] {otherKey, noKey}) {
      SharedDict<String, String> theirDict = reader.dict(dict.name());
      mismatch(() -> theirDict.keySet().iterator().next(), "dict '" + dict.name() + "'");
      mismatch(() -> theirDict.values().iterator().next(), "dict '" + dict.name() + "'");
      assertThat(theirDict.get("k")).as("a lookup by key finds no item sealed with another key").isNull();
      mismatch(() -> reader.list(list.name()).get(0), "list '" + list.name() + "'");
      mismatch(() -> reader.set(set.name()).iterator().next(), "set '" + set.name() + "'");
      mismatch(() -> reader.queue(queue.name()).poll(), "queue '" + queue.name() + "'");
      mismatch(() -> reader.queue(queue.name()).peek(), "queue '" + queue.name() + "'");
      mismatch(() -> reader.value(value.name()).get(), "value '" + value.name() + "'");
    }

    assertThat(dict).containsExactly(Map.entry("k", "v"));
    assertThat(list).containsExactly("e");
    assertThat(set).containsExactly("m");
    assertThat(queue.poll()).as("the element the failed polls took went back").isEqualTo("first");
    assertThat(queue.poll()).isNull();
    assertThat(value.get()).isEqualTo("v");
  }

  private static void mismatch(Executable read, String object) {
    assertThatThrownBy(read::execute).isInstanceOf(AuthKeyMismatchException.class)
        .hasMessageContaining(object).hasMessageContaining("authKey")
        .satisfies(e -> assertThat(((AuthKeyMismatchException) e).object()).isEqualTo(object));
  }

  @Test
  @DisplayName("an item altered in the cluster (one byte flipped) fails verification, and stays as it is")
  void alteredItem() {
    SharedDict<String, String> dict = keyedClient.dict(unique("dict"));
    dict.put("k", "the original");
    IMap<Object, Object> raw = noKey.hazelcastInstance().getMap(dict.name());
    Map.Entry<Object, Object> entry = raw.entrySet().iterator().next();
    byte[] altered = ((byte[]) entry.getValue()).clone();
    altered[altered.length - 1] ^= 0x01;
    raw.put(entry.getKey(), altered);

    mismatch(() -> dict.get("k"), "dict '" + dict.name() + "'");
    mismatch(() -> member.dict(dict.name()).get("k"), "dict '" + dict.name() + "'");
    assertThat((byte[]) raw.get(entry.getKey())).as("the failed read changed nothing").isEqualTo(altered);
  }

  @Test
  @DisplayName("an item moved by a process without the key to another key or another object fails verification")
  void movedItem() {
    SharedDict<String, String> dict = keyedClient.dict(unique("dict"));
    dict.put("a", "for a");
    dict.put("b", "for b");
    SharedDict<String, String> other = keyedClient.dict(unique("dict"));
    other.put("a", "for the other a");
    IMap<Object, Object> raw = noKey.hazelcastInstance().getMap(dict.name());
    IMap<Object, Object> rawOther = noKey.hazelcastInstance().getMap(other.name());
    Object sealedKey = rawOther.keySet().iterator().next();
    rawOther.put(sealedKey, raw.values().iterator().next());

    mismatch(() -> other.get("a"), "dict '" + other.name() + "'");
  }

  @Test
  @DisplayName("a Serializable gadget written by a process without the key is never deserialized by one with it")
  void gadgetIsNeverDeserialized() {
    SharedDict<String, String> dict = keyedClient.dict(unique("dict"));
    dict.put("k", "v");
    SharedList<Object> list = keyedClient.list(unique("list"));
    SharedQueue<Object> queue = keyedClient.queue(unique("queue"));
    HazelcastInstance raw = noKey.hazelcastInstance();
    IMap<Object, Object> rawDict = raw.getMap(dict.name());
    rawDict.put(rawDict.keySet().iterator().next(), new Gadget());
    raw.getList(list.name()).add(new Gadget());
    raw.getQueue(queue.name()).offer(new Gadget());
    Gadget.RAN.set(false);

    for (SharedObjects reader : new SharedObjects[] {keyedClient, member}) {
      mismatch(() -> reader.dict(dict.name()).get("k"), "dict '" + dict.name() + "'");
      mismatch(() -> reader.dict(dict.name()).values().iterator().next(), "dict '" + dict.name() + "'");
      mismatch(() -> reader.list(list.name()).get(0), "list '" + list.name() + "'");
      mismatch(() -> reader.queue(queue.name()).peek(), "queue '" + queue.name() + "'");
    }
    assertThat(Gadget.RAN).as("the gadget's readObject ran").isFalse();
  }

  @Test
  @DisplayName("a value written without the key is not returned by a process with it")
  void unsealedIsNotReturned() {
    SharedDict<String, String> dict = keyedClient.dict(unique("dict"));
    dict.put("k", "sealed");
    IMap<Object, Object> raw = noKey.hazelcastInstance().getMap(dict.name());
    raw.put(raw.keySet().iterator().next(), "plain text from a process without the key");
    mismatch(() -> dict.get("k"), "dict '" + dict.name() + "'");
  }

  @Test
  @DisplayName("sealing adds 30 bytes to a stored Integer key and 38 to a stored String value (docs/security.md)")
  void storedSizeOverhead() {
    SharedDict<Integer, String> sealedDict = keyedClient.dict(unique("dict"));
    SharedDict<Integer, String> plainDict = noKey.dict(unique("dict"));
    sealedDict.put(42, "value-000042");
    plainDict.put(42, "value-000042");
    HazelcastInternals.Serializer serializer = HazelcastInternals.serializer(noKey.hazelcastInstance());
    Map.Entry<Object, Object> sealed = noKey.hazelcastInstance().getMap(sealedDict.name()).entrySet().iterator().next();
    Map.Entry<Object, Object> plain = noKey.hazelcastInstance().getMap(plainDict.name()).entrySet().iterator().next();
    // Plain: Hazelcast's 8-byte header, then 4 bytes (the int) or a 4-byte length and 12 UTF-8 bytes.
    // Sealed: the byte array's 8-byte header and 4-byte length, the 9-byte seal header, a tag byte and the
    // same 4 or 12 bytes, then SIV's 16-byte tag, or GCM's 12-byte nonce and 16-byte tag.
    assertThat(size(serializer, plain.getKey())).isEqualTo(8 + 4);
    assertThat(size(serializer, sealed.getKey())).isEqualTo(8 + 4 + Sealing.HEADER + 1 + 4 + 16);
    assertThat(size(serializer, plain.getValue())).isEqualTo(8 + 4 + 12);
    assertThat(size(serializer, sealed.getValue())).isEqualTo(8 + 4 + Sealing.HEADER + 1 + 12 + 12 + 16);
    assertThat(size(serializer, sealed.getKey()) - size(serializer, plain.getKey())).isEqualTo(30);
    assertThat(size(serializer, sealed.getValue()) - size(serializer, plain.getValue())).isEqualTo(38);
  }

  private static int size(HazelcastInternals.Serializer serializer, Object item) {
    return HazelcastInternals.Serializer.size(serializer.serialize(item));
  }

  @Test
  @DisplayName("wrap with a key refuses an instance without the authKey deserialization filter, and says how to start it")
  void wrapNeedsTheFilter() {
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().authKey(KEY).wrap(noKey.hazelcastInstance()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authKeyDeserializationFilter()");
    try (HazelcastSharedObjects wrapped = HazelcastSharedObjects.builder().authKey(KEY).wrap(member.hazelcastInstance())) {
      assertThat(wrapped.dict("wrapped").put("k", "v")).isNull();
      assertThat(keyedClient.dict("wrapped").get("k")).isEqualTo("v");
    }
  }
}
