package io.sharedobjects.guice;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.sharedobjects.SharedObjects;

/** Hands out the injector's {@link SharedObjects}; Guice creates one per injector. */
final class SharedObjectsProvider implements Provider<SharedObjects> {

  private final SharedObjectsLifecycle lifecycle;

  @Inject
  SharedObjectsProvider(SharedObjectsLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public SharedObjects get() {
    return lifecycle.sharedObjects();
  }
}
