package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SharedProcess} hands its child on the child's stdin, with Java serialization (parent and
 * child share the class path): the parent's pid, the settings to connect with, the target and its
 * arguments. A shared object argument travels as an {@link ObjectReference}, the parent's {@link
 * SharedObjects} as {@link Marker#SHARED_OBJECTS}, and any other argument as itself.
 *
 * <p>Immutable once made.
 */
record ChildPayload(long parentPid, Map<String, String> settings, Serializable target, List<Object> arguments)
    implements Serializable {

  /** Stands for an argument that is the parent's {@link SharedObjects}: the child gets its own. */
  enum Marker {
    SHARED_OBJECTS
  }

  /**
   * The payload's bytes.
   *
   * @throws IllegalArgumentException if the target or an argument cannot be serialized, naming which and
   *     what to do
   */
  static byte[] serialize(HazelcastSharedObjects parent, Serializable target, Object... arguments) {
    List<Object> forms = new ArrayList<>(arguments.length);
    for (int i = 0; i < arguments.length; i++) {
      forms.add(formOf(parent, arguments[i], i));
    }
    ChildPayload payload = new ChildPayload(ProcessHandle.current().pid(), ChildSettings.of(parent), target, forms);
    try {
      return bytes(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException(culprit(target, forms, e), e);
    }
  }

  private static Object formOf(HazelcastSharedObjects parent, Object argument, int index) {
    if (argument == parent) {
      return Marker.SHARED_OBJECTS;
    }
    if (argument instanceof SharedObjects) {
      throw new IllegalArgumentException("Argument " + (index + 1) + " is another SharedObjects than the one the"
          + " process is started with; pass that one (the child gets its own, connected to the same cluster).");
    }
    return argument instanceof SharedObject object ? ObjectReference.to(object) : argument;
  }

  /** Says which part of a payload could not be serialized, and how to make it serializable. */
  private static String culprit(Serializable target, List<Object> forms, IOException failure) {
    List<Object> parts = new ArrayList<>();
    parts.add(target);
    parts.addAll(forms);
    for (int i = 0; i < parts.size(); i++) {
      try {
        bytes(parts.get(i));
      } catch (IOException e) {
        String part = i == 0 ? "The target" : "Argument " + i;
        String why = e instanceof NotSerializableException
            ? "it holds an instance of " + e.getMessage() + ", which is not java.io.Serializable"
            : e.toString();
        String fix = i == 0
            ? "use a method reference to a static method, or a lambda that captures only serializable values"
                + " (not this, nor a local that is not serializable)"
            : "pass shared objects, the SharedObjects itself, and serializable values only";
        return part + " (" + parts.get(i).getClass().getName() + ") cannot be sent to the child JVM: " + why + "; "
            + fix + ".";
      }
    }
    return "What the child JVM needs cannot be serialized: " + failure;
  }

  private static byte[] bytes(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }
}
