package io.sharedobjects;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A first-in-first-out queue shared by every process that asks for it by the same name: a real {@link
 * BlockingQueue}, and Python's {@code JoinableQueue} ({@link #taskDone()}, {@link #awaitAllDone}).
 *
 * <p><b>Nulls:</b> refused with {@link NullPointerException}, as every {@code BlockingQueue} must (null is
 * what {@code poll} returns for "nothing"); nothing stored changes.
 *
 * <p><b>Order:</b> elements leave in the order they were added, across processes: an element added after
 * another (the first add having returned) leaves after it, whoever takes them.
 *
 * <p><b>Copies, not references:</b> elements are stored as copies and an element taken is a copy; what can
 * be stored is as for {@link SharedDict}.
 *
 * <p><b>Capacity:</b> fixed when the queue is first created, by {@link SharedObjects#queue(String, int)}
 * (bounded) or {@link SharedObjects#queue(String)} (unbounded, {@link #UNBOUNDED}). Asking later for a
 * different capacity fails with {@link IllegalArgumentException}; {@code queue(name)} returns the queue as
 * it was created. The capacity stays with the name after {@link #destroy()}. When the queue is full,
 * {@code add} throws {@link IllegalStateException}, {@code offer} returns false, {@code put} and the timed
 * {@code offer} wait for room.
 *
 * <p><b>Unfinished tasks</b> (Python's {@code JoinableQueue}): every element added counts as one unfinished
 * task, in the cluster, for every process. An element handed out ({@code poll}, {@code take},
 * {@code remove()}, {@code drainTo}) stays unfinished until some process calls {@link #taskDone()} for it;
 * an element removed without being handed out ({@code remove(Object)}, {@code removeAll}, {@code
 * retainAll}, {@code removeIf}, {@code clear}, an iterator's {@code remove}) counts as done at once.
 * {@link #awaitAllDone} waits until no task is unfinished. An element taken by a process that dies before
 * calling {@code taskDone()} is lost and its task stays unfinished, as in Python: {@code awaitAllDone}
 * then returns false at its timeout.
 *
 * <p><b>Waiting:</b> every blocking call ({@code put}, {@code take}, the timed {@code offer} and {@code
 * poll}, {@link #awaitAllDone}) wakes when the queue changes, is interruptible, and gives up with the
 * backend's typed error when the backend becomes unreachable (for Hazelcast, {@link
 * ClusterUnavailableException} after the connect timeout). An interrupted wait takes nothing; on a backend
 * whose calls cross a network, an interrupt during a call's round trip can leave that call's outcome
 * unknown (for Hazelcast, see docs/guarantees.md).
 *
 * <p><b>Atomicity:</b> each single-element operation, {@code addAll} (all or nothing) and {@code drainTo}
 * are atomic. {@code removeAll}, {@code retainAll}, {@code removeIf} and {@code clear} remove one element
 * at a time; iteration, {@code toArray} and {@code toString} work on a {@link #snapshot()}.
 *
 * <p><b>Thread safety:</b> thread-safe. {@code equals} and {@code hashCode} are identity, as for every
 * {@code BlockingQueue}; {@code toString} lists the elements in order.
 *
 * @param <E> element type
 */
public interface SharedQueue<E> extends BlockingQueue<E>, SharedObject {

  /** The {@link #capacity()} of an unbounded queue: {@link Integer#MAX_VALUE}. */
  int UNBOUNDED = Integer.MAX_VALUE;

  /** The capacity fixed when the queue was created, or {@link #UNBOUNDED}. */
  int capacity();

  /** Returns a private {@link java.util.ArrayList} copy of the current elements, head first. */
  List<E> snapshot();

  /**
   * Marks one unfinished task done, as Python's {@code JoinableQueue.task_done()}: call it once for each
   * element handed out, when its work is finished; it may be called from any process.
   *
   * @throws IllegalStateException if no task is unfinished (called more times than elements were added);
   *     nothing changes
   */
  void taskDone();

  /**
   * Waits until every element ever added has been marked done or removed, as Python's {@code
   * JoinableQueue.join()} with a timeout; returns at once if none is unfinished.
   *
   * @return true if no task is unfinished, false if the time ran out first
   * @throws InterruptedException if the waiting thread is interrupted
   */
  boolean awaitAllDone(long time, TimeUnit unit) throws InterruptedException;

  /** How many tasks are unfinished now: elements added and neither marked done nor removed unseen. */
  long unfinishedTasks();
}
