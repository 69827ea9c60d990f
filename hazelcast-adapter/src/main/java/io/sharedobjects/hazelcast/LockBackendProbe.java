package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.CPGroupId;
import com.hazelcast.cp.lock.FencedLock;
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
    String why;
    try {
      // Every process of a cluster gets the same answer here, so all agree on one backend.
      String probe = SharedNames.unique("probe");
      CPGroupId group = calls.call(() -> {
        FencedLock lock = instance.getCPSubsystem().getLock(probe);
        lock.isLocked();
        return lock.getGroupId();
      });
      // Hazelcast 5.4 without CP members runs CP objects in "unsafe mode", on partitions: no Raft, no
      // safety under partitions, and a lock held by a thread of a closed wrapped instance stays held. Each
      // object is then its own group, named after it; a real CP object is in a Raft group ("default").
      if (probe.equals(group.getName())) {
        backend = LockBackend.MAP;
        why = "the cluster's CP Subsystem has no CP members and would run in unsafe mode";
      } else {
        backend = LockBackend.CP;
        why = "the cluster offers the CP Subsystem";
      }
    } catch (UnsupportedOperationException e) {
      backend = LockBackend.MAP;
      why = "no CP Subsystem in this cluster";
    }
    LOG.info("shared-objects uses " + backend + " locks (" + why + ")");
    return backend;
  }
}
