package io.sharedobjects.tck;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import io.sharedobjects.tck.KitFixture.Kind;
import io.sharedobjects.tck.KitThreads.Worker;
import io.sharedobjects.tck.Races.RaceBody;
import java.time.Duration;

/**
 * The base of every contract: gives a contract's tests the running test's fixture (its instance, peers,
 * new objects under random names, worker threads and races) and the backend's bounds.
 *
 * <p>A contract is abstract and states one rule group as JUnit tests. {@link SharedObjectsCompatibilityKit}
 * runs it through a {@code @Nested} inner class that extends it and hands it the kit's fixture, so the
 * kit's {@code @BeforeEach} and {@code @AfterEach} open and clean up around every one of its tests.
 */
abstract class KitContract {

  private final KitFixture kit;

  KitContract(KitFixture kit) {
    this.kit = kit;
  }

  /** The test's own instance, from the backend's {@code newSharedObjects()}. */
  final SharedObjects shared() {
    return kit.shared();
  }

  /** A new peer of the test's instance, as a second process; closed after the test. */
  final SharedObjects peer() {
    return kit.peer();
  }

  /** The instance race thread {@code thread} uses: even threads the test's own, odd ones {@code peer}. */
  final SharedObjects instanceFor(int thread, SharedObjects peer) {
    return kit.instanceFor(thread, peer);
  }

  /** A new empty dict under a random name, destroyed after the test. */
  final <K, V> SharedDict<K, V> newDict() {
    return kit.newDict();
  }

  /** A new empty list under a random name, destroyed after the test. */
  final <E> SharedList<E> newList() {
    return kit.newList();
  }

  /** A new list under a random name holding {@code elements}, destroyed after the test. */
  @SafeVarargs
  final <E> SharedList<E> listOf(E... elements) {
    return kit.listOf(elements);
  }

  /** A new empty set under a random name, destroyed after the test. */
  final <E> SharedSet<E> newSet() {
    return kit.newSet();
  }

  /** A new free lock under a random name, destroyed after the test. */
  final SharedLock newLock() {
    return kit.newLock();
  }

  /** A new value holding null under a random name, destroyed after the test. */
  final <T> SharedValue<T> newValue() {
    return kit.newValue();
  }

  /** A new clear event under a random name, destroyed after the test. */
  final SharedEvent newEvent() {
    return kit.newEvent();
  }

  /** A new semaphore with {@code permits} free permits under a random name, destroyed after the test. */
  final SharedSemaphore newSemaphore(int permits) {
    return kit.newSemaphore(permits);
  }

  /** A new latch at {@code count} under a random name, destroyed after the test. */
  final SharedLatch newLatch(int count) {
    return kit.newLatch(count);
  }

  /** A new barrier for {@code parties} parties under a random name, destroyed after the test. */
  final SharedBarrier newBarrier(int parties) {
    return kit.newBarrier(parties);
  }

  /** A new counter at 0 under a random name, destroyed after the test. */
  final SharedCounter newCounter() {
    return kit.newCounter();
  }

  /** Records an object the test made itself for destruction after the test, and returns it. */
  final <T extends SharedObject> T track(Kind kind, T object) {
    return kit.track(kind, object);
  }

  /** As {@link #track(Kind, SharedObject)}, for a semaphore, latch or barrier created with {@code number}. */
  final <T extends SharedObject> T track(Kind kind, T object, int number) {
    return kit.track(kind, object, number);
  }

  /** A thread of its own, for a holder that must not be the test's thread. */
  final Worker worker() {
    return kit.threads().worker();
  }

  /** Runs {@code body} on {@link Races#THREADS} threads started together; see {@link Races#race}. */
  final void race(RaceBody body) {
    kit.races().race(body);
  }

  /** The backend's bounded time to release the locks of a closed instance. */
  final Duration lockReleaseAfterClose() {
    return kit.lockReleaseAfterClose();
  }

  /** The backend's size limit, in bytes, for a key, value or element's stored form. */
  final long maxValueSize() {
    return kit.maxValueSize();
  }
}
