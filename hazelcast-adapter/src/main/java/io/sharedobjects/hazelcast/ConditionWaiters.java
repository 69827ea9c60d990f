package io.sharedobjects.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The waiters of one map-based condition as stored in the cluster, oldest first: the stored form is the
 * string {@code "<version>|id=W,id=S,..."}, a plain {@code String} so that stock members and clients without
 * this class can hold and compare it. {@code W} is a waiter still waiting, {@code S} one that was signalled
 * and has not yet taken the lock back. Every change increases the version, so a process that reads the
 * waiters both from events and from the map keeps the newest. Immutable.
 *
 * @param version how many changes the stored waiters have had
 * @param entries waiter ids with their state, oldest first
 * @param readAs not part of the state: the object it was read as from the cluster (sealed with an authKey,
 *     {@link SealedState}), passed back as the expected value of a compare-and-set; null for a state made
 *     here. Equality ignores it.
 */
record ConditionWaiters(long version, List<Entry> entries, Object readAs) {

  /** The waiters of a condition never used: none, version 0. */
  static final ConditionWaiters NONE = new ConditionWaiters(0, List.of());

  /** One waiter: its id, and whether it was signalled. */
  record Entry(String id, boolean signalled) {}

  ConditionWaiters(long version, List<Entry> entries) {
    this(version, entries, null);
  }

  /** These waiters, read as {@code stored}. */
  ConditionWaiters withReadAs(Object stored) {
    return new ConditionWaiters(version, entries, stored);
  }

  /**
   * The waiters stored as {@code stored} under {@code key}, verified by {@code form}; {@link #NONE} for null.
   *
   * @param object the condition, for the error
   * @throws io.sharedobjects.AuthKeyMismatchException if it is not sealed with this process's key
   */
  static ConditionWaiters read(Object stored, SealedState form, String key, String object) {
    String text = form.readString(key, stored, object);
    return text == null ? NONE : parse(text).withReadAs(stored);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConditionWaiters that && version == that.version && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(version) * 31 + entries.hashCode();
  }

  static ConditionWaiters parse(String stored) {
    if (stored == null) {
      return NONE;
    }
    int bar = stored.indexOf('|');
    long version = Long.parseLong(stored.substring(0, bar));
    List<Entry> entries = new ArrayList<>();
    if (bar + 1 < stored.length()) {
      for (String item : stored.substring(bar + 1).split(",")) {
        int eq = item.lastIndexOf('=');
        entries.add(new Entry(item.substring(0, eq), item.charAt(eq + 1) == 'S'));
      }
    }
    return new ConditionWaiters(version, List.copyOf(entries));
  }

  /** The stored form; null for {@link #NONE}, which is stored as no entry. */
  String stored() {
    if (version == 0) {
      return null;
    }
    StringBuilder out = new StringBuilder().append(version).append('|');
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      out.append(i == 0 ? "" : ",").append(entry.id()).append('=').append(entry.signalled() ? 'S' : 'W');
    }
    return out.toString();
  }

  /** The entry of waiter {@code id}, or null if it is not (or no longer) registered. */
  Entry find(String id) {
    for (Entry entry : entries) {
      if (entry.id().equals(id)) {
        return entry;
      }
    }
    return null;
  }

  /** With waiter {@code id} added as the newest, still waiting. */
  ConditionWaiters adding(String id) {
    List<Entry> next = new ArrayList<>(entries);
    next.add(new Entry(id, false));
    return new ConditionWaiters(version + 1, next);
  }

  /** Without the entries {@code drop} selects. */
  ConditionWaiters removing(Predicate<Entry> drop) {
    List<Entry> next = new ArrayList<>(entries);
    next.removeIf(drop);
    return new ConditionWaiters(version + 1, next);
  }

  /** With waiter {@code id} marked signalled. */
  ConditionWaiters signalling(String id) {
    List<Entry> next = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      next.add(entry.id().equals(id) ? new Entry(id, true) : entry);
    }
    return new ConditionWaiters(version + 1, next);
  }

  /** With no waiters: every one that was registered is signalled ({@code signalAll}). */
  ConditionWaiters emptied() {
    return new ConditionWaiters(version + 1, List.of());
  }

  /** Whether this is a newer state than {@code other}. */
  boolean newerThan(ConditionWaiters other) {
    return version > other.version;
  }
}
