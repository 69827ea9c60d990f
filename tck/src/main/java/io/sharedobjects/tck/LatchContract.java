package io.sharedobjects.tck;

import org.junit.jupiter.api.Tag;

/** Placeholder: the rules for a shared latch, not written yet. */
@Tag("latch")
abstract class LatchContract extends KitContract {

  LatchContract(KitFixture kit) {
    super(kit);
  }
}
