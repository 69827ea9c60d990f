package io.sharedobjects.guice;

import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.guice.SharedObjectsSettings.Setting;
import io.sharedobjects.guice.SharedObjectsSettings.Source;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.hazelcast.SharedObjectsSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every reference of this module to Hazelcast and to the adapter. The JVM loads this class, and with it
 * Hazelcast, only when a Hazelcast factory of {@link SharedObjectsModule} runs, so an application that uses
 * {@link SharedObjectsModule#inMemory()} needs neither on its classpath.
 */
final class HazelcastFactories {

  private HazelcastFactories() {}

  /** The adapter's settings from {@code source}, parsed and checked now by the adapter's parser. */
  static SharedObjectsFactory configured(Source source) {
    Map<String, String> values = new HashMap<>();
    Map<String, String> origins = new HashMap<>();
    for (String key : SharedObjectsSpec.KEYS) {
      Setting setting = source.find(key);
      if (setting != null) {
        values.put(key, setting.value());
        origins.put(key, setting.origin());
      }
    }
    SharedObjectsSpec spec =
        SharedObjectsSpec.parse(values, key -> origins.getOrDefault(key, SharedObjectsSpec.property(key)));
    return new Configured(spec, List.of());
  }

  /** An embedded member with the adapter's defaults. */
  static SharedObjectsFactory embedded() {
    return new Configured(SharedObjectsSpec.parse(Map.of()), List.of());
  }

  /** A client of the default cluster at these addresses. */
  static SharedObjectsFactory client(List<String> addresses) {
    SharedObjectsSpec spec = SharedObjectsSpec.parse(Map.of("mode", "client", "addresses", String.join(",", addresses)),
        key -> "SharedObjectsModule.client(...)");
    return new Configured(spec, List.of());
  }

  static SharedObjectsFactory supplied(Supplier<HazelcastSharedObjects> factory) {
    return new Supplied(Objects.requireNonNull(factory, "factory"));
  }

  /** Takes {@code Object} so that {@link SharedObjectsModule}'s signatures never name a Hazelcast type. */
  static SharedObjectsFactory wrapping(Object hazelcast) {
    return new Wrapped((HazelcastInstance) Objects.requireNonNull(hazelcast, "hazelcast"), List.of());
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

  private static <T> List<T> plus(List<T> list, T element) {
    List<T> longer = new ArrayList<>(list);
    longer.add(Objects.requireNonNull(element, "customizer"));
    return List.copyOf(longer);
  }

  private static String countOf(List<?> customizers) {
    int count = customizers.size();
    return count == 0 ? "" : ", " + count + (count == 1 ? " customizer" : " customizers");
  }

  /**
   * An embedded member or a client started from parsed settings (the factories without a Hazelcast
   * argument), with the application's customizers applied to the builder after the settings.
   */
  record Configured(SharedObjectsSpec spec, List<Consumer<? super HazelcastSharedObjectsBuilder>> customizers)
      implements SharedObjectsFactory {
    @Override
    public SharedObjects open() {
      HazelcastSharedObjectsBuilder builder = spec.applyTo(HazelcastSharedObjects.builder());
      customizers.forEach(customizer -> customizer.accept(builder));
      return spec.start(builder);
    }

    @Override
    public String describe() {
      return "hazelcast " + spec + countOf(customizers);
    }

    @Override
    public SharedObjectsFactory customized(Consumer<? super HazelcastSharedObjectsBuilder> customizer) {
      return new Configured(spec, plus(customizers, customizer));
    }
  }

  /** Whatever the application's factory starts; closed with the injector's lifecycle. */
  record Supplied(Supplier<HazelcastSharedObjects> factory) implements SharedObjectsFactory {
    @Override
    public SharedObjects open() {
      return Objects.requireNonNull(factory.get(), "the SharedObjects factory returned null");
    }

    @Override
    public String describe() {
      return "hazelcast from " + factory;
    }

    @Override
    public SharedObjectsFactory customized(Consumer<? super HazelcastSharedObjectsBuilder> customizer) {
      throw new IllegalStateException("customize(...) does not apply to SharedObjectsModule.hazelcast(factory):"
          + " the factory builds the instance; set the builder's options there.");
    }
  }

  /**
   * The application's own instance, wrapped with a builder's options that apply to wrapping (lock backend,
   * lease, timeout, size limit); {@code HazelcastSharedObjects.close()} leaves it running.
   */
  record Wrapped(HazelcastInstance hazelcast, List<Consumer<? super HazelcastSharedObjectsBuilder>> customizers)
      implements SharedObjectsFactory {
    @Override
    public SharedObjects open() {
      HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder();
      customizers.forEach(customizer -> customizer.accept(builder));
      return builder.wrap(hazelcast);
    }

    @Override
    public String describe() {
      return "hazelcast using " + hazelcast.getName() + countOf(customizers);
    }

    @Override
    public SharedObjectsFactory customized(Consumer<? super HazelcastSharedObjectsBuilder> customizer) {
      return new Wrapped(hazelcast, plus(customizers, customizer));
    }
  }
}
