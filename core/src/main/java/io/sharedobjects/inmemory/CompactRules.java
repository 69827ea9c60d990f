package io.sharedobjects.inmemory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which records and plain classes Hazelcast 5.7's zero-config Compact serialization accepts, as measured on
 * a real member; where unsure, the rule here is the stricter one.
 *
 * <p>A class is accepted when it is a concrete class outside the JDK and each of its non-static,
 * non-transient fields (its superclasses' included) is declared as: a primitive or boxed primitive, a
 * {@code String}, {@code BigDecimal}, {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime} or
 * {@code OffsetDateTime}, an enum, another such class, a one-dimensional array of any of these, or a
 * {@code List}, {@code ArrayList}, {@code Set}, {@code HashSet}, {@code Map} or {@code HashMap} whose type
 * arguments are such non-primitive, non-array, non-collection types. Hazelcast refuses, among others,
 * fields declared as {@code Object}, {@code Serializable} or another interface, {@code Instant},
 * {@code UUID}, {@code Duration}, {@code BigInteger}, {@code Optional} and {@code List<Object>}. A missing
 * no-arg constructor does not matter.
 *
 * <p>Stateless and thread-safe.
 */
final class CompactRules {

  private static final Set<Class<?>> VALUE_TYPES =
      Set.of(
          Boolean.class, Byte.class, Short.class, Character.class, Integer.class, Long.class,
          Float.class, Double.class, String.class, BigDecimal.class, LocalDate.class, LocalTime.class,
          LocalDateTime.class, OffsetDateTime.class);

  private static final Set<Class<?>> COLLECTION_TYPES =
      Set.of(List.class, ArrayList.class, Set.class, HashSet.class, Map.class, HashMap.class);

  private CompactRules() {}

  /**
   * Returns why Compact serialization cannot store instances of {@code type}, or null if it can. The reason
   * names the offending field when there is one.
   */
  static String whyNotStorable(Class<?> type) {
    return checkClass(type, new HashSet<>());
  }

  /**
   * Why a field declared so cannot be stored as a Compact field, or null if it can; empty when its declared
   * type alone says it all.
   */
  static String whyFieldNotStorable(Field field) {
    return checkFieldType(field.getGenericType(), new HashSet<>());
  }

  /** Whether a field of this declared type is stored as a single immutable value. */
  static boolean isValueType(Class<?> type) {
    return VALUE_TYPES.contains(type) || type.isEnum();
  }

  static boolean isCollectionType(Class<?> type) {
    return COLLECTION_TYPES.contains(type);
  }

  /** The fields Compact stores: non-static, non-transient, the class's own first, then its superclasses'. */
  static List<Field> storedFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
          fields.add(field);
        }
      }
    }
    return fields;
  }

  static boolean isJdkClass(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  /** Checks a class stored as a Compact object; {@code inProgress} lets self-referencing types pass. */
  private static String checkClass(Class<?> type, Set<Class<?>> inProgress) {
    if (type.isInterface()) {
      return type.getName() + " is an interface";
    }
    if (isJdkClass(type)) {
      return type.getName() + " is a JDK class that is not java.io.Serializable";
    }
    if (type.isHidden()) {
      return type.getName() + " is a lambda or another hidden class";
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      return type.getName() + " is abstract";
    }
    if (!inProgress.add(type)) {
      return null;
    }
    for (Class<?> c = type.getSuperclass(); c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
      if (isJdkClass(c)) {
        return "it extends " + c.getName() + ", a JDK class";
      }
    }
    for (Field field : storedFields(type)) {
      String reason = checkFieldType(field.getGenericType(), inProgress);
      if (reason != null) {
        return "field '"
            + field.getName()
            + "' of type "
            + field.getGenericType().getTypeName()
            + " is not storable"
            + (reason.isEmpty() ? "" : ": " + reason);
      }
    }
    return null;
  }

  /** Null if a field may be declared so; else the reason, empty when the type alone says it all. */
  private static String checkFieldType(Type type, Set<Class<?>> inProgress) {
    if (type instanceof Class<?> c) {
      if (c.isPrimitive() || isValueType(c)) {
        return null;
      }
      if (c.isArray()) {
        Class<?> component = c.getComponentType();
        return component.isPrimitive() ? null : checkElementType(component, inProgress);
      }
      if (isCollectionType(c)) {
        return "declare its type arguments, such as List<String>";
      }
      return checkElementType(c, inProgress);
    }
    if (type instanceof ParameterizedType p
        && p.getRawType() instanceof Class<?> raw
        && isCollectionType(raw)) {
      for (Type argument : p.getActualTypeArguments()) {
        if (!(argument instanceof Class<?> c)) {
          return "";
        }
        String reason = checkElementType(c, inProgress);
        if (reason != null) {
          return reason;
        }
      }
      return null;
    }
    return "";
  }

  /** Checks an array's component type or a collection's type argument. */
  private static String checkElementType(Class<?> type, Set<Class<?>> inProgress) {
    if (isValueType(type)) {
      return null;
    }
    if (type.isPrimitive() || type.isArray() || isCollectionType(type) || isJdkClass(type)) {
      return "";
    }
    return checkClass(type, inProgress);
  }
}
