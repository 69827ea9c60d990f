package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The in-memory authKey: a process with another key, or none, reads nothing a keyed process wrote (lookups
 * miss, reads of stored items fail with {@link AuthKeyMismatchException} naming the object), a keyed
 * process reads nothing written without the key, failed reads change nothing, and the key is never shown.
 */
@DisplayName("InMemorySharedObjects with an authKey")
class InMemoryAuthKeyTest {

  private static final String KEY = "a passphrase for the in-memory authKey tests";
  private static final byte[] RAW_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final InMemorySharedObjects keyed = InMemorySharedObjects.withAuthKey(KEY);
  private final List<InMemorySharedObjects> peers = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(InMemorySharedObjects::close);
    keyed.close();
  }

  private InMemorySharedObjects track(InMemorySharedObjects peer) {
    peers.add(peer);
    return peer;
  }

  /** A peer with another passphrase, one with a raw key, and one with no key at all. */
  private List<InMemorySharedObjects> strangers() {
    return List.of(track(keyed.peerWithAuthKey("another passphrase entirely")),
        track(keyed.peerWithAuthKey(RAW_KEY)), track(keyed.peerWithoutAuthKey()));
  }

  @Test
  @DisplayName("a peer with another key, or none, misses on lookups and gets AuthKeyMismatchException from every read of a stored item; nothing stored changes")
  void otherKeyOrNone() throws InterruptedException {
    SharedDict<String, String> dict = keyed.dict("orders");
    dict.put("k", "v");
    SharedList<String> list = keyed.list("lines");
    list.add("e");
    SharedSet<String> set = keyed.set("tags");
    set.add("m");
    SharedQueue<String> queue = keyed.queue("jobs");
    queue.offer("first");
    queue.offer("second");
    SharedValue<String> value = keyed.value("state");
    value.set("v");

    for (InMemorySharedObjects stranger : strangers()) {
      SharedDict<String, String> theirDict = stranger.dict("orders");
      assertThat(theirDict.get("k")).as("a lookup by key finds no item stored with another key").isNull();
      assertThat(theirDict.containsKey("k")).isFalse();
      assertThat(theirDict.containsValue("v")).isFalse();
      assertThat(theirDict.remove("k")).as("a removal by key finds nothing to remove").isNull();
      assertThat(theirDict.size()).as("sizes are not protected, as on Hazelcast").isEqualTo(1);
      mismatch(() -> theirDict.keySet().iterator().next(), "dict 'orders'");
      mismatch(() -> theirDict.values().iterator().next(), "dict 'orders'");
      mismatch(() -> theirDict.entrySet().iterator().next(), "dict 'orders'");
      mismatch(theirDict::snapshot, "dict 'orders'");
      mismatch(() -> theirDict.forEach((k, v) -> { }), "dict 'orders'");
      mismatch(() -> theirDict.replaceAll((k, v) -> "overwritten"), "dict 'orders'");
      mismatch(() -> theirDict.equals(Map.of("k", "v")), "dict 'orders'");

      SharedList<String> theirList = stranger.list("lines");
      assertThat(theirList.contains("e")).isFalse();
      assertThat(theirList.indexOf("e")).isEqualTo(-1);
      assertThat(theirList.remove("e")).isFalse();
      mismatch(() -> theirList.get(0), "list 'lines'");
      mismatch(() -> theirList.iterator().next(), "list 'lines'");
      mismatch(theirList::snapshot, "list 'lines'");
      mismatch(() -> theirList.remove(0), "list 'lines'");
      mismatch(() -> theirList.set(0, "overwritten"), "list 'lines'");
      mismatch(() -> theirList.removeIf(e -> true), "list 'lines'");
      mismatch(theirList::toString, "list 'lines'");

      SharedSet<String> theirSet = stranger.set("tags");
      assertThat(theirSet.contains("m")).isFalse();
      assertThat(theirSet.remove("m")).isFalse();
      mismatch(() -> theirSet.iterator().next(), "set 'tags'");
      mismatch(theirSet::snapshot, "set 'tags'");
      mismatch(() -> theirSet.removeIf(e -> true), "set 'tags'");

      SharedQueue<String> theirQueue = stranger.queue("jobs");
      assertThat(theirQueue.contains("first")).isFalse();
      assertThat(theirQueue.remove("first")).isFalse();
      mismatch(theirQueue::poll, "queue 'jobs'");
      mismatch(theirQueue::peek, "queue 'jobs'");
      mismatch(theirQueue::take, "queue 'jobs'");
      mismatch(() -> theirQueue.poll(1, TimeUnit.MILLISECONDS), "queue 'jobs'");
      List<String> sink = new ArrayList<>();
      mismatch(() -> theirQueue.drainTo(sink), "queue 'jobs'");
      assertThat(sink).as("a failed drain hands out nothing").isEmpty();
      mismatch(theirQueue::snapshot, "queue 'jobs'");
      mismatch(() -> theirQueue.iterator().next(), "queue 'jobs'");

      SharedValue<String> theirValue = stranger.value("state");
      assertThat(theirValue.compareAndSet("v", "overwritten")).isFalse();
      mismatch(theirValue::get, "value 'state'");
      mismatch(() -> theirValue.getAndSet("overwritten"), "value 'state'");
      mismatch(() -> theirValue.updateAndGet(v -> "overwritten"), "value 'state'");
      mismatch(() -> theirValue.getAndUpdate(v -> "overwritten"), "value 'state'");
    }

    assertThat(dict.snapshot()).isEqualTo(Map.of("k", "v"));
    assertThat(dict.get("k")).isEqualTo("v");
    assertThat(list.snapshot()).containsExactly("e");
    assertThat(set.snapshot()).containsExactly("m");
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.poll()).as("the failed polls left the head where it was").isEqualTo("first");
    assertThat(queue.poll()).isEqualTo("second");
    assertThat(queue.poll()).isNull();
    assertThat(value.get()).isEqualTo("v");
  }

  @Test
  @DisplayName("a keyed process does not return what a peer without the key wrote, and that peer still reads it")
  void unsealedIsNotReturned() {
    InMemorySharedObjects forgot = track(keyed.peerWithoutAuthKey());
    forgot.<String, String>dict("orders").put("k", "plain");
    forgot.<String>list("lines").add("plain");
    forgot.<String>set("tags").add("plain");
    forgot.<String>queue("jobs").offer("plain");
    forgot.<String>value("state").set("plain");

    SharedDict<String, String> dict = keyed.dict("orders");
    assertThat(dict.get("k")).isNull();
    assertThat(dict.containsKey("k")).isFalse();
    mismatch(() -> dict.keySet().iterator().next(), "dict 'orders'");
    mismatch(() -> dict.values().iterator().next(), "dict 'orders'");
    SharedList<String> list = keyed.list("lines");
    assertThat(list.contains("plain")).isFalse();
    mismatch(() -> list.get(0), "list 'lines'");
    mismatch(() -> list.remove(0), "list 'lines'");
    SharedSet<String> set = keyed.set("tags");
    assertThat(set.contains("plain")).isFalse();
    mismatch(() -> set.iterator().next(), "set 'tags'");
    SharedQueue<String> queue = keyed.queue("jobs");
    mismatch(queue::poll, "queue 'jobs'");
    mismatch(queue::peek, "queue 'jobs'");
    SharedValue<String> value = keyed.value("state");
    mismatch(value::get, "value 'state'");
    mismatch(() -> value.getAndSet("sealed"), "value 'state'");

    assertThat(forgot.<String, String>dict("orders").snapshot()).isEqualTo(Map.of("k", "plain"));
    assertThat(forgot.<String>list("lines").snapshot()).containsExactly("plain");
    assertThat(forgot.<String>set("tags").snapshot()).containsExactly("plain");
    assertThat(forgot.<String>queue("jobs").poll()).isEqualTo("plain");
    assertThat(forgot.<String>value("state").get()).isEqualTo("plain");
  }

  @Test
  @DisplayName("peers with the same key read each other's writes, by peer(), the same passphrase, or the same raw bytes")
  void sameKeyReads() {
    keyed.<String, Integer>dict("orders").put("k", 1);
    assertThat(track(keyed.peer()).<String, Integer>dict("orders").get("k")).isEqualTo(1);
    assertThat(track(keyed.peerWithAuthKey(KEY)).<String, Integer>dict("orders").get("k")).isEqualTo(1);

    byte[] raw = RAW_KEY.clone();
    InMemorySharedObjects rawKeyed = InMemorySharedObjects.withAuthKey(raw);
    try {
      Arrays.fill(raw, (byte) 0); // the key was read at the call; changing the array later changes nothing
      rawKeyed.<String>list("lines").add("e");
      assertThat(rawKeyed.peerWithAuthKey(RAW_KEY).<String>list("lines").get(0)).isEqualTo("e");
      mismatch(() -> rawKeyed.peerWithAuthKey(new String(RAW_KEY, StandardCharsets.US_ASCII))
          .<String>list("lines").get(0), "list 'lines'");
    } finally {
      rawKeyed.close();
    }
  }

  @Test
  @DisplayName("an item stored with the key is bound to its key and its object, and null is never wrapped")
  void boundToKeyAndObject() {
    InMemoryAuthKey key = InMemoryAuthKey.ofPassphrase(KEY);
    Object sealed = InMemoryAuthKey.seal(key, "same", "value 'a'");
    assertThat(sealed).isInstanceOf(SealedItem.class).hasToString("(an item sealed for value 'a')")
        .isEqualTo(InMemoryAuthKey.seal(InMemoryAuthKey.ofPassphrase(KEY), "same", "value 'a'"))
        .isNotEqualTo(InMemoryAuthKey.seal(key, "same", "value 'b'"))
        .isNotEqualTo(InMemoryAuthKey.seal(InMemoryAuthKey.ofKey(RAW_KEY), "same", "value 'a'"))
        .isNotEqualTo("same");
    assertThat(InMemoryAuthKey.open(key, sealed, "value 'a'")).isEqualTo("same");
    mismatch(() -> InMemoryAuthKey.open(key, sealed, "value 'b'"), "value 'b'");
    mismatch(() -> InMemoryAuthKey.open(null, sealed, "value 'a'"), "value 'a'");
    mismatch(() -> InMemoryAuthKey.open(key, "same", "value 'a'"), "value 'a'");
    assertThat(InMemoryAuthKey.seal(key, null, "value 'a'")).isNull();
    assertThat(InMemoryAuthKey.open(key, null, "value 'a'")).isNull();
    assertThat(key).hasToString("(hidden)");
  }

  @Test
  @DisplayName("a blank passphrase and a key under 16 bytes are refused, with the Hazelcast backend's messages")
  void validation() {
    for (String blank : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> InMemorySharedObjects.withAuthKey(blank))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank passphrase");
      assertThatThrownBy(() -> keyed.peerWithAuthKey(blank))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank passphrase");
    }
    assertThatThrownBy(() -> InMemorySharedObjects.withAuthKey(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes")
        .hasMessageContaining("got 15");
    assertThatThrownBy(() -> InMemorySharedObjects.withAuthKey((byte[]) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes");
    assertThatThrownBy(() -> keyed.peerWithAuthKey(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes");
    InMemorySharedObjects sixteen = InMemorySharedObjects.withAuthKey(new byte[16]);
    sixteen.close();
  }

  @Test
  @DisplayName("the key shows nowhere: not in toString, nor in the error of a failed read")
  void keyIsNeverShown() {
    InMemorySharedObjects rawKeyed = track(InMemorySharedObjects.withAuthKey(RAW_KEY));
    for (InMemorySharedObjects shared : List.of(keyed, rawKeyed)) {
      String text = shared.toString();
      assertThat(text).doesNotContain(KEY).doesNotContain(new String(RAW_KEY, StandardCharsets.US_ASCII))
          .doesNotContain(HexFormat.of().formatHex(RAW_KEY)).contains("authKey set");
    }
    assertThat(track(keyed.peerWithoutAuthKey()).toString()).doesNotContain("authKey");
    keyed.<String>value("state").set("v");
    Throwable error = catchMismatch(() -> track(keyed.peerWithAuthKey(RAW_KEY)).value("state").get());
    assertThat(error.getMessage()).doesNotContain(KEY).doesNotContain(new String(RAW_KEY, StandardCharsets.US_ASCII));
  }

  @Test
  @DisplayName("closed instances refuse to make peers with or without a key")
  void closedRefusesPeers() {
    InMemorySharedObjects closed = InMemorySharedObjects.withAuthKey(KEY);
    closed.close();
    assertThatThrownBy(() -> closed.peerWithAuthKey(KEY)).isInstanceOf(io.sharedobjects.SharedObjectsClosedException.class);
    assertThatThrownBy(closed::peerWithoutAuthKey).isInstanceOf(io.sharedobjects.SharedObjectsClosedException.class);
  }

  private static void mismatch(ThrowingCallable read, String object) {
    assertThatThrownBy(read).isInstanceOf(AuthKeyMismatchException.class)
        .hasMessageContaining(object).hasMessageContaining("authKey")
        .satisfies(e -> assertThat(((AuthKeyMismatchException) e).object()).isEqualTo(object));
  }

  private static Throwable catchMismatch(ThrowingCallable read) {
    Throwable error = org.assertj.core.api.Assertions.catchThrowable(read);
    assertThat(error).isInstanceOf(AuthKeyMismatchException.class);
    return error;
  }
}
