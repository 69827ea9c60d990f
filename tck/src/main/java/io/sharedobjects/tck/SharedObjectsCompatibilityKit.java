package io.sharedobjects.tck;

import io.sharedobjects.SharedObjects;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link SharedObjects} backend passes, as tests: extend this class, implement the two
 * factory methods, and JUnit runs every rule of the contract against your backend.
 *
 * <pre>{@code
 * class MyBackendCompatibilityTest extends SharedObjectsCompatibilityKit {
 *   protected SharedObjects newSharedObjects() { return MyBackend.connect(); }
 *   protected SharedObjects peerOf(SharedObjects first) { return MyBackend.connect(); }
 * }
 * }</pre>
 *
 * <p>The rules are grouped by object or theme, one contract class per group ({@code DictContract},
 * {@code LockContract}, ...), which this class runs as {@link Nested} classes. Each group is tagged
 * with its type's name ({@code "dict"}, {@code "list"}, {@code "set"}, {@code "queue"}, {@code "lock"}, {@code "value"},
 * {@code "counter"}, {@code "event"}, {@code "semaphore"}, {@code "latch"}, {@code "barrier"}, {@code "condition"}, ...) or {@code "objects"} (names, lifecycle and shared objects stored in others), so a backend can run only part of the
 * kit (for example {@code -Dgroups=lock}). Every test's display name states the rule it checks.
 *
 * <p><b>Isolation:</b> each test gets a new {@link SharedObjects} and objects under random names
 * ({@code tck-<uuid>}), so tests never see each other's data even on a long-lived shared cluster. After
 * each test the kit destroys the objects it created (best effort), then closes every peer and the
 * instance itself.
 *
 * <p><b>Peers and threads:</b> locks are owned by a thread, so the kit never uses one thread to act for two
 * would-be holders: where a peer must exclude the first instance, its holder runs on another thread.
 * A backend whose release of a closed instance's locks takes longer than thirty seconds overrides
 * {@link #lockReleaseAfterClose()}.
 *
 * <p><b>Bounded:</b> the kit never sleeps to wait for something. Every blocking call made on another thread
 * is awaited for at most ten seconds, concurrency races for at most thirty, and every test as a whole
 * fails after two minutes, so a broken backend fails the kit instead of hanging it. The loops are sized
 * for a real cluster, where each operation is a network round trip.
 *
 * <p>The kit is not thread-safe: JUnit runs one test of an instance at a time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class SharedObjectsCompatibilityKit {

  /** The running test's instances, objects and threads; JUnit makes a kit instance per test. */
  private final KitFixture fixture = new KitFixture(this);

  /**
   * Returns a new {@link SharedObjects} for one test; the kit closes it after the test. Called once per
   * test, so it should be cheap (for example a new client of a cluster started once per class).
   */
  protected abstract SharedObjects newSharedObjects();

  /**
   * Returns another {@link SharedObjects} that reaches the same objects as {@code first}, as a second
   * process would (for example a second member or client of the same cluster). The kit closes it after
   * the test. Whether one thread acting through both counts as one lock owner or two is left to the
   * backend: the kit always gives a holder through the peer a thread of its own.
   */
  protected abstract SharedObjects peerOf(SharedObjects first);

  /**
   * How long the backend may take to release the locks held through a {@link SharedObjects} after it is
   * closed: the contract's bounded release time when a lock's owner goes away. Thirty seconds unless
   * overridden; a backend that documents a longer time overrides this with it.
   */
  protected Duration lockReleaseAfterClose() {
    return Duration.ofSeconds(30);
  }

  /**
   * The size limit, in bytes, of the instances {@link #newSharedObjects()} returns: the largest stored form
   * of a key, value or element they accept. {@link SharedObjects#DEFAULT_MAX_VALUE_SIZE} unless overridden.
   */
  protected long maxValueSize() {
    return SharedObjects.DEFAULT_MAX_VALUE_SIZE;
  }

  @BeforeEach
  final void openSharedObjects() {
    fixture.open();
  }

  @AfterEach
  final void cleanUp() {
    fixture.cleanUp();
  }

  // Each nested class below runs one contract with this kit's fixture; the display name is the group's.

  @Nested
  @DisplayName("A shared dict is a java.util.Map")
  class Dicts extends DictContract {
    Dicts() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared dict's keySet, values and entrySet are live views")
  class DictViews extends DictViewsContract {
    DictViews() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared dict treats null as HashMap does")
  class DictNulls extends DictNullsContract {
    DictNulls() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared dict's single operations are atomic")
  class DictAtomicity extends DictAtomicityContract {
    DictAtomicity() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared dict's asynchronous calls do what their synchronous forms do, without waiting")
  class DictAsync extends DictAsyncContract {
    DictAsync() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared list is a java.util.List")
  class Lists extends ListContract {
    Lists() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared list's iterators and sub-lists write through")
  class ListViews extends ListViewsContract {
    ListViews() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared set is a java.util.Set")
  class Sets extends SetContract {
    Sets() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared queue is a first-in-first-out BlockingQueue with Python's JoinableQueue tasks")
  class Queues extends QueueContract {
    Queues() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared lock is a reentrant lock owned by a thread")
  class Locks extends LockContract {
    Locks() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared value is an AtomicReference across processes")
  class Values extends ValueContract {
    Values() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared counter is an AtomicLong across processes")
  class Counters extends CounterContract {
    Counters() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared event is Python's Event across processes")
  class Events extends EventContract {
    Events() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared semaphore is a bounded semaphore whose permits belong to a process")
  class Semaphores extends SemaphoreContract {
    Semaphores() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared latch is a CountDownLatch across processes")
  class Latches extends LatchContract {
    Latches() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared barrier is a CyclicBarrier across processes")
  class Barriers extends BarrierContract {
    Barriers() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared lock's named conditions work across processes as ReentrantLock's do")
  class Conditions extends ConditionContract {
    Conditions() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("Names reach the same objects from every process")
  class Names extends NamesContract {
    Names() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A shared object stored in another is stored by reference and read back as the reader's live object")
  class References extends ReferencesContract {
    References() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("Values are copies, not references")
  class Copies extends CopiesContract {
    Copies() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("Arbitrary objects can be stored, and the rest fail clearly")
  class StorableTypes extends StorableTypesContract {
    StorableTypes() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A typed read returns the value as the type asked for, or says what is there instead")
  class TypedReads extends TypedReadsContract {
    TypedReads() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("A key, value or element larger than the size limit is refused, and nothing stored changes")
  class SizeLimit extends SizeLimitContract {
    SizeLimit() {
      super(fixture);
    }
  }

  @Nested
  @DisplayName("close() ends an instance, and only that instance")
  class Lifecycle extends LifecycleContract {
    Lifecycle() {
      super(fixture);
    }
  }
}
