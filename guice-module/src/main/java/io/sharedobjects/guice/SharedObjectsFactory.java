package io.sharedobjects.guice;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import java.util.function.Consumer;

/**
 * Makes the {@link SharedObjects} of one injector. Implementations are values (records), so two modules
 * built from equal arguments are equal and Guice installs them once.
 */
interface SharedObjectsFactory {

  /** Creates (or wraps) the instance; called at most once per injector. */
  SharedObjects open();

  /** A short description for {@code toString()} and error messages. */
  String describe();

  /**
   * This factory with {@code customizer} applied to the Hazelcast builder before the instance starts.
   *
   * @throws IllegalStateException if this factory builds no instance from a builder of its own
   */
  SharedObjectsFactory customized(Consumer<? super HazelcastSharedObjectsBuilder> customizer);
}
