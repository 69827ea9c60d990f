package io.sharedobjects.inmemory;

import io.sharedobjects.SharedObject;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Why a value that a backend refused cannot be stored, told as a user can act on it: the field that holds
 * the offending object, that object's class, and the one fix that applies. Both backends store a {@link
 * Serializable} class with Java serialization (every non-transient field's value must then be {@code
 * Serializable} too) and any other class as a record or plain class of storable fields ({@link
 * CompactRules}); advice of the other way, or to change a JDK class, could not work and is never given.
 * Thread-safe (stateless).
 */
public final class Storability {

  /** How deep into nested objects the search goes before it gives up. */
  private static final int MAX_DEPTH = 16;

  private Storability() {}

  /**
   * The reason and fix for {@code value}, a class of the user's own, or null when none can be told better
   * than the backend's own words (a JDK class, a shared object, a refusal for another reason).
   */
  public static String explain(Object value) {
    if (value == null) {
      return null;
    }
    Class<?> type = value.getClass();
    if (value instanceof SharedObject || CompactRules.isJdkClass(type)) {
      return null; // the backends' own messages say it: store a shared object's name, a JDK class's data
    }
    if (value instanceof Serializable) {
      String found = findUnserializable(value, type.getSimpleName(), new IdentityHashMap<>(), 0);
      return found == null ? null : "it is java.io.Serializable, so Java serialization stores it with every"
          + " non-transient field, and " + found;
    }
    String reason = CompactRules.whyNotStorable(type);
    if (reason == null) {
      return null;
    }
    Field field = offendingField(type);
    if (field == null) {
      return "as a record or plain class (it is not java.io.Serializable) it cannot be stored: " + reason;
    }
    Class<?> declared = field.getType();
    String fix;
    if (declared == Object.class || declared.isInterface() || Modifier.isAbstract(declared.getModifiers())
        || !CompactRules.isJdkClass(declared)) {
      fix = "Declare the field with a concrete storable type (primitives, strings, numbers, java.time types,"
          + " enums, arrays, List/Set/Map with type arguments, or such classes of your own), or mark it"
          + " transient; or make " + type.getName() + " java.io.Serializable, and what the field holds too";
    } else {
      fix = "Mark the field transient (it is then not stored, and reads back as null), or store what it"
          + " stands for (a name, an id, its data) instead";
    }
    String fieldReason = CompactRules.whyFieldNotStorable(field);
    return "as a record or plain class (it is not java.io.Serializable) its field '" + field.getName()
        + "' of type " + field.getGenericType().getTypeName() + " is not storable"
        + (fieldReason == null || fieldReason.isEmpty() ? "" : ": " + fieldReason) + ". " + fix;
  }

  /** The first stored field of {@code type} whose declared type the Compact rules refuse, or null. */
  private static Field offendingField(Class<?> type) {
    for (Field field : CompactRules.storedFields(type)) {
      if (CompactRules.whyFieldNotStorable(field) != null) {
        return field;
      }
    }
    return null;
  }

  /**
   * Where under {@code value} (a {@code Serializable} object, reached as {@code path}) Java serialization
   * meets an object that is not {@code Serializable}, with the fix; null if nowhere.
   */
  private static String findUnserializable(Object value, String path, Map<Object, Boolean> seen, int depth) {
    if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
      return null;
    }
    Class<?> type = value.getClass();
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) {
        return null;
      }
      for (int i = 0; i < Array.getLength(value); i++) {
        String found = check(Array.get(value, i), path + "[" + i + "]", seen, depth);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (value instanceof Collection<?> collection && CompactRules.isJdkClass(type)) {
      int i = 0;
      for (Object element : collection) {
        String found = check(element, path + "[" + i++ + "]", seen, depth);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (value instanceof Map<?, ?> map && CompactRules.isJdkClass(type)) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String found = check(entry.getKey(), path + " (a key)", seen, depth);
        if (found == null) {
          found = check(entry.getValue(), path + "[" + entry.getKey() + "]", seen, depth);
        }
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (CompactRules.isJdkClass(type)) {
      return null; // a Serializable JDK class serializes its own state
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.getType().isPrimitive()) {
          continue;
        }
        Object fieldValue;
        try {
          field.setAccessible(true);
          fieldValue = field.get(value);
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
          continue;
        }
        String found = check(fieldValue, path + "." + field.getName(), seen, depth);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The problem with one object met at {@code path} during Java serialization, or null. */
  private static String check(Object value, String path, Map<Object, Boolean> seen, int depth) {
    if (value == null) {
      return null;
    }
    if (value instanceof Serializable) {
      return findUnserializable(value, path, seen, depth + 1);
    }
    Class<?> type = value.getClass();
    String fix = CompactRules.isJdkClass(type)
        ? "Mark the field transient (it is then not stored, and reads back as null), or store what it stands for"
            + " (a name, an id, its data) instead"
        : "Make " + type.getName() + " java.io.Serializable too, or mark the field transient";
    return path + " holds a " + type.getName() + ", which is not java.io.Serializable. " + fix;
  }
}
