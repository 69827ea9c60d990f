package io.sharedobjects.tck;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.inmemory.InMemorySharedObjects;

/**
 * Runs the whole compatibility kit against the in-memory backend with an authKey: every key, value and
 * element is stored bound to the key, and each peer is given the same key ({@code peer()} keeps it), so
 * the kit passes as it does without one, as it does on Hazelcast with a key.
 */
class SealedInMemoryCompatibilityTest extends SharedObjectsCompatibilityKit {

  @Override
  protected SharedObjects newSharedObjects() {
    return InMemorySharedObjects.withAuthKey("a passphrase for the sealed in-memory kit");
  }

  @Override
  protected SharedObjects peerOf(SharedObjects first) {
    return ((InMemorySharedObjects) first).peer();
  }
}
