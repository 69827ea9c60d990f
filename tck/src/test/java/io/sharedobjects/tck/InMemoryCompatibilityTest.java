package io.sharedobjects.tck;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;

/**
 * Runs the whole compatibility kit against the in-memory backend; a peer is another instance over the same
 * in-memory store, standing in for a second process.
 */
class InMemoryCompatibilityTest extends SharedObjectsCompatibilityKit {

  @Override
  protected SharedObjects newSharedObjects() {
    return new InMemorySharedObjects();
  }

  @Override
  protected SharedObjects peerOf(SharedObjects first) {
    return ((InMemorySharedObjects) first).peer();
  }
}
