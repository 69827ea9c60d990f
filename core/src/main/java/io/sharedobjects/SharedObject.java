package io.sharedobjects;

/**
 * What every shared dict, list and lock has: a name that reaches it from any process, and a way to remove it.
 *
 * <p><b>Thread safety:</b> implementations are thread-safe.
 */
public interface SharedObject {

  /** The name under which every process reaches this object; never null. */
  String name();

  /**
   * Removes this object and its contents for every process. A later use of the same name, from any process,
   * starts again with a new empty object.
   */
  void destroy();
}
