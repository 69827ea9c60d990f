package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one test of the kit works with, and what it leaves behind: the backend's instance for the test
 * ({@link #open()}), its peers, the objects it created under random names, and the threads it started.
 * {@link #cleanUp()} stops the threads, destroys the objects (best effort) and closes every instance.
 *
 * <p>The kit makes one fixture per kit instance, so one per test; it is not shared between tests.
 */
final class KitFixture {

  /** How long the kit allows for destroying a test's objects and closing its instances. */
  private static final Duration CLEANUP_WAIT = Duration.ofSeconds(30);

  private final SharedObjectsCompatibilityKit backend;
  private final KitThreads threads = new KitThreads();
  private final Races races = new Races(threads);
  private final List<SharedObjects> peers = new CopyOnWriteArrayList<>();
  private final List<Created> created = new CopyOnWriteArrayList<>();
  private SharedObjects shared;

  /** A fixture whose instances come from {@code backend}'s factory methods. */
  KitFixture(SharedObjectsCompatibilityKit backend) {
    this.backend = backend;
  }

  /** Opens the test's own instance; called before each test. */
  void open() {
    shared = backend.newSharedObjects();
    assertThat(shared).as("newSharedObjects()").isNotNull();
  }

  /** Stops the test's threads, destroys its objects and closes its instances; called after each test. */
  void cleanUp() {
    // Runs on another thread so that a backend whose destroy or close hangs fails the test instead of the
    // whole build; destroy problems are ignored (best effort), close problems are reported.
    assertTimeoutPreemptively(
        CLEANUP_WAIT,
        () -> {
          threads.stopAll();
          destroyCreatedObjects();
          RuntimeException closeFailure = null;
          for (SharedObjects instance : instancesToClose()) {
            try {
              instance.close();
            } catch (RuntimeException e) {
              if (closeFailure == null) {
                closeFailure = e;
              } else {
                closeFailure.addSuppressed(e);
              }
            }
          }
          if (closeFailure != null) {
            throw closeFailure;
          }
        },
        "destroying the test's objects and closing its SharedObjects took too long");
  }

  /** The test's own instance. */
  SharedObjects shared() {
    return shared;
  }

  /** A peer of this test's instance, closed after the test. */
  SharedObjects peer() {
    SharedObjects peer = backend.peerOf(shared);
    assertThat(peer).as("peerOf(first)").isNotNull();
    peers.add(peer);
    return peer;
  }

  /** The instance a race thread uses: even threads this test's instance, odd ones the peer. */
  SharedObjects instanceFor(int thread, SharedObjects peer) {
    return thread % 2 == 0 ? shared : peer;
  }

  KitThreads threads() {
    return threads;
  }

  Races races() {
    return races;
  }

  /** The backend's bounded time to release a closed instance's locks. */
  Duration lockReleaseAfterClose() {
    return backend.lockReleaseAfterClose();
  }

  /** The backend's size limit, in bytes. */
  long maxValueSize() {
    return backend.maxValueSize();
  }

  static String uniqueName() {
    return "tck-" + UUID.randomUUID();
  }

  <K, V> SharedDict<K, V> newDict() {
    return track(Kind.DICT, shared.dict(uniqueName()));
  }

  <E> SharedList<E> newList() {
    return track(Kind.LIST, shared.list(uniqueName()));
  }

  @SafeVarargs
  final <E> SharedList<E> listOf(E... elements) {
    SharedList<E> list = newList();
    list.addAll(Arrays.asList(elements));
    return list;
  }

  <E> SharedSet<E> newSet() {
    return track(Kind.SET, shared.set(uniqueName()));
  }

  SharedLock newLock() {
    return track(Kind.LOCK, shared.lock(uniqueName()));
  }

  <T> SharedValue<T> newValue() {
    return track(Kind.VALUE, shared.value(uniqueName()));
  }

  SharedCounter newCounter() {
    return track(Kind.COUNTER, shared.counter(uniqueName()));
  }

  SharedEvent newEvent() {
    return track(Kind.EVENT, shared.event(uniqueName()));
  }

  SharedSemaphore newSemaphore(int permits) {
    return track(Kind.SEMAPHORE, shared.semaphore(uniqueName(), permits), permits);
  }

  SharedLatch newLatch(int count) {
    return track(Kind.LATCH, shared.latch(uniqueName(), count), count);
  }

  SharedBarrier newBarrier(int parties) {
    return track(Kind.BARRIER, shared.barrier(uniqueName(), parties), parties);
  }

  /** Records {@code object} for destruction after the test, and returns it. */
  <T extends SharedObject> T track(Kind kind, T object) {
    return track(kind, object, 0);
  }

  /** Records {@code object}, created with {@code number} (permits, count, parties), for destruction. */
  <T extends SharedObject> T track(Kind kind, T object, int number) {
    created.add(new Created(kind, object.name(), number));
    return object;
  }

  /** The kinds of shared object, so cleanup can reach one by name through another instance. */
  enum Kind {
    DICT,
    LIST,
    SET,
    LOCK,
    VALUE,
    COUNTER,
    QUEUE,
    EVENT,
    SEMAPHORE,
    LATCH,
    BARRIER;

    SharedObject lookUp(SharedObjects instance, String name, int number) {
      switch (this) {
        case EVENT:
          return instance.event(name);
        case SEMAPHORE:
          return instance.semaphore(name, number);
        case LATCH:
          return instance.latch(name, number);
        case BARRIER:
          return instance.barrier(name, number);
        case DICT:
          return instance.dict(name);
        case LIST:
          return instance.list(name);
        case SET:
          return instance.set(name);
        case VALUE:
          return instance.value(name);
        case COUNTER:
          return instance.counter(name);
        case QUEUE:
          return instance.queue(name);
        default:
          return instance.lock(name);
      }
    }
  }

  private record Created(Kind kind, String name, int number) {}

  /**
   * Destroys every object the test created, best effort, through the first of the test's instances that is
   * still open. When all are closed (a lifecycle test), a new instance does it, so that a long-lived
   * cluster does not keep their data.
   */
  private void destroyCreatedObjects() {
    SharedObjects extra = null;
    try {
      for (Created object : created) {
        if (!destroyThrough(instancesForCleanup(), object)) {
          if (extra == null) {
            extra = backend.newSharedObjects();
          }
          destroyThrough(List.of(extra), object);
        }
      }
    } catch (RuntimeException e) {
      // Best effort: a backend that cannot even open a new instance here fails elsewhere in the kit.
    } finally {
      if (extra != null) {
        extra.close();
      }
    }
  }

  /** Destroys {@code object} through the first instance that is open; false if every one was closed. */
  private static boolean destroyThrough(List<SharedObjects> instances, Created object) {
    for (SharedObjects instance : instances) {
      try {
        object.kind().lookUp(instance, object.name(), object.number()).destroy();
        return true;
      } catch (SharedObjectsClosedException e) {
        // That instance was closed by the test; try the next.
      } catch (RuntimeException e) {
        // Best effort: for example the object was already destroyed in a way the backend reports.
        return true;
      }
    }
    return false;
  }

  /** This test's peers, then its own instance: the order to close them in. */
  private List<SharedObjects> instancesToClose() {
    List<SharedObjects> all = new ArrayList<>(peers);
    if (shared != null) {
      all.add(shared);
    }
    return all;
  }

  /** This test's own instance first, then its peers: the order to try them in for cleanup. */
  private List<SharedObjects> instancesForCleanup() {
    List<SharedObjects> all = new ArrayList<>();
    if (shared != null) {
      all.add(shared);
    }
    all.addAll(peers);
    return all;
  }
}
