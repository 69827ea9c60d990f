package io.sharedobjects.hazelcast;

import com.hazelcast.collection.IList;
import com.hazelcast.collection.IQueue;
import com.hazelcast.collection.ISet;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The sweep of step 2 of a key rotation ({@link HazelcastSharedObjects#resealWithCurrentKey}): what the
 * older key sealed, sealed again with the newer one, where that can be done in place without losing a
 * concurrent write; and a count of what cannot.
 *
 * <p>A dict entry is written again under its resealed key and value (the older form is the one every
 * process reads first while both exist, so it wins, as a move by key does) and its older form then removed
 * if unchanged; a set element is added resealed, then removed; a shared value is swapped by
 * compare-and-set, and so is each value of this library's own state ({@link SealedState}). List elements
 * and queue items are only counted: Hazelcast has no compare-and-set by position for a list, and a queue
 * cannot be rewritten in place, so rewriting them could lose or reorder a concurrent write.
 */
final class KeyRotation {

  private final HazelcastInstance instance;
  private final Sealing sealing;
  private final Calls calls;
  /** What is left sealed with the older key, by object ({@code "list 'jobs'"}), with its count. */
  private final Map<String, Integer> left = new TreeMap<>();

  private KeyRotation(HazelcastInstance instance, Sealing sealing, Calls calls) {
    this.instance = instance;
    this.sealing = sealing;
    this.calls = calls;
  }

  /**
   * Reseals what can be resealed in place and returns what is left sealed with the older key, by object,
   * with counts; empty when nothing is.
   *
   * @throws IllegalStateException unless {@code sealing} is at step 2 of a rotation
   */
  static Map<String, Integer> reseal(HazelcastInstance instance, Sealing sealing, Calls calls) {
    if (sealing == null || sealing.other() == null || sealing.otherIsNewer()) {
      throw new IllegalStateException("resealWithCurrentKey() is for step 2 of a key rotation, once every process"
          + " runs with authKey(new) and previousAuthKey(old): this process has "
          + (sealing == null ? "no authKey" : sealing.other() == null ? "no previousAuthKey" : "nextAuthKey (step 1)")
          + ". See docs/security.md#rotating-the-key.");
    }
    KeyRotation rotation = new KeyRotation(instance, sealing, calls);
    for (DistributedObject object : calls.call(instance::getDistributedObjects)) {
      String name = object.getName();
      if (name.startsWith("__")) {
        continue; // this library's internal structures: below, each as it binds its items
      }
      if (object instanceof IMap<?, ?>) {
        rotation.resealDict(name);
      } else if (object instanceof ISet<?>) {
        rotation.resealSet(name);
      } else if (object instanceof IList<?>) {
        rotation.count("list", name, calls.call(() -> new ArrayList<Object>(instance.<Object>getList(name))));
      } else if (object instanceof IQueue<?>) {
        rotation.count("queue", name, calls.call(() -> new ArrayList<Object>(instance.<Object>getQueue(name))));
      }
    }
    rotation.resealEntries(MapSharedValue.VALUES_MAP, name -> Sealing.objectBytes("value '" + name + "'"));
    for (String map : SealedState.MAPS) {
      rotation.resealEntries(map, key -> SealedState.binding(map, key));
    }
    return rotation.left;
  }

  private void resealDict(String name) {
    IMap<Object, Object> map = instance.getMap(name);
    byte[] object = Sealing.objectBytes("dict '" + name + "'");
    for (Map.Entry<Object, Object> entry : calls.call(() -> new ArrayList<>(map.entrySet()))) {
      Object k = entry.getKey();
      Object v = entry.getValue();
      Object newK = sealing.resealed(k, object);
      Object newV = sealing.resealed(v, object);
      if (newK != k) {
        calls.run(() -> map.set(newK, newV));
        calls.call(() -> map.remove(k, v));
      } else if (newV != v) {
        calls.call(() -> map.replace(k, v, newV));
      }
    }
  }

  private void resealSet(String name) {
    ISet<Object> set = instance.getSet(name);
    byte[] object = Sealing.objectBytes("set '" + name + "'");
    for (Object element : calls.call(() -> new ArrayList<>(set))) {
      Object resealed = sealing.resealed(element, object);
      if (resealed != element) {
        calls.call(() -> set.add(resealed));
        calls.call(() -> set.remove(element));
      }
    }
  }

  /**
   * The values of internal map {@code name} (shared values, this library's own state), entry by entry, by
   * compare-and-set; {@code binding} gives the bytes each entry's value is bound to.
   */
  private void resealEntries(String name, Function<String, byte[]> binding) {
    IMap<String, Object> map = instance.getMap(name);
    for (Map.Entry<String, Object> entry : calls.call(() -> new ArrayList<>(map.entrySet()))) {
      Object resealed = sealing.resealed(entry.getValue(), binding.apply(entry.getKey()));
      if (resealed != entry.getValue()) {
        calls.call(() -> map.replace(entry.getKey(), entry.getValue(), resealed));
      }
    }
  }

  private void count(String kind, String name, List<Object> items) {
    int older = 0;
    for (Object item : items) {
      if (item instanceof byte[] sealed && sealing.sealedWithOther(sealed)) {
        older++;
      }
    }
    if (older > 0) {
      left.put(kind + " '" + name + "'", older);
    }
  }
}
