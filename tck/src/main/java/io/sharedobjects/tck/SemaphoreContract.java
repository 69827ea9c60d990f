package io.sharedobjects.tck;

import org.junit.jupiter.api.Tag;

/** Placeholder: the rules for a shared semaphore, not written yet. */
@Tag("semaphore")
abstract class SemaphoreContract extends KitContract {

  SemaphoreContract(KitFixture kit) {
    super(kit);
  }
}
