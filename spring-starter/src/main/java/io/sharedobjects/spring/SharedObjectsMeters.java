package io.sharedobjects.spring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.HazelcastCacheMetrics;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.SharedObjectsObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Records what a Hazelcast {@link SharedObjects} does as Micrometer meters:
 *
 * <ul>
 *   <li>{@code shared.objects.calls} (timer): each call of an object to the cluster; tags {@code kind}
 *       ({@code dict}, {@code lock}, ...), {@code outcome} ({@code success} or {@code failure}) and
 *       {@code exception} (the simple class name of the failure, {@code none} on success).
 *   <li>{@code shared.objects.wait} (timer): how long a thread waited to take a lock or a semaphore permit;
 *       tags {@code kind} ({@code lock} or {@code semaphore}), {@code name}, {@code acquired}
 *       ({@code true}, or {@code false} for a try that timed out or failed).
 *   <li>{@code shared.objects.hold} (timer): how long a lock or permit was held; tags {@code kind},
 *       {@code name}.
 *   <li>{@code shared.objects.queue.size} (gauge): the size of each queue created through this instance; tag
 *       {@code name}. Reading it is a round trip (none while a client is not connected: NaN).
 *   <li>Dicts of an embedded member: Micrometer's own {@link HazelcastCacheMetrics} on the dict's
 *       {@code IMap} ({@code cache.gets}, {@code cache.puts}, {@code cache.size}, ...; tag {@code cache}, the
 *       dict's name), from the member's local statistics. A client has none to read.
 * </ul>
 *
 * <p>Turn them off with Spring Boot's meter filter, {@code management.metrics.enable.shared.objects=false}, or
 * remove the observer by excluding {@link SharedObjectsMetricsAutoConfiguration}. The {@code name} tag makes
 * one series per lock, semaphore and queue: with names made per request, deny it with a {@code MeterFilter}.
 *
 * <p>Thread-safe: called concurrently from every thread using the objects; meters are looked up once per
 * tag combination and cached.
 */
final class SharedObjectsMeters implements SharedObjectsObserver, SmartInitializingSingleton {

  private final MeterRegistry registry;
  private final ObjectProvider<SharedObjects> sharedObjects;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
  /** The observed instance, once the context has it; dicts created before are bound then. */
  private HazelcastSharedObjects instance;
  private final List<String> unboundDicts = new ArrayList<>();

  SharedObjectsMeters(MeterRegistry registry, ObjectProvider<SharedObjects> sharedObjects) {
    this.registry = registry;
    this.sharedObjects = sharedObjects;
  }

  @Override
  public void called(String kind, long nanos, Throwable failure) {
    String exception = failure == null ? "none" : exceptionName(failure);
    timer("c\0" + kind + "\0" + exception, () -> Timer.builder("shared.objects.calls")
        .description("Calls of shared objects to the cluster")
        .tags("kind", kind, "outcome", failure == null ? "success" : "failure", "exception", exception))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void waited(String kind, String name, long nanos, boolean acquired) {
    timer("w\0" + kind + "\0" + name + "\0" + acquired, () -> Timer.builder("shared.objects.wait")
        .description("Time waited to take a lock or a semaphore permit")
        .tags("kind", kind, "name", name, "acquired", String.valueOf(acquired)))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void held(String kind, String name, long nanos) {
    timer("h\0" + kind + "\0" + name, () -> Timer.builder("shared.objects.hold")
        .description("Time a lock or a semaphore permit was held")
        .tags("kind", kind, "name", name))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void created(String kind, String name, SharedObject object) {
    if (object instanceof SharedQueue<?> queue) {
      Gauge.builder("shared.objects.queue.size", queue, this::sizeOf)
          .description("Elements in a shared queue")
          .tag("name", name)
          .register(registry);
    } else if ("dict".equals(kind)) {
      bindDict(name);
    }
  }

  /** Binds the dicts created while the context was starting, now that the instance is known. */
  @Override
  public void afterSingletonsInstantiated() {
    if (sharedObjects.getIfUnique() instanceof HazelcastSharedObjects hazelcast) {
      List<String> pending;
      synchronized (this) {
        instance = hazelcast;
        pending = List.copyOf(unboundDicts);
        unboundDicts.clear();
      }
      pending.forEach(this::bindDict);
    }
  }

  private void bindDict(String name) {
    HazelcastSharedObjects hazelcast;
    synchronized (this) {
      hazelcast = instance;
      if (hazelcast == null) {
        unboundDicts.add(name);
        return;
      }
    }
    if (!hazelcast.isClient()) {
      HazelcastCacheMetrics.monitor(registry, hazelcast.hazelcastInstance().getMap(name));
    }
  }

  /** The queue's size, or NaN while it cannot be read without waiting (a client not connected). */
  private double sizeOf(SharedQueue<?> queue) {
    HazelcastSharedObjects hazelcast;
    synchronized (this) {
      hazelcast = instance;
    }
    if (hazelcast != null && !hazelcast.status().reachable()) {
      return Double.NaN;
    }
    return queue.size();
  }

  private Timer timer(String key, Supplier<Timer.Builder> builder) {
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(key, k -> builder.get().register(registry));
    }
    return timer;
  }

  private static String exceptionName(Throwable failure) {
    String simple = failure.getClass().getSimpleName();
    return simple.isEmpty() ? failure.getClass().getName() : simple;
  }
}
