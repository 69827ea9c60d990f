package io.sharedobjects.spring.integration;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import org.junit.jupiter.api.AfterEach;

/** The registry's contract on the in-memory backend: two peers stand for two processes. */
class InMemoryLockRegistryTest extends LockRegistryContract {

  private final InMemorySharedObjects first = new InMemorySharedObjects();
  private final InMemorySharedObjects second = first.peer();

  @AfterEach
  void close() {
    second.close();
    first.close();
  }

  @Override
  protected SharedObjects here() {
    return first;
  }

  @Override
  protected SharedObjects there() {
    return second;
  }

  @Override
  protected SharedObjects closableHere() {
    return first.peer();
  }
}
