package io.sharedobjects.guice;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import java.util.function.Consumer;

/** A new {@link InMemorySharedObjects} per injector; needs nothing but core. */
record InMemoryFactory() implements SharedObjectsFactory {

  @Override
  public SharedObjects open() {
    return new InMemorySharedObjects();
  }

  @Override
  public String describe() {
    return "in-memory";
  }

  /** Nothing to customize: a Hazelcast customizer is ignored when the settings choose in-memory. */
  @Override
  public SharedObjectsFactory customized(Consumer<? super HazelcastSharedObjectsBuilder> customizer) {
    return this;
  }
}
