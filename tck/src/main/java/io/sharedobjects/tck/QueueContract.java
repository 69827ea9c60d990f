package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitFixture.uniqueName;
import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static io.sharedobjects.tck.KitThreads.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.tck.KitFixture.Kind;
import io.sharedobjects.tck.KitThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared queue: a {@link java.util.concurrent.BlockingQueue} that is first in, first out
 * across peers, refuses null, keeps its first creator's capacity, wakes its waiting calls when a peer
 * changes it, loses nothing to an interrupted wait, and counts unfinished tasks as Python's {@code
 * JoinableQueue} does.
 */
@Tag("queue")
abstract class QueueContract extends KitContract {

  /** Long enough to tell "waited" from "returned at once", short enough for a kit run. */
  private static final Duration SHORT_WAIT = Duration.ofMillis(300);

  QueueContract(KitFixture kit) {
    super(kit);
  }

  private <E> SharedQueue<E> newQueue() {
    return track(Kind.QUEUE, shared().queue(uniqueName()));
  }

  private <E> SharedQueue<E> newQueue(int capacity) {
    return track(Kind.QUEUE, shared().queue(uniqueName(), capacity));
  }

  @Test
  @DisplayName("offer adds at the tail and poll takes from the head: first in, first out")
  void fifo() {
    SharedQueue<String> queue = newQueue();

    assertThat(queue.offer("a")).isTrue();
    assertThat(queue.add("b")).isTrue();
    queue.offer("c");

    assertThat(queue.size()).isEqualTo(3);
    assertThat(queue.poll()).isEqualTo("a");
    assertThat(queue.remove()).isEqualTo("b");
    assertThat(queue.poll()).isEqualTo("c");
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("peek and element read the head without removing it; on an empty queue peek and poll return null, element and remove() throw NoSuchElementException")
  void headAndEmpty() {
    SharedQueue<String> queue = newQueue();

    assertThat(queue.peek()).isNull();
    assertThat(queue.poll()).isNull();
    assertThatThrownBy(queue::element).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(queue::remove).isInstanceOf(NoSuchElementException.class);

    queue.offer("a");
    queue.offer("b");
    assertThat(queue.peek()).isEqualTo("a");
    assertThat(queue.element()).isEqualTo("a");
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  @DisplayName("elements added in order by one peer are taken in that order by another")
  void fifoAcrossPeers() {
    SharedQueue<Integer> queue = newQueue();
    SharedQueue<Integer> viaPeer = peer().queue(queue.name());

    for (int i = 0; i < 20; i++) {
      queue.offer(i);
    }
    List<Integer> taken = new ArrayList<>();
    viaPeer.drainTo(taken, 5);
    Integer next;
    while ((next = viaPeer.poll()) != null) {
      taken.add(next);
    }

    assertThat(taken).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
  }

  @Test
  @DisplayName("null is refused with NullPointerException by offer, add, put, timed offer and addAll, and nothing is added or counted")
  void nullRefused() {
    SharedQueue<String> queue = newQueue();

    assertThatThrownBy(() -> queue.offer(null)).as("offer").isInstanceOf(NullPointerException.class)
        .hasMessageContaining(queue.name());
    assertThatThrownBy(() -> queue.add(null)).as("add").isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> queue.put(null)).as("put").isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> queue.offer(null, 1, TimeUnit.SECONDS)).as("timed offer").isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> queue.addAll(Arrays.asList("a", null))).as("addAll").isInstanceOf(NullPointerException.class);

    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.unfinishedTasks()).isZero();
    assertThat(queue.contains(null)).isFalse();
    assertThat(queue.remove(null)).isFalse();
  }

  @Test
  @DisplayName("an element that cannot be stored fails with NotStorableException and changes nothing, the unfinished count included")
  void notStorable() {
    SharedQueue<Object> queue = newQueue();
    queue.offer("kept");

    assertThatThrownBy(() -> queue.offer(new Object())).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> queue.put(new SampleValues.HoldsThread())).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> queue.addAll(List.of("fine", new Object()))).isInstanceOf(NotStorableException.class);

    assertThat(queue.snapshot()).containsExactly("kept");
    assertThat(queue.unfinishedTasks()).isEqualTo(1);
  }

  @Test
  @DisplayName("elements are copies: changing one after offer, or after poll, changes nothing stored")
  void copies() {
    SharedQueue<List<String>> queue = newQueue();
    List<String> element = new ArrayList<>(List.of("a"));

    queue.offer(element);
    element.add("changed after offer");
    List<String> peeked = queue.peek();
    peeked.add("changed after peek");

    assertThat(queue.poll()).containsExactly("a");
  }

  @Test
  @DisplayName("a bounded queue holds at most its capacity: offer returns false, add throws IllegalStateException, remainingCapacity counts the room left")
  void bounded() {
    SharedQueue<String> queue = newQueue(2);

    assertThat(queue.capacity()).isEqualTo(2);
    assertThat(queue.remainingCapacity()).isEqualTo(2);
    queue.offer("a");
    assertThat(queue.remainingCapacity()).isEqualTo(1);
    queue.offer("b");
    assertThat(queue.remainingCapacity()).isZero();

    assertThat(queue.offer("c")).isFalse();
    assertThatThrownBy(() -> queue.add("c")).isInstanceOf(IllegalStateException.class);
    assertThat(queue.snapshot()).containsExactly("a", "b");
    assertThat(queue.unfinishedTasks()).as("refused elements are not counted").isEqualTo(2);
  }

  @Test
  @DisplayName("an unbounded queue has capacity UNBOUNDED and a remainingCapacity of Integer.MAX_VALUE less its size")
  void unbounded() {
    SharedQueue<String> queue = newQueue();
    queue.offer("a");

    assertThat(queue.capacity()).isEqualTo(SharedQueue.UNBOUNDED).isEqualTo(Integer.MAX_VALUE);
    assertThat(queue.remainingCapacity()).isEqualTo(Integer.MAX_VALUE - 1);
  }

  @Test
  @DisplayName("the first creator's capacity stands: the same capacity again works, queue(name) returns it bounded, another capacity fails with IllegalArgumentException naming both")
  void firstCapacityStands() {
    SharedQueue<String> queue = newQueue(3);
    SharedObjects peer = peer();

    assertThat(shared().queue(queue.name(), 3).capacity()).isEqualTo(3);
    assertThat(peer.queue(queue.name(), 3).capacity()).isEqualTo(3);
    assertThat(peer.<String>queue(queue.name()).capacity()).isEqualTo(3);
    assertThatThrownBy(() -> shared().queue(queue.name(), 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(queue.name()).hasMessageContaining("3").hasMessageContaining("5");
    assertThatThrownBy(() -> peer.queue(queue.name(), 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3").hasMessageContaining("4");

    SharedQueue<String> viaPeer = peer.queue(queue.name());
    viaPeer.addAll(List.of("a", "b", "c"));
    assertThat(viaPeer.offer("d")).as("the peer's queue is bounded too").isFalse();
  }

  @Test
  @DisplayName("a queue created by queue(name) is unbounded, and asking for it with a capacity fails with IllegalArgumentException naming both")
  void createdUnbounded() {
    SharedQueue<String> queue = newQueue();

    assertThatThrownBy(() -> peer().queue(queue.name(), 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unbounded").hasMessageContaining("10");
    assertThat(shared().queue(queue.name(), Integer.MAX_VALUE).capacity()).isEqualTo(SharedQueue.UNBOUNDED);
  }

  @Test
  @DisplayName("a capacity of 0 or less fails with IllegalArgumentException and creates nothing")
  void nonPositiveCapacity() {
    String name = uniqueName();

    assertThatThrownBy(() -> shared().queue(name, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive").hasMessageContaining("0");
    assertThatThrownBy(() -> shared().queue(name, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");

    SharedQueue<String> queue = track(Kind.QUEUE, shared().queue(name, 4));
    assertThat(queue.capacity()).isEqualTo(4);
  }

  @Test
  @DisplayName("take waits until a peer adds an element, and returns it")
  void takeWaits() {
    SharedQueue<String> queue = newQueue();
    SharedQueue<String> viaPeer = peer().queue(queue.name());
    AtomicReference<Thread> taker = new AtomicReference<>();
    Worker worker = worker();

    Future<String> taken = worker.start(() -> {
      taker.set(Thread.currentThread());
      return viaPeer.take();
    });
    awaitWaiting(taker);
    queue.offer("hello");

    assertThat(await(taken, WAIT)).isEqualTo("hello");
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("put on a full queue waits until a peer takes an element, then adds")
  void putWaits() {
    SharedQueue<String> queue = newQueue(1);
    queue.offer("first");
    SharedQueue<String> viaPeer = peer().queue(queue.name());
    AtomicReference<Thread> putter = new AtomicReference<>();

    Future<Void> put = worker().start(() -> {
      putter.set(Thread.currentThread());
      viaPeer.put("second");
      return null;
    });
    awaitWaiting(putter);
    assertThat(queue.poll()).isEqualTo("first");

    await(put, WAIT);
    assertThat(queue.snapshot()).containsExactly("second");
  }

  @Test
  @DisplayName("timed poll on an empty queue returns null after the time given, timed offer on a full queue returns false")
  void timedWaits() throws InterruptedException {
    SharedQueue<String> queue = newQueue(1);

    long start = System.nanoTime();
    assertThat(queue.poll(SHORT_WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_WAIT).isLessThan(WAIT);

    queue.offer("a");
    start = System.nanoTime();
    assertThat(queue.offer("b", SHORT_WAIT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_WAIT).isLessThan(WAIT);
    assertThat(queue.snapshot()).containsExactly("a");
    assertThat(queue.unfinishedTasks()).as("the refused offer is not counted").isEqualTo(1);

    assertThat(queue.poll(0, TimeUnit.SECONDS)).isEqualTo("a");
  }

  @Test
  @DisplayName("an interrupted take throws InterruptedException and takes nothing: an element added afterwards is still there")
  void interruptedTakeTakesNothing() throws InterruptedException {
    SharedQueue<String> queue = newQueue();
    AtomicReference<Thread> taker = new AtomicReference<>();

    Future<String> outcome = worker().start(() -> {
      taker.set(Thread.currentThread());
      try {
        return "took " + queue.take();
      } catch (InterruptedException e) {
        return "interrupted";
      }
    });
    awaitWaiting(taker);
    taker.get().interrupt();
    assertThat(await(outcome, WAIT)).isEqualTo("interrupted");

    queue.offer("after");
    // A wait that the interrupted take left running on the backend would take this element at once.
    assertThat(peer().<String>queue(queue.name()).poll(1, TimeUnit.SECONDS)).isEqualTo("after");
  }

  @Test
  @DisplayName("drainTo moves the elements in order into a collection, drainTo(c, max) at most max; draining into the queue itself fails")
  void drainTo() {
    SharedQueue<Integer> queue = newQueue();
    queue.addAll(List.of(1, 2, 3, 4, 5));

    List<Integer> some = new ArrayList<>();
    assertThat(queue.drainTo(some, 2)).isEqualTo(2);
    assertThat(some).containsExactly(1, 2);
    List<Integer> rest = new ArrayList<>(List.of(0));
    assertThat(queue.drainTo(rest)).isEqualTo(3);
    assertThat(rest).containsExactly(0, 3, 4, 5);
    assertThat(queue.drainTo(rest)).isZero();

    assertThatThrownBy(() -> queue.drainTo(queue)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queue.drainTo(null)).isInstanceOf(NullPointerException.class);
    assertThat(queue.unfinishedTasks()).as("drained elements are handed out, not done").isEqualTo(5);
  }

  @Test
  @DisplayName("addAll adds every element in order, or none with IllegalStateException when they do not all fit")
  void addAll() {
    SharedQueue<String> queue = newQueue(3);

    assertThat(queue.addAll(List.of("a", "b"))).isTrue();
    assertThat(queue.addAll(List.of())).isFalse();
    assertThatThrownBy(() -> queue.addAll(List.of("c", "d"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> queue.addAll(queue)).isInstanceOf(IllegalArgumentException.class);

    assertThat(queue.snapshot()).containsExactly("a", "b");
    assertThat(queue.unfinishedTasks()).isEqualTo(2);
  }

  @Test
  @DisplayName("contains, remove(Object), iteration and toString see the elements head first; an iterator's remove takes its element out")
  void searchAndIterate() {
    SharedQueue<String> queue = newQueue();
    queue.addAll(List.of("a", "b", "c", "b"));

    assertThat(queue.contains("b")).isTrue();
    assertThat(queue.contains("x")).isFalse();
    assertThat(queue.containsAll(List.of("a", "c"))).isTrue();
    assertThat(queue.toString()).isEqualTo("[a, b, c, b]");
    assertThat(queue.toArray()).containsExactly("a", "b", "c", "b");
    assertThat(queue.remove("b")).isTrue();
    assertThat(queue.remove("x")).isFalse();
    assertThat(queue.snapshot()).containsExactly("a", "c", "b");

    List<String> seen = new ArrayList<>();
    for (Iterator<String> it = queue.iterator(); it.hasNext(); ) {
      String element = it.next();
      seen.add(element);
      if (element.equals("c")) {
        it.remove();
      }
    }
    assertThat(seen).containsExactly("a", "c", "b");
    assertThat(queue.snapshot()).containsExactly("a", "b");
  }

  @Test
  @DisplayName("removeAll, retainAll and removeIf remove every matching element, in one process or another")
  void bulkRemoval() {
    SharedQueue<Integer> queue = newQueue();
    queue.addAll(List.of(1, 2, 3, 2, 4, 5, 6));
    SharedQueue<Integer> viaPeer = peer().queue(queue.name());

    assertThat(queue.removeAll(List.of(2, 9))).isTrue();
    assertThat(viaPeer.removeIf(n -> n > 4)).isTrue();
    assertThat(queue.retainAll(List.of(1, 4))).isTrue();
    assertThat(queue.removeAll(List.of(9))).isFalse();

    assertThat(viaPeer.snapshot()).containsExactly(1, 4);
    assertThat(queue.unfinishedTasks()).as("elements removed unseen count as done").isEqualTo(2);
  }

  @Test
  @DisplayName("each element is taken exactly once when threads of two peers add and take at once")
  void concurrentProducersAndConsumers() {
    SharedQueue<String> queue = newQueue();
    SharedObjects peer = peer();
    SharedQueue<String> viaPeer = peer.queue(queue.name());
    int perProducer = 150;
    ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
    AtomicInteger count = new AtomicInteger();

    race(thread -> {
      SharedQueue<String> mine = thread % 2 == 0 ? queue : viaPeer;
      if (thread < 2) {
        for (int i = 0; i < perProducer; i++) {
          mine.put("p" + thread + "-" + i);
        }
      } else {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count.get() < 2 * perProducer && System.nanoTime() < deadline) {
          String element = mine.poll(100, TimeUnit.MILLISECONDS);
          if (element != null) {
            taken.add(element);
            count.incrementAndGet();
            mine.taskDone();
          }
        }
      }
    });

    assertThat(taken).hasSize(2 * perProducer).doesNotHaveDuplicates();
    for (int producer = 0; producer < 2; producer++) {
      String prefix = "p" + producer + "-";
      List<Integer> order = taken.stream().filter(e -> e.startsWith(prefix))
          .map(e -> Integer.parseInt(e.substring(prefix.length()))).toList();
      assertThat(order).as("producer %d's elements, all of them", producer).hasSize(perProducer);
    }
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.unfinishedTasks()).isZero();
  }

  @Test
  @DisplayName("every element added is an unfinished task until taskDone; awaitAllDone returns true when none is left, false at its timeout before")
  void unfinishedTasks() throws InterruptedException {
    SharedQueue<String> queue = newQueue();
    assertThat(queue.awaitAllDone(0, TimeUnit.SECONDS)).as("a new queue has nothing unfinished").isTrue();

    queue.addAll(List.of("a", "b"));
    queue.offer("c");
    assertThat(queue.unfinishedTasks()).isEqualTo(3);
    queue.poll();
    queue.poll();
    queue.taskDone();
    assertThat(queue.unfinishedTasks()).as("one taken and done, one taken, one waiting").isEqualTo(2);

    long start = System.nanoTime();
    assertThat(queue.awaitAllDone(SHORT_WAIT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_WAIT).isLessThan(WAIT);

    queue.taskDone();
    queue.poll();
    queue.taskDone();
    assertThat(queue.unfinishedTasks()).isZero();
    assertThat(queue.awaitAllDone(0, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("taskDone with no unfinished task fails with IllegalStateException and changes nothing")
  void tooManyTaskDone() {
    SharedQueue<String> queue = newQueue();
    assertThatThrownBy(queue::taskDone).isInstanceOf(IllegalStateException.class).hasMessageContaining(queue.name());

    queue.offer("a");
    queue.poll();
    queue.taskDone();
    assertThatThrownBy(queue::taskDone).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(peer().queue(queue.name())::taskDone).isInstanceOf(IllegalStateException.class);
    assertThat(queue.unfinishedTasks()).isZero();
  }

  @Test
  @DisplayName("awaitAllDone in a peer waits until the last taskDone of another, then returns true")
  void awaitAllDoneAcrossPeers() {
    SharedQueue<String> queue = newQueue();
    SharedQueue<String> viaPeer = peer().queue(queue.name());
    queue.addAll(List.of("a", "b"));
    AtomicReference<Thread> waiter = new AtomicReference<>();

    Future<Boolean> allDone = worker().start(() -> {
      waiter.set(Thread.currentThread());
      return viaPeer.awaitAllDone(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    });
    awaitWaiting(waiter);
    queue.poll();
    queue.taskDone();
    queue.poll();
    assertThat(allDone).as("waiting while one task is unfinished").isNotDone();

    queue.taskDone();
    assertThat(await(allDone, WAIT)).isTrue();
  }

  @Test
  @DisplayName("elements removed without being handed out (remove(Object), clear, an iterator's remove) count as done")
  void removedUnseenCountAsDone() throws InterruptedException {
    SharedQueue<String> queue = newQueue();
    queue.addAll(List.of("a", "b", "c", "d", "e"));

    queue.remove("b");
    Iterator<String> it = queue.iterator();
    it.next();
    it.remove();
    assertThat(queue.unfinishedTasks()).isEqualTo(3);
    assertThat(queue.poll()).isEqualTo("c");
    queue.clear();

    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.unfinishedTasks()).as("only the element handed out is left").isEqualTo(1);
    queue.taskDone();
    assertThat(queue.awaitAllDone(0, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("destroy empties the queue and its unfinished count for every peer, keeps its capacity, and the name works again")
  void destroy() {
    SharedQueue<String> queue = newQueue(2);
    SharedQueue<String> viaPeer = peer().queue(queue.name());
    queue.addAll(List.of("a", "b"));

    queue.destroy();

    assertThat(viaPeer.isEmpty()).isTrue();
    assertThat(viaPeer.unfinishedTasks()).isZero();
    assertThat(shared().<String>queue(queue.name()).capacity()).isEqualTo(2);
    assertThat(viaPeer.offer("c")).isTrue();
    assertThat(queue.offer("d")).isTrue();
    assertThat(queue.offer("e")).as("still bounded").isFalse();
    assertThat(queue.snapshot()).containsExactly("c", "d");
  }

  @Test
  @DisplayName("queue() creates a new, empty, unbounded queue with a unique name, which a peer reaches by that name")
  void unnamed() {
    SharedQueue<String> first = track(Kind.QUEUE, shared().queue());
    SharedQueue<String> second = track(Kind.QUEUE, shared().queue());

    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(first.capacity()).isEqualTo(SharedQueue.UNBOUNDED);
    first.offer("x");
    assertThat(peer().<String>queue(first.name()).poll()).isEqualTo("x");
    assertThat(second.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("after close, a queue obtained before fails with SharedObjectsClosedException, and so does a take waiting through it")
  void closed() {
    SharedObjects peer = peer();
    SharedQueue<String> queue = newQueue();
    queue.offer("kept");
    SharedQueue<String> viaPeer = peer.queue(queue.name());
    SharedQueue<String> waitingOn = peer.queue(uniqueName());
    AtomicReference<Thread> taker = new AtomicReference<>();
    Future<String> waiting = worker().start(() -> {
      taker.set(Thread.currentThread());
      return waitingOn.take();
    });
    awaitWaiting(taker);

    peer.close();

    assertThatThrownBy(() -> await(waiting, WAIT)).isInstanceOf(SharedObjectsClosedException.class);
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("offer", () -> viaPeer.offer("x"));
    calls.put("poll", viaPeer::poll);
    calls.put("take", viaPeer::take);
    calls.put("peek", viaPeer::peek);
    calls.put("size", viaPeer::size);
    calls.put("taskDone", viaPeer::taskDone);
    calls.put("awaitAllDone", () -> viaPeer.awaitAllDone(1, TimeUnit.SECONDS));
    calls.put("queue(name)", () -> peer.queue(queue.name()));
    calls.put("queue()", peer::queue);
    assertAllFailClosed(calls);
    assertThat(queue.snapshot()).as("the queue is still there for the others").containsExactly("kept");
  }

  /** Waits until {@code thread} (set by the task it runs) is blocked, waiting: a blocking call is under way. */
  private static void awaitWaiting(AtomicReference<Thread> thread) {
    eventually(WAIT, "the worker waits", () -> {
      Thread t = thread.get();
      return t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
    });
  }
}
