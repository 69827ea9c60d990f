package io.sharedobjects.guice;

import com.google.inject.Provider;

/**
 * Makes a new {@link SharedObjectsLifecycle} each time; bound in singleton scope, so each injector gets its
 * own. Stateless, so one module may serve several injectors.
 */
final class LifecycleProvider implements Provider<SharedObjectsLifecycle> {

  private final SharedObjectsFactory factory;

  LifecycleProvider(SharedObjectsFactory factory) {
    this.factory = factory;
  }

  @Override
  public SharedObjectsLifecycle get() {
    return new SharedObjectsLifecycle(factory);
  }
}
