package io.sharedobjects.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.util.Map;

/**
 * An application that uses only the in-memory backend; {@link NoHazelcastClasspathTest} runs it in a class
 * loader that has neither Hazelcast nor the adapter.
 */
public final class InMemoryOnlyApplication {

  private InMemoryOnlyApplication() {}

  /** Injects a service through each in-memory route and returns the visit counts it saw. */
  public static String run() {
    Injector fromFactory = Guice.createInjector(Stage.PRODUCTION, SharedObjectsModule.inMemory());
    Injector fromSettings = Guice.createInjector(
        SharedObjectsModule.fromProperties(Map.of("shared-objects.backend", "in-memory")));
    int first = fromFactory.getInstance(VisitCounter.class).visit("home");
    int second = fromFactory.getInstance(VisitCounter.class).visit("home");
    int other = fromSettings.getInstance(VisitCounter.class).visit("home");
    fromFactory.getInstance(SharedObjectsLifecycle.class).close();
    fromSettings.getInstance(SharedObjectsLifecycle.class).close();
    return first + "," + second + "," + other;
  }

  /** Asks for the Hazelcast backend and returns the message it fails with. */
  public static String askForHazelcast() {
    try {
      SharedObjectsModule.fromProperties(Map.of("shared-objects.backend", "hazelcast"));
      return "no failure";
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }
}
