package io.sharedobjects;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * A mutual-exclusion lock shared by every process that asks for it by the same name.
 *
 * <p><b>Ownership:</b> reentrant and owned by the thread that acquired it, as {@link
 * java.util.concurrent.locks.ReentrantLock}: the same thread may acquire it again and must release it as
 * many times. {@link #unlock()} by a thread that does not hold it fails with {@link
 * IllegalMonitorStateException} and changes nothing.
 *
 * <p><b>Owner death:</b> a lock whose owning process dies is released by the backend within a bounded,
 * documented time (see docs/guarantees.md); the in-memory backend has no other processes.
 *
 * <p><b>Fencing:</b> each acquisition has a fencing token, a number that never decreases from one holder
 * to the next and grows with every fresh (non-reentrant) acquisition, so a resource can reject writes from
 * a holder that has since lost the lock. A reentrant acquisition keeps the token of the outer one.
 *
 * <p><b>Fairness:</b> none is promised. A waiting thread gets the lock eventually, but a thread (of this or
 * another process) that releases it and asks again at once may well get it first, many times in a row;
 * spread work by doing it outside the lock, not by counting on turns.
 *
 * <p><b>Conditions:</b> named, since processes must meet on the same one: {@link #condition(String)} reaches
 * the same condition of this lock from every process, {@link #newCondition()} the lock's default one. They
 * work across processes as a {@code ReentrantLock}'s conditions do; see {@link SharedCondition}.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public interface SharedLock extends Lock, SharedObject {

  /**
   * Acquires the lock, waiting as long as needed, and returns a handle that releases it when closed:
   * {@code try (SharedLock.Hold hold = lock.acquire()) { write(hold.fence()); }}. By default {@link #lock()},
   * then {@link #fence()}; if the fence cannot be read, the lock is released and the failure thrown.
   */
  default Hold acquire() {
    lock();
    return LockHold.ofHeldLock(this);
  }

  /**
   * Acquires the lock if it becomes free within the given time. By default {@link #tryLock(long, TimeUnit)},
   * then {@link #fence()}, as {@link #acquire()}.
   *
   * @return the hold, or empty if the time ran out
   * @throws InterruptedException if the waiting thread is interrupted
   */
  default Optional<Hold> tryAcquire(long time, TimeUnit unit) throws InterruptedException {
    return tryLock(time, unit) ? Optional.of(LockHold.ofHeldLock(this)) : Optional.empty();
  }

  /**
   * The fencing token of the current thread's hold.
   *
   * @throws IllegalMonitorStateException if the current thread does not hold this lock
   */
  long fence();

  /** Whether any thread of any process holds this lock now. */
  boolean isLocked();

  /** Whether the current thread holds this lock. */
  boolean isHeldByCurrentThread();

  /** How many times the current thread holds this lock (0 if it does not). */
  int holdCount();

  /** The name of the default condition, {@link #newCondition()}; not a valid name for {@link #condition}. */
  String DEFAULT_CONDITION = "_default";

  /**
   * The condition of this lock with the given name: the same lock and name reach the same condition from
   * every process (Python's {@code Condition(lock)}, shared by name).
   *
   * @param name validated as object names are ({@link SharedNames#validate})
   * @throws InvalidNameException if the name is not valid
   */
  SharedCondition condition(String name);

  /**
   * This lock's default condition, the same one in every process (unlike {@code ReentrantLock}, whose
   * {@code newCondition()} makes a new one each time: a condition no other process can reach would be of
   * no use). Several calls return conditions that wait and signal together.
   */
  @Override
  SharedCondition newCondition();

  /**
   * One acquisition of a {@link SharedLock}; {@link #close()} releases it. Use it from the thread that
   * acquired it.
   */
  interface Hold extends AutoCloseable {

    /** The fencing token of this acquisition. */
    long fence();

    /**
     * Releases this acquisition once.
     *
     * @throws IllegalMonitorStateException if called from a thread that does not hold the lock
     */
    @Override
    void close();
  }
}
