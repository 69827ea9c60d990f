package io.sharedobjects.hazelcast;

import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.map.IMap;
import io.sharedobjects.QueueRules;
import io.sharedobjects.SharedNames;
import io.sharedobjects.SharedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The queues of one {@link HazelcastSharedObjects}: creates and caches their proxies, and fixes each
 * name's capacity in the cluster the first time any process asks for it.
 *
 * <p>The capacity is recorded in {@value #CAPACITIES_MAP} by {@code putIfAbsent}, so the first creator's
 * stands and every later one reads it. Hazelcast enforces a bounded capacity through a {@code
 * QueueConfig(name).setMaxSize(capacity)} added to the cluster's dynamic configuration, which stock
 * members accept from clients and embedded members alike. Every process that finds a bounded capacity adds
 * that configuration before its first use of the queue: Hazelcast reads a queue's configuration when the
 * queue is first used on a member, so it must be there before any element is, whichever process comes
 * first; adding an equal one again changes nothing (checked on 5.7.0, as everything here). Dynamic
 * configuration cannot be removed, so a capacity stays with its name after {@code destroy()}.
 */
final class HazelcastQueues {

  /** The internal map of capacities by queue name; user names cannot start with '_', so none collides. */
  static final String CAPACITIES_MAP = "__shared-objects.queues";

  private final ObjectContext context;
  private final ConcurrentMap<String, HazelcastSharedQueue<?>> proxies = new ConcurrentHashMap<>();

  HazelcastQueues(ObjectContext context) {
    this.context = context;
  }

  /** The queue {@code name} as it was created, created unbounded if new. */
  <E> SharedQueue<E> asCreated(String name) {
    SharedNames.validate(name);
    context.open().ensureOpen();
    return queue(name, 0);
  }

  /** The queue {@code name}, created with {@code capacity} if new; it must have that capacity if not. */
  <E> SharedQueue<E> withCapacity(String name, int capacity) {
    SharedNames.validate(name);
    context.open().ensureOpen();
    return queue(name, QueueRules.requirePositive(name, capacity));
  }

  /** The queue {@code name}: as it was created if {@code asked} is 0, else checked against {@code asked}. */
  @SuppressWarnings("unchecked")
  private <E> SharedQueue<E> queue(String name, int asked) {
    HazelcastSharedQueue<?> cached = proxies.get(name);
    if (cached == null) {
      // Outside computeIfAbsent, which must not block: two threads may both create one, the first cached wins.
      HazelcastSharedQueue<?> created = create(name, asked);
      cached = proxies.putIfAbsent(name, created);
      if (cached == null) {
        ObservedObjects.created(context.settings().observer(), "queue", created);
        cached = created;
      }
    }
    QueueRules.checkCapacity(name, cached.capacity(), asked);
    return (SharedQueue<E>) cached;
  }

  /** Wakes and stops every queue's waiting calls; called once when the SharedObjects closes. */
  void close() {
    proxies.values().forEach(HazelcastSharedQueue::close);
  }

  private HazelcastSharedQueue<?> create(String name, int asked) {
    Calls calls = context.dataCalls("queue '" + name + "'");
    int wanted = asked == 0 ? SharedQueue.UNBOUNDED : asked;
    SealedState state = SealedState.of(context, CAPACITIES_MAP);
    Object stored = state.seal(name, wanted);
    int capacity = calls.call(() -> {
      IMap<String, Object> capacities = context.instance().getMap(CAPACITIES_MAP);
      Integer recorded = state.readInt(name, capacities.putIfAbsent(name, stored), "queue '" + name + "'");
      return recorded != null ? recorded : wanted;
    });
    QueueRules.checkCapacity(name, capacity, asked);
    if (capacity != SharedQueue.UNBOUNDED) {
      try {
        calls.run(() -> context.instance().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(capacity)));
      } catch (InvalidConfigurationException conflict) {
        throw new IllegalStateException("The cluster already has a configuration for queue '" + name + "' that"
            + " differs from capacity " + capacity + ", so the capacity cannot be enforced: remove that"
            + " configuration from the members, or use another name. " + conflict.getMessage(), conflict);
      }
    }
    return calls.call(() -> new HazelcastSharedQueue<>(context, name, capacity));
  }
}
