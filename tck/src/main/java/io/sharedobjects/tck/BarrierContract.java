package io.sharedobjects.tck;

import org.junit.jupiter.api.Tag;

/** Placeholder: the rules for a shared barrier, not written yet. */
@Tag("barrier")
abstract class BarrierContract extends KitContract {

  BarrierContract(KitFixture kit) {
    super(kit);
  }
}
