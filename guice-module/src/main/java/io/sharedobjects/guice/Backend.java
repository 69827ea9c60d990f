package io.sharedobjects.guice;

import io.sharedobjects.SharedObjects;

/**
 * How to obtain the {@link SharedObjects} of one injector. Implementations are values (records), so two
 * modules built from equal arguments are equal and Guice installs them once.
 */
interface Backend {

  /** Creates (or wraps) the instance; called at most once per injector. */
  SharedObjects open();

  /** A short description for {@code toString()} and error messages. */
  String describe();
}
