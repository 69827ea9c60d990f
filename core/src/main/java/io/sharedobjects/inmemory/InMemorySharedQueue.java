package io.sharedobjects.inmemory;

import io.sharedobjects.QueueRules;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.inmemory.InMemoryStore.StoredQueue;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The in-memory {@link SharedQueue}: a {@link java.util.concurrent.BlockingQueue} that behaves as {@link
 * java.util.concurrent.LinkedBlockingQueue} does, over a queue shared by name with every peer, with
 * Python's {@code JoinableQueue} count of unfinished tasks.
 *
 * <p><b>Copies:</b> elements are copied on the way in and out (see {@link InMemorySharedObjects} for what
 * can be stored); an element given only to search ({@code contains}, {@code remove(Object)}) is copied too.
 * A refused element fails with {@link io.sharedobjects.NotStorableException} and changes nothing.
 *
 * <p><b>Waiting:</b> threads wait on the stored queue's monitor and wake at every change, at its {@code
 * destroy()} (they go on with the new, empty queue) and at the close of their {@link InMemorySharedObjects}
 * (they fail with {@link io.sharedobjects.SharedObjectsClosedException}).
 *
 * <p><b>Atomicity:</b> every operation is atomic, here {@code removeAll}, {@code retainAll}, {@code
 * removeIf} and {@code clear} too; code that must also run on Hazelcast should not rely on that. Iteration
 * works on a snapshot, and its {@code remove} removes the element it returned, if still there.
 *
 * <p><b>Thread safety:</b> thread-safe. After the owning {@link InMemorySharedObjects} is closed, every
 * method but {@link #name()} and {@link #capacity()} fails with {@link
 * io.sharedobjects.SharedObjectsClosedException}.
 *
 * @param <E> element type
 */
public final class InMemorySharedQueue<E> extends AbstractQueue<E> implements SharedQueue<E> {

  private final StoredRef<StoredQueue> ref;
  private final int capacity;

  InMemorySharedQueue(StoredRef<StoredQueue> ref, int capacity) {
    this.ref = ref;
    this.capacity = capacity;
  }

  @Override
  public String name() {
    return ref.name();
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public void destroy() {
    ref.destroy();
  }

  // --- adding -------------------------------------------------------------------------------------------

  @Override
  public boolean offer(E element) {
    Object e = in(element);
    return change(q -> q.elements.size() < capacity && added(q, e));
  }

  @Override
  public void put(E element) throws InterruptedException {
    Object e = in(element);
    await(q -> q.elements.size() < capacity, q -> added(q, e), -1);
  }

  @Override
  public boolean offer(E element, long time, TimeUnit unit) throws InterruptedException {
    Object e = in(element);
    return await(q -> q.elements.size() < capacity, q -> added(q, e), Math.max(0, unit.toNanos(time))) != null;
  }

  /** All or nothing: every element is copied first, and none is added unless all fit. */
  @Override
  public boolean addAll(Collection<? extends E> elements) {
    if (elements == this) {
      throw new IllegalArgumentException("A queue cannot be added to itself");
    }
    List<Object> copies = new ArrayList<>(elements.size());
    for (E element : elements) {
      copies.add(in(element));
    }
    if (copies.isEmpty()) {
      ref.checkOpen();
      return false;
    }
    return change(q -> {
      if (capacity - q.elements.size() < copies.size()) {
        throw new IllegalStateException("Queue '" + name() + "' has room for " + (capacity - q.elements.size())
            + " more elements, not " + copies.size() + "; nothing was added");
      }
      q.elements.addAll(copies);
      q.unfinished += copies.size();
      return true;
    });
  }

  private static boolean added(StoredQueue q, Object stored) {
    q.elements.addLast(stored);
    q.unfinished++;
    return true;
  }

  // --- handing out --------------------------------------------------------------------------------------

  @Override
  public E poll() {
    return out(change(this::takeFirst));
  }

  @Override
  public E take() throws InterruptedException {
    return out(await(q -> !q.elements.isEmpty(), this::takeFirst, -1));
  }

  @Override
  public E poll(long time, TimeUnit unit) throws InterruptedException {
    return out(await(q -> !q.elements.isEmpty(), this::takeFirst, Math.max(0, unit.toNanos(time))));
  }

  /**
   * Takes the head (null if empty), once it is verified against the owner's authKey: a head this instance
   * cannot read stays where it is, and the call fails with {@link io.sharedobjects.AuthKeyMismatchException}.
   */
  private Object takeFirst(StoredQueue q) {
    ref.verify(q.elements.peekFirst());
    return q.elements.pollFirst();
  }

  @Override
  public E peek() {
    return out(ref.apply(q -> q.elements.peekFirst()));
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
    List<Object> taken = change(q -> {
      // Every element to take is verified first, so a drain that meets one it cannot read takes none.
      int count = 0;
      for (Iterator<Object> it = q.elements.iterator(); count < maxElements && it.hasNext(); count++) {
        ref.verify(it.next());
      }
      List<Object> drained = new ArrayList<>();
      while (drained.size() < maxElements && !q.elements.isEmpty()) {
        drained.add(q.elements.pollFirst());
      }
      return drained;
    });
    for (Object element : taken) {
      sink.add(out(element));
    }
    return taken.size();
  }

  // --- removing unseen: counts as done ------------------------------------------------------------------

  @Override
  public boolean remove(Object element) {
    if (element == null) {
      return false;
    }
    Object e = ref.toStored(element, Long.MAX_VALUE);
    return change(q -> q.elements.removeFirstOccurrence(e) && withdrawn(q, 1));
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter);
    return change(q -> {
      // The filter sees copies and runs to the end before anything changes, so a failure changes nothing.
      List<Object> doomed = new ArrayList<>();
      for (Object element : q.elements) {
        if (filter.test(out(element))) {
          doomed.add(element);
        }
      }
      for (Object element : doomed) {
        removeStored(q, element);
      }
      return withdrawn(q, doomed.size());
    });
  }

  @Override
  public boolean removeAll(Collection<?> elements) {
    List<Object> copies = searchCopies(elements);
    return removeIf(e -> copies.contains(e));
  }

  @Override
  public boolean retainAll(Collection<?> elements) {
    List<Object> copies = searchCopies(elements);
    return removeIf(e -> !copies.contains(e));
  }

  @Override
  public void clear() {
    change(q -> {
      int removed = q.elements.size();
      q.elements.clear();
      return withdrawn(q, removed);
    });
  }

  /** Counts {@code removed} elements taken out unseen as done; true if there were any. */
  private static boolean withdrawn(StoredQueue q, int removed) {
    q.unfinished = Math.max(0, q.unfinished - removed);
    return removed > 0;
  }

  /** Removes this very stored element (not merely an equal one), if it is still there. */
  private static boolean removeStored(StoredQueue q, Object stored) {
    return q.elements.removeIf(element -> element == stored);
  }

  // --- tasks --------------------------------------------------------------------------------------------

  @Override
  public void taskDone() {
    change(q -> {
      if (q.unfinished == 0) {
        throw QueueRules.noUnfinishedTask(name());
      }
      q.unfinished--;
      return null;
    });
  }

  @Override
  public boolean awaitAllDone(long time, TimeUnit unit) throws InterruptedException {
    return await(q -> q.unfinished == 0, q -> Boolean.TRUE, Math.max(0, unit.toNanos(time))) != null;
  }

  @Override
  public long unfinishedTasks() {
    return ref.apply(q -> q.unfinished);
  }

  // --- reading ------------------------------------------------------------------------------------------

  @Override
  public int size() {
    return ref.apply(q -> q.elements.size());
  }

  @Override
  public boolean isEmpty() {
    return ref.apply(q -> q.elements.isEmpty());
  }

  @Override
  public int remainingCapacity() {
    return ref.apply(q -> capacity - q.elements.size());
  }

  @Override
  public boolean contains(Object element) {
    if (element == null) {
      return false;
    }
    Object e = ref.toStored(element, Long.MAX_VALUE);
    return ref.apply(q -> q.elements.contains(e));
  }

  @Override
  public List<E> snapshot() {
    Object[] stored = ref.apply(q -> q.elements.toArray());
    List<E> copy = new ArrayList<>(stored.length);
    for (Object element : stored) {
      copy.add(out(element));
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

  /** Over a snapshot; {@code remove} takes the element it returned out of the queue, unseen (done). */
  @Override
  public Iterator<E> iterator() {
    Object[] stored = ref.apply(q -> q.elements.toArray());
    return new Iterator<>() {
      private int next;
      private int last = -1;

      @Override
      public boolean hasNext() {
        return next < stored.length;
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        last = next++;
        return out(stored[last]);
      }

      @Override
      public void remove() {
        if (last < 0) {
          throw new IllegalStateException("next() has not been called, or remove() was already called");
        }
        Object element = stored[last];
        last = -1;
        change(q -> removeStored(q, element) && withdrawn(q, 1));
      }
    };
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }

  // --- plumbing -----------------------------------------------------------------------------------------

  /** Runs {@code operation} atomically and wakes the waiting threads, which look again. */
  private <R> R change(Function<StoredQueue, R> operation) {
    return ref.apply(q -> {
      R result = operation.apply(q);
      q.notifyAll();
      return result;
    });
  }

  /**
   * Waits until {@code ready} holds, then runs {@code operation} atomically and wakes the other waiting
   * threads; gives up after {@code timeoutNanos} (never if negative) and returns null.
   */
  private <R> R await(Predicate<StoredQueue> ready, Function<StoredQueue, R> operation, long timeoutNanos)
      throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    while (true) {
      StoredQueue q = ref.current();
      synchronized (q) {
        // Checked under the monitor: close() wakes this instance's waiting threads under it, so they fail.
        ref.checkOpen();
        if (q.destroyed) {
          continue;
        }
        if (ready.test(q)) {
          R result = operation.apply(q);
          q.notifyAll();
          return result;
        }
        if (timeoutNanos < 0) {
          q.wait();
        } else {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return null;
          }
          TimeUnit.NANOSECONDS.timedWait(q, remaining);
        }
      }
    }
  }

  private List<Object> searchCopies(Collection<?> elements) {
    List<Object> copies = new ArrayList<>(elements.size());
    for (Object element : elements) {
      copies.add(element == null ? null : out(ref.toStored(element, Long.MAX_VALUE)));
    }
    return copies;
  }

  /** Copies an element on its way in, refusing null and what is not storable or too large. */
  private Object in(E element) {
    return ref.toStored(QueueRules.requireNonNull(name(), element));
  }

  /** A copy of a stored element on its way out, verified against the owner's authKey. */
  private <T> T out(Object stored) {
    return ref.fromStored(stored);
  }
}
