package io.sharedobjects.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The state of one {@link MapSharedBarrier} as stored in the cluster: a plain string, so a stock member
 * stores and compares it with no class of this library, and {@code IMap.replace(key, old, new)} is its
 * compare-and-set. Immutable.
 *
 * <ul>
 *   <li>{@code incarnation}: random, drawn by whoever creates the entry; a waiter that finds another one
 *       knows the barrier was destroyed (and maybe created again) while it waited.
 *   <li>{@code generation}: how many generations ended, by passing or breaking-and-reset.
 *   <li>{@code broken}: whether the current generation is broken.
 *   <li>{@code endings}: how each of the last 64 generations ended, bit {@code i} set if generation
 *       {@code generation - 1 - i} was broken. A waiter that missed the end of its generation (a new one has
 *       started since) reads how it ended here; one that missed more than 64 takes it as broken.
 *   <li>{@code waiting}: the parties waiting in the current generation, in arrival order: each one's key
 *       lock ({@link #partyKey}), held while it waits, is how the others tell it is alive.
 *   <li>{@code stored}: not part of the state, the object it was read as from the cluster (sealed with an
 *       authKey, {@link SealedState}), passed back as the expected value of a compare-and-set; null for a
 *       state made here. Equality ignores it.
 * </ul>
 */
record BarrierRecord(long incarnation, long generation, boolean broken, long endings, List<String> waiting,
    Object stored) {

  /** How a waiter's generation stands. */
  enum Outcome { WAITING, PASSED, BROKEN }

  /** How many endings are kept. */
  static final int ENDINGS_KEPT = Long.SIZE;

  BarrierRecord {
    waiting = List.copyOf(waiting);
  }

  BarrierRecord(long incarnation, long generation, boolean broken, long endings, List<String> waiting) {
    this(incarnation, generation, broken, endings, waiting, null);
  }

  /** This state, read as {@code stored}. */
  BarrierRecord withStored(Object stored) {
    return new BarrierRecord(incarnation, generation, broken, endings, waiting, stored);
  }

  /**
   * The state stored as {@code stored} in barrier {@code name}'s entry, verified by {@code form}, or null
   * for null (no barrier).
   *
   * @throws io.sharedobjects.AuthKeyMismatchException if it is not sealed with this process's key
   */
  static BarrierRecord read(Object stored, SealedState form, String name) {
    BarrierRecord state = decode(form.readString(name, stored, "barrier '" + name + "'"));
    return state == null ? null : state.withStored(stored);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BarrierRecord that && incarnation == that.incarnation && generation == that.generation
        && broken == that.broken && endings == that.endings && waiting.equals(that.waiting);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(incarnation, generation, broken, endings, waiting);
  }

  /** A new barrier's state: generation 0, whole, nobody waiting. */
  static BarrierRecord fresh() {
    return new BarrierRecord(ThreadLocalRandom.current().nextLong(), 0, false, 0, List.of());
  }

  /** The key of a waiting party's lock; user names cannot start with '_', so it never names a barrier. */
  static String partyKey(String party) {
    return "_party:" + party;
  }

  /** With {@code party} waiting too. */
  BarrierRecord arrived(String party) {
    List<String> more = new ArrayList<>(waiting);
    more.add(party);
    return new BarrierRecord(incarnation, generation, false, endings, more);
  }

  /** The next generation, this one having passed. */
  BarrierRecord passed() {
    return new BarrierRecord(incarnation, generation + 1, false, endings << 1, List.of());
  }

  /** This generation broken, nobody waiting any more. */
  BarrierRecord broke() {
    return new BarrierRecord(incarnation, generation, true, endings, List.of());
  }

  /** After {@code reset()}: the same if whole and empty, else a new generation, this one ended broken. */
  BarrierRecord reset() {
    if (!broken && waiting.isEmpty()) {
      return this;
    }
    return new BarrierRecord(incarnation, generation + 1, false, (endings << 1) | 1, List.of());
  }

  /** How generation {@code of} of incarnation {@code in} stands in this state. */
  Outcome outcome(long in, long of) {
    if (in != incarnation) {
      return Outcome.BROKEN;
    }
    if (of == generation) {
      return broken ? Outcome.BROKEN : Outcome.WAITING;
    }
    long back = generation - 1 - of;
    if (back < 0) {
      // A later state was seen before (it cannot go back); the caller read an older one: still waiting.
      return Outcome.WAITING;
    }
    if (back >= ENDINGS_KEPT) {
      return Outcome.BROKEN;
    }
    return (endings >>> back & 1) == 1 ? Outcome.BROKEN : Outcome.PASSED;
  }

  /** How many wait now: 0 while broken. */
  int numberWaiting() {
    return broken ? 0 : waiting.size();
  }

  /** The stored form: {@code incarnation;generation;broken;endings;party,party,...}. */
  String encode() {
    return Long.toHexString(incarnation) + ";" + generation + ";" + (broken ? 1 : 0) + ";"
        + Long.toHexString(endings) + ";" + String.join(",", waiting);
  }

  /** The state stored as {@code stored}, or null for null (no barrier). */
  static BarrierRecord decode(String stored) {
    if (stored == null) {
      return null;
    }
    String[] parts = stored.split(";", -1);
    if (parts.length != 5) {
      throw new IllegalStateException("Unreadable barrier state '" + stored + "' in "
          + MapSharedBarrier.BARRIERS_MAP + "; it was not written by this library's barrier. Destroy the barrier.");
    }
    List<String> waiting = parts[4].isEmpty() ? List.of() : List.of(parts[4].split(","));
    return new BarrierRecord(Long.parseUnsignedLong(parts[0], 16), Long.parseLong(parts[1]), "1".equals(parts[2]),
        Long.parseUnsignedLong(parts[3], 16), waiting);
  }
}
