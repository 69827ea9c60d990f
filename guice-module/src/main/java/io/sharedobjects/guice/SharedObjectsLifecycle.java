package io.sharedobjects.guice;

import io.sharedobjects.SharedObjects;
import java.util.Objects;

/**
 * Owns the {@link SharedObjects} of one injector: creates it on first use and closes it when the
 * application stops. {@link SharedObjectsModule} binds one per injector, as a singleton.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(SharedObjectsModule.fromEnvironment(), new AppModule());
 * try {
 *   injector.getInstance(App.class).run();
 * } finally {
 *   injector.getInstance(SharedObjectsLifecycle.class).close();
 * }
 * }</pre>
 *
 * <p><b>Lifecycle:</b> {@link #close()} closes only what this lifecycle created: an embedded member or a
 * client it started, never a {@code HazelcastInstance} given to {@link SharedObjectsModule#using}. Closing
 * before anything was injected starts nothing. After {@code close()} the injected {@code SharedObjects}
 * fails every call with {@link io.sharedobjects.SharedObjectsClosedException}.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public final class SharedObjectsLifecycle implements AutoCloseable {

  private final SharedObjectsFactory factory;
  private SharedObjects sharedObjects; // guarded by this
  private boolean closed; // guarded by this

  SharedObjectsLifecycle(SharedObjectsFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * The injector's instance, created on the first call.
   *
   * @throws IllegalStateException if this lifecycle was closed before the instance was ever created
   */
  public synchronized SharedObjects sharedObjects() {
    if (sharedObjects == null) {
      if (closed) {
        throw new IllegalStateException("SharedObjectsLifecycle (" + factory.describe() + ") is closed");
      }
      sharedObjects = factory.open();
    }
    return sharedObjects;
  }

  /** Whether the instance has been created (and not yet closed). */
  public synchronized boolean isRunning() {
    return sharedObjects != null && !closed;
  }

  /** Closes the instance if it was created; idempotent. */
  @Override
  public void close() {
    SharedObjects toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = sharedObjects;
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  @Override
  public synchronized String toString() {
    return "SharedObjectsLifecycle{" + factory.describe() + ", " + (closed ? "closed" : sharedObjects == null ? "not started" : "running") + "}";
  }
}
