package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared dict's asynchronous calls ({@code getAsync}, {@code putAsync},
 * {@code setAsync}, {@code removeAsync}): each does what its synchronous form does, without waiting, and
 * fails at the call for what cannot be stored or a closed instance.
 */
@Tag("dict")
abstract class DictAsyncContract extends KitContract {

  DictAsyncContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("getAsync completes with the value, and with null for a missing key and for a key mapped to null")
  void getAsync() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);
    dict.put("null", null);

    assertThat(done(dict.getAsync("a"))).isEqualTo(1);
    assertThat(done(dict.getAsync("missing"))).isNull();
    assertThat(done(dict.getAsync("null"))).isNull();
  }

  @Test
  @DisplayName("putAsync completes with the value it replaced; once complete, get and a peer see the write")
  void putAsync() {
    SharedDict<String, Integer> dict = newDict();
    SharedDict<String, Integer> seenByPeer = peer().dict(dict.name());

    assertThat(done(dict.putAsync("a", 1))).isNull();
    assertThat(done(dict.putAsync("a", 2))).isEqualTo(1);

    assertThat(dict.get("a")).isEqualTo(2);
    assertThat(seenByPeer.get("a")).isEqualTo(2);
  }

  @Test
  @DisplayName("setAsync completes with null once the value is written")
  void setAsync() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);

    assertThat(done(dict.setAsync("a", 2))).isNull();
    assertThat(done(dict.setAsync("b", 3))).isNull();

    assertThat(dict.snapshot()).isEqualTo(Map.of("a", 2, "b", 3));
  }

  @Test
  @DisplayName("removeAsync completes with the value it removed, and the key is gone")
  void removeAsync() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);
    dict.put("b", 2);

    assertThat(done(dict.removeAsync("a"))).isEqualTo(1);
    assertThat(done(dict.removeAsync("a"))).isNull();

    assertThat(dict.snapshot()).isEqualTo(Map.of("b", 2));
  }

  @Test
  @DisplayName("a null key and null values work with every asynchronous call, as with the synchronous ones")
  void nulls() {
    SharedDict<String, String> dict = newDict();

    assertThat(done(dict.putAsync(null, "v"))).isNull();
    assertThat(done(dict.getAsync(null))).isEqualTo("v");
    assertThat(done(dict.putAsync(null, null))).isEqualTo("v");
    assertThat(dict.containsKey(null)).isTrue();
    assertThat(done(dict.getAsync(null))).isNull();
    assertThat(done(dict.setAsync("k", null))).isNull();
    assertThat(done(dict.removeAsync(null))).isNull();
    assertThat(dict.containsKey(null)).isFalse();
    assertThat(dict.snapshot()).containsExactly(new SimpleEntry<>("k", null));
  }

  @Test
  @DisplayName("values read by getAsync and putAsync are copies, and a value written by putAsync is copied at the call")
  void copies() {
    SharedDict<String, ArrayList<String>> dict = newDict();
    ArrayList<String> original = new ArrayList<>(List.of("a"));
    CompletionStage<ArrayList<String>> write = dict.putAsync("k", original);
    original.add("changed after the call");
    done(write);

    ArrayList<String> read = done(dict.getAsync("k"));
    assertThat(read).containsExactly("a");
    read.add("changed after the read");
    ArrayList<String> replaced = done(dict.putAsync("k", new ArrayList<>(List.of("b"))));

    assertThat(replaced).containsExactly("a").isNotSameAs(read);
    assertThat(dict.get("k")).containsExactly("b");
  }

  @Test
  @DisplayName("many asynchronous writes from one thread, none waited for before the next, all apply")
  void manyInFlight() {
    SharedDict<Integer, Integer> dict = newDict();
    List<CompletableFuture<?>> stages = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      stages.add(dict.setAsync(i, i).toCompletableFuture());
      stages.add(dict.putAsync(1000 + i, i).toCompletableFuture());
    }
    done(CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)));

    assertThat(dict.size()).isEqualTo(400);
    assertThat(dict.get(150)).isEqualTo(150);
    assertThat(dict.get(1150)).isEqualTo(150);
  }

  @Test
  @DisplayName("a key or value that cannot be stored is refused at the call with NotStorableException, and nothing changes")
  void notStorableAtTheCall() {
    SharedDict<Object, Object> dict = newDict();
    dict.put("k", "old");
    Object bad = new Object();

    assertThatThrownBy(() -> dict.putAsync("k", bad)).as("putAsync").isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> dict.setAsync("k", bad)).as("setAsync").isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> dict.getAsync(bad)).as("getAsync").isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> dict.removeAsync(bad)).as("removeAsync").isInstanceOf(NotStorableException.class);

    assertThat(dict.snapshot()).isEqualTo(Map.of("k", "old"));
  }

  @Test
  @DisplayName("after close, every asynchronous call fails at the call with SharedObjectsClosedException")
  void closed() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);
    shared().close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("getAsync", () -> dict.getAsync("a"));
    calls.put("putAsync", () -> dict.putAsync("b", 2));
    calls.put("setAsync", () -> dict.setAsync("b", 2));
    calls.put("removeAsync", () -> dict.removeAsync("a"));
    assertAllFailClosed(calls);
  }

  /** The stage's result, waiting at most the kit's bound; what it failed with is rethrown. */
  private <T> T done(CompletionStage<T> stage) {
    return await(stage.toCompletableFuture(), WAIT);
  }
}
