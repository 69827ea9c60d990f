package io.sharedobjects.tck;

import org.junit.jupiter.api.Tag;

/** Placeholder: the rules for a shared condition, not written yet. */
@Tag("condition")
abstract class ConditionContract extends KitContract {

  ConditionContract(KitFixture kit) {
    super(kit);
  }
}
