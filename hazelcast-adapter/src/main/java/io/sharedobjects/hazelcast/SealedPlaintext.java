package io.sharedobjects.hazelcast;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.UnreadableValueException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What is sealed for an item when an authKey is set: one tag byte, then the item's bytes. Strings, integers
 * and longs are written here directly (UTF-8, big-endian); Hazelcast's own bytes are used for the other
 * items its serializers write without Java serialization (boxed numbers, byte arrays, and classes that are
 * not {@code Serializable}, which Hazelcast writes as Compact); a
 * {@code Serializable} item is written with the JDK's object streams, here, and read back here, only after
 * its seal was verified. So the Hazelcast instances of a process with a key can refuse to deserialize any
 * class but the JDK's and Hazelcast's own: no class of the user's is deserialized from what a peer without
 * the key writes.
 *
 * <p>Stateless; its functions are thread-safe.
 */
final class SealedPlaintext {

  private static final byte NULL = 0;
  private static final byte HAZELCAST = 1;
  private static final byte JAVA = 2;
  /** The commonest keys and values, written here directly: no serializer's header, no copy. */
  private static final byte STRING = 3;
  private static final byte INTEGER = 4;
  private static final byte LONG = 5;

  /**
   * The other Serializable classes Hazelcast writes with serializers of its own, never Java serialization
   * (strings, integers and longs are written here before this is looked at).
   */
  private static final Set<Class<?>> HAZELCAST_BUILT_IN = Set.of(
      Double.class, Float.class, Short.class, Byte.class, Character.class, Boolean.class, byte[].class,
      UUID.class, BigInteger.class, BigDecimal.class);

  private SealedPlaintext() {}

  /**
   * The plaintext of an item as stored (its null marker, reference, or itself); {@code hazelcastBytes}
   * serializes with Hazelcast.
   *
   * @throws NotStorableException if a {@code Serializable} item cannot be written with Java serialization
   */
  static byte[] encode(Object marked, Function<Object, byte[]> hazelcastBytes) {
    if (marked == NullMarker.INSTANCE) {
      return new byte[] {NULL};
    }
    if (marked instanceof String text) {
      return tagged(STRING, text.getBytes(StandardCharsets.UTF_8));
    }
    if (marked instanceof Integer number) {
      return ByteBuffer.allocate(5).put(INTEGER).putInt(number).array();
    }
    if (marked instanceof Long number) {
      return ByteBuffer.allocate(9).put(LONG).putLong(number).array();
    }
    if (HAZELCAST_BUILT_IN.contains(marked.getClass()) || !(marked instanceof Serializable)) {
      return tagged(HAZELCAST, hazelcastBytes.apply(marked));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(JAVA);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(marked);
    } catch (NotSerializableException e) {
      throw NotStorableException.forValue(marked, "java.io.NotSerializableException: " + e.getMessage(),
          null, e);
    } catch (IOException e) {
      throw NotStorableException.forValue(marked, e.toString(), null, e);
    }
    return bytes.toByteArray();
  }

  /**
   * The item of a verified plaintext, as stored; {@code hazelcastObject} deserializes Hazelcast's bytes.
   *
   * @throws UnreadableValueException if its class is missing here or cannot be read back
   */
  static Object decode(byte[] plaintext, Function<byte[], Object> hazelcastObject) {
    return switch (plaintext[0]) {
      case NULL -> NullMarker.INSTANCE;
      case STRING -> new String(plaintext, 1, plaintext.length - 1, StandardCharsets.UTF_8);
      case INTEGER -> ByteBuffer.wrap(plaintext, 1, 4).getInt();
      case LONG -> ByteBuffer.wrap(plaintext, 1, 8).getLong();
      case HAZELCAST -> hazelcastObject.apply(Arrays.copyOfRange(plaintext, 1, plaintext.length));
      case JAVA -> javaObject(Arrays.copyOfRange(plaintext, 1, plaintext.length));
      default -> throw new UnreadableValueException("Could not read a stored value back: an unknown format "
          + plaintext[0] + ", written by a newer version of shared-objects? Use one version in every process.",
          null);
    };
  }

  private static Object javaObject(byte[] bytes) {
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new UnreadableValueException("Could not read a stored value back: class " + e.getMessage()
          + " is not on this process's classpath. Put the value's class (same version) on this process's"
          + " classpath.", e);
    } catch (IOException e) {
      throw new UnreadableValueException("Could not read a stored value back: " + e
          + ". Put the value's class (same version) on this process's classpath.", e);
    }
  }

  private static byte[] tagged(byte tag, byte[] bytes) {
    byte[] out = new byte[bytes.length + 1];
    out[0] = tag;
    System.arraycopy(bytes, 0, out, 1, bytes.length);
    return out;
  }

  /** Resolves classes with the thread's context class loader first, as Hazelcast does. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    LoaderObjectInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null) {
        try {
          return Class.forName(desc.getName(), false, context);
        } catch (ClassNotFoundException notThere) {
          // fall back to the default resolution
        }
      }
      return super.resolveClass(desc);
    }
  }
}
