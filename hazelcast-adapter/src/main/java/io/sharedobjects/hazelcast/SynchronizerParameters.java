package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import io.sharedobjects.SynchronizerRules;

/**
 * The numbers that semaphores, latches and barriers are created with (permits, count, parties), fixed in
 * the cluster by the first creator: recorded in {@value #PARAMETERS_MAP} by {@code putIfAbsent} under
 * {@code "kind:name"}, so every later creator reads the same number; {@code destroy()} removes it, so the
 * next creator fixes a new one.
 */
final class SynchronizerParameters {

  /** The internal map of numbers by kind and name; user names cannot start with '_', so none collides. */
  static final String PARAMETERS_MAP = "__shared-objects.parameters";

  private SynchronizerParameters() {}

  /**
   * The number {@code kind} {@code name} was created with, fixing {@code asked} if it is the first.
   *
   * @param what what the number counts, for the error: {@code "permits"}, {@code "count"}, {@code "parties"}
   * @throws IllegalArgumentException if it was created with another number, naming both
   */
  static int fix(ObjectContext context, String kind, String name, String what, int asked) {
    IMap<String, Object> numbers = context.instance().getMap(PARAMETERS_MAP);
    SealedState state = SealedState.of(context, PARAMETERS_MAP);
    String key = kind + ":" + name;
    String object = kind + " '" + name + "'";
    Object stored = state.seal(key, asked);
    Integer recorded = state.readInt(key, context.synchronizerCalls(object)
        .call(() -> numbers.putIfAbsent(key, stored)), object);
    return SynchronizerRules.checkSame(kind, name, what, recorded == null ? asked : recorded, asked);
  }

  /** Forgets the number of {@code kind} {@code name}, for its {@code destroy()}. */
  static void forget(ObjectContext context, Calls calls, String kind, String name) {
    IMap<String, Object> numbers = context.instance().getMap(PARAMETERS_MAP);
    calls.run(() -> numbers.delete(kind + ":" + name));
  }
}
