package io.sharedobjects.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.connection.ClientConnection;
import com.hazelcast.client.impl.spi.impl.ClientInvocationServiceImpl;
import com.hazelcast.client.impl.spi.impl.listener.ClientListenerRegistration;
import com.hazelcast.client.impl.spi.impl.listener.ClientListenerServiceImpl;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.impl.AbstractSerializationService;
import com.hazelcast.internal.serialization.impl.compact.CompactStreamSerializer;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.internal.nio.ConnectionListener;
import com.hazelcast.internal.util.ConcurrencyUtil;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.WrongTargetException;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every use this library makes of Hazelcast classes outside its public API (packages {@code .impl.},
 * {@code .internal.} and {@code .spi.}): the one file to change when a Hazelcast upgrade moves them.
 * No other class of this library imports them.
 */
final class HazelcastInternals {

  private HazelcastInternals() {}

  /** Whether an instance is a Hazelcast client rather than a member. */
  static boolean isClient(HazelcastInstance instance) {
    return instance instanceof HazelcastClientProxy;
  }

  /** The configuration of a client instance; null for a member, whose configuration is {@code getConfig()}. */
  static ClientConfig clientConfig(HazelcastInstance instance) {
    return instance instanceof HazelcastClientProxy client ? client.getClientConfig() : null;
  }

  /** The Java deserialization filter a running member or client was configured with; null for none. */
  static com.hazelcast.config.JavaSerializationFilterConfig javaFilter(HazelcastInstance instance) {
    ClientConfig client = clientConfig(instance);
    return client != null
        ? client.getSerializationConfig().getJavaSerializationFilterConfig()
        : instance.getConfig().getSerializationConfig().getJavaSerializationFilterConfig();
  }

  /** The cluster name an instance (member or client) was configured with. */
  static String clusterName(HazelcastInstance instance) {
    ClientConfig client = clientConfig(instance);
    return client != null ? client.getClusterName() : instance.getConfig().getClusterName();
  }

  /**
   * The members whose backup confirmations reach this client: those it has a live connection to on which
   * Hazelcast's backup listener is registered (a member sends a backup's confirmation to a client only over
   * such a registration, and drops it otherwise). Hazelcast registers its listeners on a new connection in
   * the background, on one thread, in order; this call queues behind those registrations, so a connection
   * added before it is reported with its registration done. Empty if the client does not collect
   * confirmations (backup acks to the client off, or not a smart client).
   */
  static Set<UUID> membersConfirmingBackups(HazelcastInstance client) {
    HazelcastClientInstanceImpl impl = ((HazelcastClientProxy) client).client;
    if (impl == null || !(impl.getListenerService() instanceof ClientListenerServiceImpl listeners)) {
      return Set.of();
    }
    UUID backupListener = null;
    for (Map.Entry<UUID, ClientListenerRegistration> registration : listeners.getRegistrations().entrySet()) {
      if (registration.getValue().getHandler() instanceof ClientInvocationServiceImpl.BackupEventHandler) {
        backupListener = registration.getKey();
      }
    }
    if (backupListener == null) {
      return Set.of();
    }
    return listeners.getActiveRegistrations(backupListener).keySet().stream()
        .filter(ClientConnection::isAlive)
        .map(ClientConnection::getRemoteUuid)
        .filter(uuid -> uuid != null)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Runs {@code action} (briefly, on Hazelcast's I/O thread) whenever the client opens or loses a connection. */
  static void onConnectionChange(HazelcastInstance client, Runnable action) {
    ((HazelcastClientProxy) client).client.getConnectionManager().addConnectionListener(new ConnectionListener<ClientConnection>() {
      @Override
      public void connectionAdded(ClientConnection connection) {
        action.run();
      }

      @Override
      public void connectionRemoved(ClientConnection connection) {
        action.run();
      }
    });
  }

  /** The serializer of an instance: what its proxies would use on the values given to them. */
  static Serializer serializer(HazelcastInstance instance) {
    return new Serializer(((SerializationServiceSupport) instance).getSerializationService());
  }

  /**
   * Whether a failure means a call got no answer (its target left or moved), so it may or may not have been
   * applied.
   */
  static boolean isLostTarget(RuntimeException e) {
    return e instanceof TargetDisconnectedException || e instanceof WrongTargetException;
  }

  /**
   * Runs {@code call} on this thread as lock owner {@code owner}: Hazelcast records the owner of a key lock
   * as the caller's UUID and thread id, and takes the thread id from {@code ThreadUtil}, which lets a thread
   * stand for another. A semaphore's permits are owned by its process, not by a thread, so every thread of it
   * takes and releases them as one owner. Whatever thread id this thread stood for before is restored.
   */
  static <T> T asLockOwner(long owner, Supplier<T> call) {
    long before = ThreadUtil.getThreadId();
    ThreadUtil.setThreadId(owner);
    try {
      return call.get();
    } finally {
      if (before == Thread.currentThread().getId()) {
        ThreadUtil.removeThreadId();
      } else {
        ThreadUtil.setThreadId(before);
      }
    }
  }

  /** The JVM-wide executor that completes Hazelcast's futures. */
  static Executor defaultAsyncExecutor() {
    return ConcurrencyUtil.getDefaultAsyncExecutor();
  }

  /** Replaces the JVM-wide executor that completes Hazelcast's futures. */
  static void setDefaultAsyncExecutor(Executor executor) {
    ConcurrencyUtil.setDefaultAsyncExecutor(executor);
  }

  /** Whether {@code executor} is Hazelcast's own fallback that starts a thread per task (a lambda, not a pool). */
  static boolean startsThreadPerTask(Executor executor) {
    return executor != ForkJoinPool.commonPool() && executor != ConcurrencyUtil.CALLER_RUNS
        && executor.getClass().getName().startsWith(ConcurrencyUtil.class.getName() + "$$Lambda");
  }

  /**
   * Serializes values to Hazelcast's stored form ({@code Data}), which Hazelcast's proxies send as it is.
   * The form is typed {@code Object} outside this class, so no other class names {@code Data}.
   */
  static final class Serializer {
    private final SerializationService service;

    private Serializer(SerializationService service) {
      this.service = service;
    }

    /** The stored form of a value (never null for a non-null value). */
    Object serialize(Object value) {
      return service.toData(value);
    }

    /**
     * Undoes what a failed serialization left behind on Hazelcast 5.4 to 5.6: serializing a class with a
     * field of type {@code Object} registers the field value's JDK class (such as {@code String}) for
     * zero-configuration Compact serialization, which cannot serialize it; from then on every value of that
     * class fails to write and to read, in this process, until it restarts (the compatibility kit found this
     * on 5.4.0, 5.5.0 and 5.6.0; 5.7.0 registers nothing). JDK classes are never Compact-serializable, so
     * their registrations are dropped, and Hazelcast's own serializers apply to them again. Called only after
     * a serialization failed; on a version whose fields differ it does nothing.
     */
    void forgetFailedRegistrations() {
      try {
        Field compactField = AbstractSerializationService.class.getDeclaredField("compactStreamSerializer");
        compactField.setAccessible(true);
        Object compact = compactField.get(service);
        if (compact == null) {
          return;
        }
        forget(compact, "classToRegistrationMap", key -> isJdk(((Class<?>) key).getName()));
        forget(compact, "classToSchemaMap", key -> isJdk(((Class<?>) key).getName()));
        forget(compact, "typeNameToRegistrationMap", key -> isJdk((String) key));
      } catch (ReflectiveOperationException | RuntimeException e) {
        // Another Hazelcast: nothing known to undo.
      }
    }

    private static void forget(Object owner, String field, java.util.function.Predicate<Object> jdk)
        throws ReflectiveOperationException {
      Field mapField = CompactStreamSerializer.class.getDeclaredField(field);
      mapField.setAccessible(true);
      ((Map<?, ?>) mapField.get(owner)).keySet().removeIf(jdk);
    }

    private static boolean isJdk(String className) {
      return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.");
    }

    /** The size in bytes of a stored form made by {@link #serialize}. */
    static int size(Object stored) {
      return ((Data) stored).totalSize();
    }

    /** A stored form made by {@link #serialize} as plain bytes, which {@link #deserialize} reads back. */
    static byte[] bytes(Object stored) {
      return ((Data) stored).toByteArray();
    }

    /** The value whose stored form had these bytes: a new copy at each call. */
    Object deserialize(byte[] bytes) {
      return service.toObject(new HeapData(bytes));
    }
  }
}
