package io.sharedobjects;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The kinds of shared object, each with the {@link SharedObjects} factory method that reaches an object of
 * the kind by name. A shared object stored in another (a dict as a dict's value, a lock in a list) is
 * stored as a reference, its kind's {@link #id()} and its name; reading the reference calls the kind's
 * factory method on the reading process's {@link SharedObjects}, so every process gets its own live object
 * of that name and kind, as Python's nested proxies do.
 *
 * <p>A new kind of shared object is one more constant here, naming its interface and factory method; every
 * backend then stores it by reference with no other change.
 */
public enum SharedObjectKind {
  DICT("dict", SharedDict.class, SharedObjects::dict),
  LIST("list", SharedList.class, SharedObjects::list),
  SET("set", SharedSet.class, SharedObjects::set),
  QUEUE("queue", SharedQueue.class, SharedObjects::queue),
  VALUE("value", SharedValue.class, SharedObjects::value),
  COUNTER("counter", SharedCounter.class, SharedObjects::counter),
  LOCK("lock", SharedLock.class, SharedObjects::lock);

  private final String id;
  private final Class<? extends SharedObject> type;
  private final BiFunction<SharedObjects, String, ? extends SharedObject> factory;

  SharedObjectKind(String id, Class<? extends SharedObject> type,
      BiFunction<SharedObjects, String, ? extends SharedObject> factory) {
    this.id = id;
    this.type = type;
    this.factory = factory;
  }

  /** The kind's name in stored references and messages, which is also its factory method's: {@code "dict"}. */
  public String id() {
    return id;
  }

  /** The interface every object of this kind implements, such as {@code SharedDict.class}. */
  public Class<? extends SharedObject> type() {
    return type;
  }

  /**
   * The kind of {@code object}, under which a shared container stores it as a reference.
   *
   * @throws NotStorableException if it is of none of these kinds (say, a user's own implementation of
   *     {@link SharedObject}), saying to store its name instead
   */
  public static SharedObjectKind of(SharedObject object) {
    for (SharedObjectKind kind : values()) {
      if (kind.type.isInstance(object)) {
        return kind;
      }
    }
    throw new NotStorableException(object.getClass(), "Cannot store an instance of " + object.getClass().getName()
        + ": a shared object is stored as a reference only if it is a shared " + known()
        + "; store its name() instead, and look it up by name where it is read.", null);
  }

  /**
   * The kind with this {@link #id()}.
   *
   * @throws IllegalArgumentException if no kind has it (a reference written by a newer version), naming the
   *     known ones
   */
  public static SharedObjectKind forId(String id) {
    for (SharedObjectKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("No kind of shared object is called '" + id + "' in this version of"
        + " shared-objects; known kinds: " + known() + ". Use the same version in every process.");
  }

  /**
   * The object of this kind and name in {@code objects}, created if no process has created it yet: what
   * {@code objects.dict(name)} (and so on) returns.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if {@code objects} is closed
   */
  public SharedObject open(SharedObjects objects, String name) {
    return factory.apply(objects, name);
  }

  private static String known() {
    return Arrays.stream(values()).map(SharedObjectKind::id).collect(Collectors.joining(", "));
  }
}
