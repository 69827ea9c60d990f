package io.sharedobjects.inmemory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Copies a {@link java.io.Serializable} value by a Java serialization round trip, which is how Hazelcast
 * stores such values; a value that does not survive the round trip is refused.
 *
 * <p>Stateless and thread-safe.
 */
final class SerializationCopier {

  private SerializationCopier() {}

  /** Copies {@code value}, counting its serialized length, which is what Hazelcast stores, into {@code state}. */
  static Object copy(Object value, CopyState state) {
    byte[] bytes = serialize(value);
    state.add(bytes.length); // before reading back: a refused value is never duplicated
    try (ObjectInputStream in = new LoaderAwareInputStream(new ByteArrayInputStream(bytes), value.getClass())) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new ValueCopier.Refusal("Java serialization wrote it but could not read it back: " + e, e);
    }
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      // The exception's message is the name of the class that broke the chain, usually one held inside.
      throw new ValueCopier.Refusal(
          "it holds an instance of " + e.getMessage() + ", which is not java.io.Serializable", e);
    } catch (IOException | RuntimeException e) {
      throw new ValueCopier.Refusal("Java serialization failed: " + e, e);
    }
    return bytes.toByteArray();
  }

  /**
   * Resolves classes through the value's own class loader and the thread's context class loader before
   * the default, so classes that only a test or application class loader knows still resolve.
   */
  private static final class LoaderAwareInputStream extends ObjectInputStream {
    private final ClassLoader valueLoader;

    LoaderAwareInputStream(InputStream in, Class<?> valueType) throws IOException {
      super(in);
      this.valueLoader = valueType.getClassLoader();
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      String name = desc.getName();
      for (ClassLoader loader : new ClassLoader[] {valueLoader, Thread.currentThread().getContextClassLoader()}) {
        if (loader != null) {
          try {
            return Class.forName(name, false, loader);
          } catch (ClassNotFoundException ignored) {
            // try the next loader
          }
        }
      }
      return super.resolveClass(desc);
    }
  }
}
