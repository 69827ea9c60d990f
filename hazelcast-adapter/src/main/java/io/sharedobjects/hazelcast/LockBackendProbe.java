package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import io.sharedobjects.SharedNames;

/**
 * Chooses the {@link LockBackend} of one {@link HazelcastSharedObjects}: the configured one, or for {@link
 * LockBackend#AUTO} the one the cluster offers, probed once, on first use (the probe costs a round trip that
 * programs without locks never need). The choice is logged.
 */
final class LockBackendProbe {

  /** The facade's logger, where users look for what was chosen. */
  private static final ILogger LOG = Logger.getLogger(HazelcastSharedObjects.class);

  private final LockBackend configured;
  private final HazelcastInstance instance;
  private final Calls calls;
  private volatile LockBackend chosen;

  LockBackendProbe(ObjectContext context) {
    this.configured = context.settings().lockBackend();
    this.instance = context.instance();
    this.calls = context.calls();
  }

  /** The backend, chosen at the first call. */
  LockBackend backend() {
    LockBackend backend = chosen;
    if (backend == null) {
      synchronized (this) {
        backend = chosen;
        if (backend == null) {
          backend = choose();
          chosen = backend;
        }
      }
    }
    return backend;
  }

  /** The backend if it was chosen already, else null; never probes. */
  LockBackend chosenSoFar() {
    return chosen;
  }

  private LockBackend choose() {
    if (configured != LockBackend.AUTO) {
      LOG.info("shared-objects uses " + configured + " locks (configured)");
      return configured;
    }
    LockBackend backend;
    try {
      // Every process of a cluster gets the same answer here, so all agree on one backend.
      calls.call(() -> instance.getCPSubsystem().getLock(SharedNames.unique("probe")).isLocked());
      backend = LockBackend.CP;
    } catch (UnsupportedOperationException e) {
      backend = LockBackend.MAP;
    }
    LOG.info("shared-objects uses " + backend + " locks ("
        + (backend == LockBackend.CP ? "the cluster offers the CP Subsystem" : "no CP Subsystem in this cluster") + ")");
    return backend;
  }
}
