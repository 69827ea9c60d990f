package io.sharedobjects.guice;

import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.hazelcast.LockBackend;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every reference of this module to Hazelcast and to the adapter. The JVM loads this class, and with it
 * Hazelcast, only when a Hazelcast factory of {@link SharedObjectsModule} runs, so an application that uses
 * {@link SharedObjectsModule#inMemory()} needs neither on its classpath.
 */
final class HazelcastBackends {

  private HazelcastBackends() {}

  static Backend configured(SharedObjectsSettings settings) {
    return new Configured(settings);
  }

  static Backend supplied(Supplier<HazelcastSharedObjects> factory) {
    return new Supplied(Objects.requireNonNull(factory, "factory"));
  }

  /** Takes {@code Object} so that {@link SharedObjectsModule}'s signatures never name a Hazelcast type. */
  static Backend wrapping(Object hazelcast) {
    return new Wrapped((HazelcastInstance) Objects.requireNonNull(hazelcast, "hazelcast"));
  }

  /** Fails with a clear message now, rather than with a {@code NoClassDefFoundError} at injection. */
  static void checkOnClasspath(String what) {
    for (String name : new String[] {"io.sharedobjects.hazelcast.HazelcastSharedObjects", "com.hazelcast.core.HazelcastInstance"}) {
      try {
        Class.forName(name, false, SharedObjectsModule.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException(what + " needs the Hazelcast backend, but " + name + " is not on the"
            + " classpath. Add the dependency io.sharedobjects:shared-objects-hazelcast (it brings Hazelcast), or"
            + " use the in-memory backend.", e);
      }
    }
  }

  /** An embedded member or a client started from settings (the factories without arguments, the environment). */
  record Configured(SharedObjectsSettings settings) implements Backend {
    @Override
    public SharedObjects open() {
      HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder();
      if (settings.clusterName() != null) {
        builder.clusterName(settings.clusterName());
      }
      if (settings.port() != null) {
        builder.port(settings.port());
      }
      if (settings.connectTimeout() != null) {
        builder.connectTimeout(settings.connectTimeout());
      }
      if (settings.lockBackend() != null) {
        builder.lockBackend(LockBackend.valueOf(settings.lockBackend().toUpperCase(Locale.ROOT)));
      }
      if (settings.mode() == SharedObjectsSettings.Mode.CLIENT) {
        return builder.client(settings.addresses().toArray(String[]::new));
      }
      if (!settings.addresses().isEmpty()) {
        builder.members(settings.addresses().toArray(String[]::new));
      }
      return builder.embedded();
    }

    @Override
    public String describe() {
      return settings.toString();
    }
  }

  /** Whatever the application's factory starts; closed with the injector's lifecycle. */
  record Supplied(Supplier<HazelcastSharedObjects> factory) implements Backend {
    @Override
    public SharedObjects open() {
      return Objects.requireNonNull(factory.get(), "the SharedObjects factory returned null");
    }

    @Override
    public String describe() {
      return "hazelcast from " + factory;
    }
  }

  /** The application's own instance; {@code HazelcastSharedObjects.close()} leaves it running. */
  record Wrapped(HazelcastInstance hazelcast) implements Backend {
    @Override
    public SharedObjects open() {
      return HazelcastSharedObjects.wrap(hazelcast);
    }

    @Override
    public String describe() {
      return "hazelcast using " + hazelcast.getName();
    }
  }
}
