package io.sharedobjects.guice;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;

/** A new {@link InMemorySharedObjects} per injector; needs nothing but core. */
record InMemoryBackend() implements Backend {

  @Override
  public SharedObjects open() {
    return new InMemorySharedObjects();
  }

  @Override
  public String describe() {
    return "in-memory";
  }
}
