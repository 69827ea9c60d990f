package io.sharedobjects.spring;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.ClassUtils;

/**
 * The health of one {@link SharedObjects}: {@code backend} ({@code hazelcast} or {@code in-memory}) and, for
 * Hazelcast, what {@link HazelcastHealth} reads. DOWN when the cluster cannot be reached or this process sees
 * no majority of the declared cluster size. An implementation of another kind is UNKNOWN.
 *
 * <p>Cheap and bounded: it reads only what the instance already holds (its member list, its client's
 * connection state), never calls the cluster, so a health check never waits for a connect timeout.
 * Thread-safe (stateless beyond the instance).
 */
final class SharedObjectsHealthIndicator implements HealthIndicator {

  /** Whether the adapter is on the classpath; without it, its classes must not be touched. */
  private static final boolean HAZELCAST = ClassUtils.isPresent("io.sharedobjects.hazelcast.HazelcastSharedObjects",
      SharedObjectsHealthIndicator.class.getClassLoader());

  private final SharedObjects sharedObjects;

  SharedObjectsHealthIndicator(SharedObjects sharedObjects) {
    this.sharedObjects = sharedObjects;
  }

  @Override
  public Health health() {
    if (HAZELCAST && HazelcastHealth.applies(sharedObjects)) {
      return HazelcastHealth.of(sharedObjects);
    }
    if (sharedObjects instanceof InMemorySharedObjects) {
      return Health.up().withDetail("backend", "in-memory").build();
    }
    return Health.unknown().withDetail("backend", sharedObjects.getClass().getName()).build();
  }
}
