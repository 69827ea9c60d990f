package io.sharedobjects.inmemory;

import io.sharedobjects.inmemory.ValueCopier.Refusal;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sun.reflect.ReflectionFactory;

/**
 * Copies a record or plain class that is not {@link java.io.Serializable} field by field, the way
 * Hazelcast's zero-config Compact serialization stores it, and refuses the classes Compact refuses (see
 * {@link CompactRules}).
 *
 * <p>As in Compact, fields are copied by their declared type: transient fields come back with their
 * default value, {@code List} and {@code Set} fields come back as {@code ArrayList} and {@code HashSet},
 * {@code Map} fields as {@code HashMap}. Records are rebuilt through their canonical constructor, plain
 * classes are instantiated without running any of their constructors (as Hazelcast does, so a class needs
 * no no-arg constructor). A reference cycle is refused, as Compact cannot write one.
 *
 * <p>Thread-safe; the analysis of each class is cached.
 */
final class CompactCopier {

  private static final ClassValue<ObjectCopier> COPIERS =
      new ClassValue<>() {
        @Override
        protected ObjectCopier computeValue(Class<?> type) {
          return copierFor(type);
        }
      };

  /** Primitives and immutable value types: stored as they are, counted at their stored size. */
  private static final FieldCopier AS_IS = (value, state) -> {
    state.add(ValueCopier.leafSize(value));
    return value;
  };

  /** Compact's per-object overhead: the schema id and the offsets of variable-size fields, roughly. */
  private static final int OBJECT_HEADER = 12;

  private CompactCopier() {}

  /** Copies a value whose runtime class is a record or plain class, counting its size into {@code state}. */
  static Object copy(Object value, CopyState state) {
    return copyObject(value, state);
  }

  /** {@code state.path()} holds the objects being copied above this one, to detect a cycle. */
  private static Object copyObject(Object value, CopyState state) {
    if (value == null) {
      return null;
    }
    ObjectCopier copier = COPIERS.get(value.getClass());
    Set<Object> path = state.path();
    state.add(OBJECT_HEADER);
    if (!path.add(value)) {
      throw new Refusal("it refers back to an object that contains it; Compact cannot store cycles", null);
    }
    try {
      return copier.copy(value, state);
    } finally {
      path.remove(value);
    }
  }

  private static ObjectCopier copierFor(Class<?> type) {
    String reason = CompactRules.whyNotStorable(type);
    if (reason != null) {
      return (value, state) -> {
        throw new Refusal(reason, null);
      };
    }
    try {
      return type.isRecord() ? recordCopier(type) : plainCopier(type);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Typically InaccessibleObjectException: the class lives in a module that does not open it to us.
      String detail = "its fields cannot be read reflectively: " + e;
      return (value, state) -> {
        throw new Refusal(detail, e);
      };
    }
  }

  private static ObjectCopier recordCopier(Class<?> type) throws NoSuchMethodException {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    Method[] accessors = new Method[components.length];
    FieldCopier[] copiers = new FieldCopier[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
      accessors[i] = components[i].getAccessor();
      accessors[i].setAccessible(true);
      copiers[i] = named(components[i].getName(), forDeclaredType(components[i].getGenericType()));
    }
    Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
    canonical.setAccessible(true);
    return (value, state) -> {
      try {
        Object[] arguments = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
          arguments[i] = copiers[i].copy(accessors[i].invoke(value), state);
        }
        return canonical.newInstance(arguments);
      } catch (InvocationTargetException e) {
        throw new Refusal("copying it through its accessors and canonical constructor failed: " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new Refusal("copying it reflectively failed: " + e, e);
      }
    };
  }

  private static ObjectCopier plainCopier(Class<?> type) throws NoSuchMethodException {
    List<Field> fields = CompactRules.storedFields(type);
    FieldCopier[] copiers = new FieldCopier[fields.size()];
    for (int i = 0; i < copiers.length; i++) {
      Field field = fields.get(i);
      field.setAccessible(true);
      copiers[i] = named(field.getName(), forDeclaredType(field.getGenericType()));
    }
    // Creates the instance the way deserialization does: without running any constructor of the class.
    Constructor<?> instantiator =
        ReflectionFactory.getReflectionFactory()
            .newConstructorForSerialization(type, Object.class.getDeclaredConstructor());
    instantiator.setAccessible(true);
    return (value, state) -> {
      try {
        Object copy = instantiator.newInstance();
        for (int i = 0; i < copiers.length; i++) {
          Field field = fields.get(i);
          field.set(copy, copiers[i].copy(field.get(value), state));
        }
        return copy;
      } catch (ReflectiveOperationException e) {
        throw new Refusal("copying it reflectively failed: " + e, e);
      }
    };
  }

  /** Adds the field's name to a refusal from inside it, so the message leads to the culprit. */
  private static FieldCopier named(String name, FieldCopier copier) {
    return (value, state) -> {
      try {
        return copier.copy(value, state);
      } catch (Refusal refusal) {
        String holds = value == null ? "" : " holds a " + value.getClass().getName() + ", which";
        throw new Refusal("field '" + name + "'" + holds + " is not storable: " + refusal.getMessage(), refusal.getCause());
      }
    };
  }

  /** How to copy a field's value given its declared type, which {@link CompactRules} has accepted. */
  private static FieldCopier forDeclaredType(Type type) {
    if (type instanceof Class<?> c) {
      if (c == BigDecimal.class) {
        // Compact stores the number, not the class: a subclass comes back as a plain BigDecimal.
        return (value, state) -> {
          state.add(ValueCopier.leafSize(value));
          return value == null || value.getClass() == BigDecimal.class
              ? value
              : new BigDecimal(((BigDecimal) value).unscaledValue(), ((BigDecimal) value).scale());
        };
      }
      if (c.isPrimitive() || CompactRules.isValueType(c)) {
        return AS_IS;
      }
      if (c.isArray()) {
        return arrayCopier(c.getComponentType());
      }
      return CompactCopier::copyObject;
    }
    ParameterizedType parameterized = (ParameterizedType) type;
    Class<?> raw = (Class<?>) parameterized.getRawType();
    Type[] arguments = parameterized.getActualTypeArguments();
    if (raw == List.class || raw == ArrayList.class) {
      return collectionCopier(false, elementCopier((Class<?>) arguments[0]));
    }
    if (raw == Set.class || raw == HashSet.class) {
      return collectionCopier(true, elementCopier((Class<?>) arguments[0]));
    }
    return mapCopier(elementCopier((Class<?>) arguments[0]), elementCopier((Class<?>) arguments[1]));
  }

  private static FieldCopier arrayCopier(Class<?> component) {
    if (component.isPrimitive()) {
      return (value, state) -> {
        if (value == null) {
          return null;
        }
        state.add(ValueCopier.primitiveArraySize(value));
        return ValueCopier.copyPrimitiveArray(value);
      };
    }
    FieldCopier elements = forDeclaredType(component);
    return (value, state) -> {
      if (value == null) {
        return null;
      }
      int length = Array.getLength(value);
      state.add(4);
      Object copy = Array.newInstance(component, length);
      for (int i = 0; i < length; i++) {
        Array.set(copy, i, elements.copy(Array.get(value, i), state));
      }
      return copy;
    };
  }

  /** Copies a collection element or map key or value, checking it is what the type argument says. */
  private static FieldCopier elementCopier(Class<?> declared) {
    FieldCopier copier = forDeclaredType(declared);
    return (value, state) -> {
      if (value != null && !declared.isInstance(value)) {
        throw new Refusal(
            "it holds a " + value.getClass().getName() + " where its type argument is " + declared.getName(), null);
      }
      return copier.copy(value, state);
    };
  }

  private static FieldCopier collectionCopier(boolean isSet, FieldCopier elements) {
    return (value, state) -> {
      if (value == null) {
        return null;
      }
      Collection<?> source = (Collection<?>) value;
      state.add(4);
      Collection<Object> copy = isSet ? new HashSet<>() : new ArrayList<>(source.size());
      for (Object element : source) {
        copy.add(elements.copy(element, state));
      }
      return copy;
    };
  }

  private static FieldCopier mapCopier(FieldCopier keys, FieldCopier values) {
    return (value, state) -> {
      if (value == null) {
        return null;
      }
      state.add(4);
      Map<Object, Object> copy = new HashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        copy.put(keys.copy(entry.getKey(), state), values.copy(entry.getValue(), state));
      }
      return copy;
    };
  }

  /** Copies one object of the class it was made for. */
  @FunctionalInterface
  private interface ObjectCopier {
    Object copy(Object value, CopyState state);
  }

  /** Copies one field value (possibly null) of the declared type it was made for. */
  @FunctionalInterface
  private interface FieldCopier {
    Object copy(Object value, CopyState state);
  }
}
