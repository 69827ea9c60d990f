package io.sharedobjects.hazelcast;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.QueueRules;
import io.sharedobjects.SharedQueue;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link SharedQueue} on a Hazelcast {@code IQueue} of the same name, which keeps the whole queue in one
 * partition (one member and its backup). Elements are written and read through {@link StoredForm},
 * serialized and checked before any call; the capacity is the queue's Hazelcast configuration (see {@link
 * HazelcastQueues}); the unfinished tasks are {@link UnfinishedTasks}.
 *
 * <p><b>Waiting</b> never blocks on the cluster: {@code take}, {@code put} and the timed forms try a call
 * that answers at once ({@code poll} or {@code offer} with no wait) and, if it must wait, wait in this
 * process for the queue's next item event ({@link QueueEvents}), re-checking at least every {@link
 * #RECHECK_NANOS}. A wait blocked on a member could not be taken back: an interrupted {@code poll(timeout)}
 * keeps waiting on the member and takes the next element added, which is then lost (seen on 5.7.0).
 *
 * <p><b>Adding</b> counts the element as unfinished first, then adds it, so a taker never sees an element
 * the count does not hold yet; an element refused (a full queue, a wait that ran out or was interrupted)
 * is counted out again. An add whose outcome is unknown (no answer from the cluster) stays counted.
 */
final class HazelcastSharedQueue<E> extends AbstractQueue<E> implements SharedQueue<E> {

  /** The longest a waiting call goes without looking at the queue, in case an event was lost. */
  static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final HazelcastInstance instance;
  private final QueueCalls calls;
  private final StoredForm storedForm;
  private final String name;
  private final int capacity;
  private final UnfinishedTasks tasks;
  private final QueueEvents events;
  private volatile IQueue<Object> queue;

  HazelcastSharedQueue(ObjectContext context, String name, int capacity) {
    this.instance = context.instance();
    this.calls = new QueueCalls(context.dataCalls("queue '" + name + "'"), "queue '" + name + "'");
    this.storedForm = context.storedForm().of("queue", name);
    this.name = name;
    this.capacity = capacity;
    this.tasks = new UnfinishedTasks(context, name, calls);
    this.events = new QueueEvents(context, calls);
    this.queue = instance.getQueue(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int capacity() {
    return capacity;
  }

  /** Empties the queue and its count; the capacity stays, as its Hazelcast configuration does. */
  @Override
  public void destroy() {
    calls.run(() -> queue.destroy());
    tasks.reset();
    // A fresh proxy is created on the cluster: a remote call for a client, so bounded and typed too.
    queue = calls.call(() -> instance.getQueue(name));
  }

  /** Stops listening and wakes the waiting threads, which fail; called once when the SharedObjects closes. */
  void close() {
    events.close();
  }

  // --- adding -------------------------------------------------------------------------------------------

  @Override
  public boolean offer(E element) {
    Object stored = stored(element);
    tasks.added(1);
    boolean added = calls.call(() -> queue.offer(stored));
    if (!added) {
      tasks.removedUnseen(1);
    }
    return added;
  }

  @Override
  public void put(E element) throws InterruptedException {
    offer(element, -1);
  }

  @Override
  public boolean offer(E element, long time, TimeUnit unit) throws InterruptedException {
    return offer(element, Math.max(0, unit.toNanos(time)));
  }

  /** Adds, waiting for room at most {@code nanos} (forever if negative). */
  private boolean offer(E element, long nanos) throws InterruptedException {
    Object stored = stored(element);
    tasks.addedBeforeWaiting(1);
    boolean added;
    try {
      added = waitFor(() -> queue.offer(stored, 0, TimeUnit.SECONDS) ? Boolean.TRUE : null, nanos) != null;
    } catch (InterruptedException e) {
      // Interrupted while waiting for room, so not added. (An interrupt during the offer's own round trip
      // leaves that unknown, and counting it out may then make a taskDone() fail later; see QueueCalls.)
      tasks.removedUnseen(1);
      throw e;
    }
    if (!added) {
      tasks.removedUnseen(1);
    }
    return added;
  }

  /** All or nothing: every element is serialized and checked first, and none is added unless all fit. */
  @Override
  public boolean addAll(Collection<? extends E> elements) {
    if (elements == this) {
      throw new IllegalArgumentException("A queue cannot be added to itself");
    }
    List<Object> stored = new ArrayList<>(elements.size());
    for (E element : elements) {
      stored.add(stored(element));
    }
    if (stored.isEmpty()) {
      return false;
    }
    tasks.added(stored.size());
    boolean added;
    try {
      added = calls.call(() -> queue.addAll(stored));
    } catch (IllegalStateException full) {
      // Hazelcast checks the room for all of them before adding any, and throws this when it lacks.
      added = false;
    }
    if (!added) {
      tasks.removedUnseen(stored.size());
      throw new IllegalStateException("Queue '" + name + "' has no room for " + stored.size()
          + " more elements (capacity " + capacity + "); nothing was added");
    }
    return true;
  }

  // --- handing out --------------------------------------------------------------------------------------

  @Override
  public E poll() {
    return taken(calls.call(() -> queue.poll()));
  }

  @Override
  public E take() throws InterruptedException {
    return taken(waitFor(() -> queue.poll(0, TimeUnit.SECONDS), -1));
  }

  @Override
  public E poll(long time, TimeUnit unit) throws InterruptedException {
    return taken(waitFor(() -> queue.poll(0, TimeUnit.SECONDS), Math.max(0, unit.toNanos(time))));
  }

  @Override
  public E peek() {
    return read(calls.call(() -> queue.peek()));
  }

  @Override
  public int drainTo(Collection<? super E> sink) {
    return drainTo(sink, Integer.MAX_VALUE);
  }

  @Override
  public int drainTo(Collection<? super E> sink, int maxElements) {
    Objects.requireNonNull(sink, "sink");
    if (sink == this) {
      throw new IllegalArgumentException("A queue cannot be drained into itself");
    }
    if (maxElements <= 0) {
      return 0;
    }
    List<Object> drained = calls.call(() -> {
      List<Object> taken = new ArrayList<>();
      queue.drainTo(taken, maxElements);
      return taken;
    });
    List<E> elements = new ArrayList<>(drained.size());
    try {
      for (Object element : drained) {
        elements.add(read(element));
      }
    } catch (AuthKeyMismatchException notOurs) {
      giveBack(drained, notOurs);
      throw notOurs;
    }
    sink.addAll(elements);
    return drained.size();
  }

  // --- removing unseen: counts as done ------------------------------------------------------------------

  @Override
  public boolean remove(Object element) {
    if (element == null) {
      return false;
    }
    boolean removed = removeOne(element);
    if (removed) {
      tasks.removedUnseen(1);
    }
    return removed;
  }

  /** Reads the elements it removes, in one round trip, to count them done exactly. */
  @Override
  public void clear() {
    int removed = calls.call(() -> queue.drainTo(new ArrayList<>()));
    tasks.removedUnseen(removed);
  }

  /** One removal per matching element of a snapshot; not atomic as a whole. */
  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter);
    int removed = 0;
    for (E element : snapshot()) {
      if (filter.test(element)) {
        if (removeOne(element)) {
          removed++;
        }
      }
    }
    tasks.removedUnseen(removed);
    return removed > 0;
  }

  @Override
  public boolean removeAll(Collection<?> elements) {
    Objects.requireNonNull(elements);
    return removeIf(elements::contains);
  }

  @Override
  public boolean retainAll(Collection<?> elements) {
    Objects.requireNonNull(elements);
    return removeIf(element -> !elements.contains(element));
  }

  // --- tasks --------------------------------------------------------------------------------------------

  @Override
  public void taskDone() {
    tasks.done();
  }

  @Override
  public boolean awaitAllDone(long time, TimeUnit unit) throws InterruptedException {
    return tasks.awaitNone(Math.max(0, unit.toNanos(time)), events.signal());
  }

  @Override
  public long unfinishedTasks() {
    return tasks.get();
  }

  // --- reading ------------------------------------------------------------------------------------------

  @Override
  public int size() {
    return calls.call(() -> queue.size());
  }

  @Override
  public boolean isEmpty() {
    return calls.call(() -> queue.isEmpty());
  }

  @Override
  public int remainingCapacity() {
    return calls.call(() -> queue.remainingCapacity());
  }

  @Override
  public boolean contains(Object element) {
    if (element == null) {
      return false;
    }
    Object stored = storedForm.toStored(element);
    if (calls.call(() -> queue.contains(stored))) {
      return true;
    }
    Object old = storedForm.toOtherStored(element);
    return old != null && calls.call(() -> queue.contains(old));
  }

  /**
   * Removes one occurrence of {@code element}: while a key rotation is under way, one sealed with the current
   * key first, else one sealed with the previous key.
   */
  private boolean removeOne(Object element) {
    Object stored = storedForm.toStored(element);
    if (calls.call(() -> queue.remove(stored))) {
      return true;
    }
    Object old = storedForm.toOtherStored(element);
    return old != null && calls.call(() -> queue.remove(old));
  }

  @Override
  public boolean containsAll(Collection<?> elements) {
    for (Object element : elements) {
      if (element == null) {
        return false;
      }
    }
    if (storedForm.rotating()) {
      for (Object element : elements) {
        if (!contains(element)) {
          return false;
        }
      }
      return true;
    }
    List<Object> stored = new ArrayList<>(elements.size());
    for (Object element : elements) {
      stored.add(storedForm.toStored(element));
    }
    return calls.call(() -> queue.containsAll(stored));
  }

  /** The whole queue in one round trip: Hazelcast has no partial read of a queue. */
  @Override
  public List<E> snapshot() {
    Object[] stored = calls.call(() -> queue.toArray());
    List<E> copy = new ArrayList<>(stored.length);
    for (Object element : stored) {
      copy.add(read(element));
    }
    return copy;
  }

  @Override
  public Object[] toArray() {
    return snapshot().toArray();
  }

  @Override
  public <T> T[] toArray(T[] array) {
    return snapshot().toArray(array);
  }

  /** Over a {@link #snapshot()}; {@code remove} removes the element returned (or an equal one) unseen. */
  @Override
  public Iterator<E> iterator() {
    Iterator<E> elements = snapshot().iterator();
    return new Iterator<>() {
      private E last;
      private boolean removable;

      @Override
      public boolean hasNext() {
        return elements.hasNext();
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        last = elements.next();
        removable = true;
        return last;
      }

      @Override
      public void remove() {
        if (!removable) {
          throw new IllegalStateException("next() has not been called, or remove() was already called");
        }
        removable = false;
        HazelcastSharedQueue.this.remove(last);
      }
    };
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }

  // --- waiting ------------------------------------------------------------------------------------------

  /**
   * Runs {@code attempt}, a call that answers at once with a result or null, until it returns a result;
   * between attempts waits for the queue's events, at most {@code nanos} in all (forever if negative).
   *
   * @return the attempt's result, or null if the time ran out
   */
  private Object waitFor(Calls.Interruptible<Object> attempt, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, nanos);
    Object result = calls.callWaiting(attempt);
    boolean quiet = false;
    while (result == null) {
      long left = nanos < 0 ? RECHECK_NANOS : deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      // Listening before the next attempt: a change after it wakes the wait below.
      long seen = events.listen(queue);
      result = calls.callWaiting(attempt);
      if (result == null) {
        quiet = !events.signal().awaitChange(seen, Math.min(left, RECHECK_NANOS));
      } else if (quiet) {
        // Found after a wait that no event ended: the listener may be gone.
        events.missedAChange();
      }
    }
    return result;
  }

  /** The stored form of an element, checked: never null (see {@link StoredForm#toStored}). */
  private Object stored(E element) {
    return storedForm.toStored(QueueRules.requireNonNull(name, element));
  }

  private <T> T read(Object stored) {
    return storedForm.read(stored);
  }

  /**
   * An element taken from the queue, read; one this process cannot verify (another authKey, or none) goes
   * back to the queue's tail before the error is thrown, so the failed read loses nothing (it does move
   * the element behind those queued since).
   */
  private E taken(Object stored) {
    try {
      return read(stored);
    } catch (AuthKeyMismatchException notOurs) {
      giveBack(List.of(stored), notOurs);
      throw notOurs;
    }
  }

  private void giveBack(List<Object> elements, RuntimeException failure) {
    try {
      calls.run(() -> elements.forEach(queue::offer));
    } catch (RuntimeException lost) {
      failure.addSuppressed(lost);
    }
  }
}
