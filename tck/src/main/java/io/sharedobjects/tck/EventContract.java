package io.sharedobjects.tck;

import org.junit.jupiter.api.Tag;

/** Placeholder: the rules for a shared event, not written yet. */
@Tag("event")
abstract class EventContract extends KitContract {

  EventContract(KitFixture kit) {
    super(kit);
  }
}
