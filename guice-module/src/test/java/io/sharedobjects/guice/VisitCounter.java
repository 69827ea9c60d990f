package io.sharedobjects.guice;

import com.google.inject.Inject;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedObjects;

/** A service as users write them: it gets {@link SharedObjects} through its constructor. */
final class VisitCounter {

  private final SharedObjects shared;
  private final SharedDict<String, Integer> visits;

  @Inject
  VisitCounter(SharedObjects shared) {
    this.shared = shared;
    this.visits = shared.dict("visits");
  }

  /** Counts a visit of {@code page} in every process; returns the count after this one. */
  int visit(String page) {
    return visits.merge(page, 1, Integer::sum);
  }

  int visits(String page) {
    return visits.getOrDefault(page, 0);
  }

  SharedObjects sharedObjects() {
    return shared;
  }
}
